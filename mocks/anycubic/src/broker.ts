/**
 * The aedes broker that stands in for the printer's embedded gkapi broker: plain MQTT (2883
 * standalone) and optional MQTTS (9883 standalone, self-signed certificates are fine — real clients do
 * not verify them, per the notes), username/password enforced on every CONNECT.
 *
 * Every socket gets TCP no-delay: with Nagle on, QoS 1 round trips through the broker are capped at
 * ~23/s by delayed ACKs (DESIGN.md, "Measured on these machines").
 */
import { timingSafeEqual } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';

export interface AnycubicBrokerOptions {
  host: string;
  port: number;
  username: string;
  password: string;
  tls?: BrokerTlsOptions | undefined;
  /**
   * Credentials besides `username`/`password` (the LAN-mode ones a handshake handed out): returns who
   * they belong to, or undefined to refuse. Clients logged in so can be closed with `kickOwner`.
   */
  acceptCredentials?: (username: string, password: string) => string | undefined;
  /** Asked on every CONNECT with valid credentials; true refuses it (the `auth-failure` fault). */
  refuseConnect?: (clientId: string) => boolean;
}

export interface BrokerTlsOptions {
  port?: number | undefined;
  key: string | Uint8Array;
  cert: string | Uint8Array;
  /**
   * Ask for an optional client certificate, as the printer's broker does (notes, "TLS broker on 9883");
   * default true. A client without one is still accepted.
   */
  requestCert?: boolean | undefined;
  /**
   * Highest TLS version offered; default 'TLSv1.2': the printer's stack is reached over TLS 1.2 (clients
   * force it because TLS 1.3 stacks sending no client certificate may be aborted — TigerTag §5).
   */
  maxVersion?: 'TLSv1.2' | 'TLSv1.3' | undefined;
}

export interface AnycubicBroker {
  readonly aedes: Aedes;
  readonly port: number;
  readonly tlsPort: number | undefined;
  /**
   * Open MQTT connections (sockets). Printers hosted in the broker's process have none and are not
   * counted; a printer attached over a socket (`attachSimulatedAnycubicPrinter`) is.
   */
  connectionCount(): number;
  /** Closes a connected client without a DISCONNECT (its will is published); unknown ids are ignored. */
  kick(clientId: string): void;
  /** Closes every client that logged in with credentials `acceptCredentials` gave to `owner`. */
  kickOwner(owner: string): void;
  close(): Promise<void>;
}

/** aedes' return code 4: "bad user name or password" (MQTT 3.1.1 CONNACK). */
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

function sameSecret(given: Readonly<Buffer | string | undefined>, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authError(message: string, returnCode: number): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

export async function startAnycubicBroker(options: AnycubicBrokerOptions): Promise<AnycubicBroker> {
  /** Who gave each client its credentials (LAN-mode logins only). */
  const owners = new Map<Client, string>();
  const aedes = await Aedes.createBroker({
    authenticate: (client: Client, username, password, done) => {
      const fixed = sameSecret(username, options.username) && sameSecret(password, options.password);
      const owner =
        fixed || username === undefined || password === undefined
          ? undefined
          : options.acceptCredentials?.(username, Buffer.from(password).toString('utf8'));
      if (!fixed && owner === undefined) {
        done(authError('Bad username or password', BAD_USERNAME_OR_PASSWORD), false);
        return;
      }
      if (options.refuseConnect?.(client.id)) {
        done(authError('Not authorized (injected fault)', NOT_AUTHORIZED), false);
        return;
      }
      if (owner !== undefined) owners.set(client, owner);
      done(null, true);
    },
  });
  // A client that misbehaves is closed by aedes; the error event must not crash the process.
  aedes.on('clientError', () => {});
  aedes.on('connectionError', () => {});
  const clients = new Map<string, Client>();
  aedes.on('client', (client) => clients.set(client.id, client));
  aedes.on('clientDisconnect', (client) => {
    if (clients.get(client.id) === client) clients.delete(client.id);
    owners.delete(client);
  });
  aedes.on('clientError', (client) => owners.delete(client));

  const sockets = new Set<Socket>();
  const accept = (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    aedes.handle(socket);
  };

  const servers: Server[] = [];
  const plain = createServer(accept);
  servers.push(plain);
  const port = await listen(plain, options.port, options.host);
  let tlsPort: number | undefined;
  if (options.tls) {
    const secure = createTlsServer(
      {
        key: toPem(options.tls.key),
        cert: toPem(options.tls.cert),
        requestCert: options.tls.requestCert ?? true,
        // Optional: any certificate, or none, is fine (the printer does not check one either).
        rejectUnauthorized: false,
        maxVersion: options.tls.maxVersion ?? 'TLSv1.2',
      },
      accept,
    );
    // A failed TLS handshake must not take the process down.
    secure.on('tlsClientError', () => {});
    servers.push(secure);
    tlsPort = await listen(secure, options.tls.port ?? 0, options.host);
  }

  return {
    aedes,
    port,
    tlsPort,
    connectionCount: () => sockets.size,
    kick: (clientId) => clients.get(clientId)?.close(),
    kickOwner: (owner) => {
      for (const [client, holder] of [...owners]) {
        if (holder !== owner) continue;
        owners.delete(client);
        client.close();
      }
    },
    close: async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
      );
    },
  };
}

function toPem(value: string | Uint8Array): string | Buffer {
  return typeof value === 'string' ? value : Buffer.from(value);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
