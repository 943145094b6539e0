/**
 * The broker socket under mqtt.js, built here rather than by mqtt.js so that TCP_NODELAY is on
 * (Nagle + delayed ACK caps request/response at ~23 round trips/s, DESIGN.md) and TLS always has an
 * explicit trust choice (`tls-trust.ts`). Also: which CONNACK codes mean "credentials refused".
 */
import { connect as netConnect } from 'node:net';
import { AuthError, type ConnectionError } from '@printkit/core-types';
import type { IStream } from 'mqtt';
import { openTlsSocket, type TlsTrust } from './tls-trust.js';

/** Plain MQTT port of the gkapi broker. */
export const DEFAULT_PORT = 2883;
/** MQTT over TLS ("LAN mode"). */
export const DEFAULT_TLS_PORT = 9883;

export type BrokerSocket = IStream & { once(event: 'error', listener: (error: Error) => void): unknown };

export interface BrokerAddress {
  readonly host: string;
  readonly port: number;
  readonly tls: TlsTrust | undefined;
}

/** A fresh socket to the broker: plain TCP, or TLS with the trust choice. */
export function openBrokerSocket(
  address: BrokerAddress,
  onPinMismatch: (error: ConnectionError) => void,
): BrokerSocket {
  const { host, port, tls } = address;
  if (!tls) return netConnect({ host, port, noDelay: true });
  return openTlsSocket(host, port, tls, onPinMismatch);
}

/** CONNACK codes that mean the credentials were refused (MQTT 3.1.1: 4, 5; MQTT 5: 134, 135). */
const AUTH_REFUSED: ReadonlySet<number> = new Set([4, 5, 134, 135]);

/** An `AuthError` when mqtt.js's error is a CONNACK refusing the credentials, else undefined. */
export function authRefusal(error: unknown): AuthError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'number' || !AUTH_REFUSED.has(code)) return undefined;
  return new AuthError(`The printer broker refused the username or password (CONNACK ${code})`, {
    cause: error,
    operation: 'connect',
  });
}
