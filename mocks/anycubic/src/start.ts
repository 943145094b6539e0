/**
 * `startMockAnycubic`: an aedes broker hosting simulated printers plus their HTTP side, all on loopback:
 * the gkapi plain MQTT port (seed), optionally the LAN-mode TLS broker (9883 role) with a certificate
 * made at start-up, the :18910 server (discovery `/info`, signed `/ctrl`, upload) and optionally the
 * camera on a port of its own (18088 role).
 */
import { X509Certificate } from 'node:crypto';
import {
  type Clock,
  createManualClock,
  createRandom,
  type FaultPlan,
  type PrinterSim,
} from '@printkit/printer-sim';
import { startAnycubicBroker } from './broker.js';
import type { UdiskFile } from './device-state.js';
import { type FlvServer, startFlvServer } from './http/flv-server.js';
import { type PrinterHttpServer, startPrinterHttp } from './http.js';
import { LanAccess, type LanCredentials } from './lan/lan-access.js';
import { type HostedLanPrinter, lanRoutes } from './lan/lan-routes.js';
import { type AnycubicModel, anycubicModel, KOBRA_3 } from './models.js';
import type { PrintTimeUnit } from './reports/context.js';
import { advanceAll, defaultAnycubicSim, uploadToken } from './sim-helpers.js';
import { SimulatedAnycubicPrinter } from './simulated-printer.js';
import { createPrinterCertificate, type PrinterCertificate } from './tls-certificate.js';
import { InProcessTransport } from './transport/in-process-transport.js';

export interface MockAnycubicPrinterOptions {
  /** Default: 32 hex digits drawn from the seed (the shape of real device ids). */
  deviceId?: string;
  /** Default 20024 (Kobra 3). */
  modelId?: number;
  /** `printerName` in the info report; default the model's name. */
  name?: string;
  /** Default: a PrinterSim on the mock's clock, with a chamber heater on models that have one. */
  sim?: PrinterSim;
  /** ACE units; default 1. */
  aceUnits?: number;
  /** Files on the USB stick; default none. */
  udiskFiles?: UdiskFile[];
  /** LAN Mode switched on at the panel; default true (`/info` then says `ctrlType: "lan"`). */
  lanMode?: boolean;
  /** `/info` `modelId` as a string of digits; default the model's habit (S1, Kobra 3 V2: string). */
  modelIdAsString?: boolean;
}

export interface MockAnycubicTlsOptions {
  /** Default 0 (OS-chosen); the printer's is 9883. */
  port?: number;
  /** PEM key and certificate; default: a self-signed pair made at start-up (see `tls-certificate.ts`). */
  key?: string | Uint8Array;
  cert?: string | Uint8Array;
  /** Ask for an optional client certificate like the printer; default true. */
  requestCert?: boolean;
  /** Default 'TLSv1.2' (notes: the printer is reached over TLS 1.2). */
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

export interface MockAnycubicLanOptions {
  /** Real ms between discovery-token changes; default 300 000; 0 = only on power cycles. */
  tokenRotationMs?: number;
  /** Allowed distance of `/ctrl`'s `ts` from the wall clock, ms; default 300 000. */
  maxClockSkewMs?: number;
  /** Length of the IV source (`data.token`) in `/ctrl` answers; default 32 (unverified). */
  ivTokenLength?: number;
  /** New broker credentials on every power cycle (notes); default true. One source says they last. */
  rotateCredentialsOnPowerCycle?: boolean;
}

export interface MockAnycubicOptions {
  /** Plain MQTT port (gkapi); default 2883 (the printer's). Tests pass 0. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** The fixed gkapi credentials of the plain port (accepted on TLS too); default 'printkit'. */
  username?: string;
  /** Default 'printkit'. */
  password?: string;
  /** The :18910 server (discovery, `/ctrl`, upload); default 18910. Tests pass 0. */
  httpPort?: number;
  /**
   * The camera on a port of its own (18088 on the printer; tests pass 0): `info.urls.rtspUrl` then points
   * there. Default: none, and the camera is served on `httpPort` (the mock's older layout).
   */
  flvPort?: number;
  /** The LAN-mode MQTTS listener (9883 on the printer). Handshake credentials point here when it runs. */
  tls?: MockAnycubicTlsOptions;
  /** LAN-mode handshake settings. */
  lan?: MockAnycubicLanOptions;
  /** Default: one Kobra 3. */
  printers?: MockAnycubicPrinterOptions[];
  /** Seeds device ids, tokens, msgids and the default sims; default 1. */
  seed?: number;
  /** Default: one manual clock shared by all simulated printers. */
  clock?: Clock;
  /** Sim ms between pushed print reports while printing; default 5000. */
  reportIntervalMs?: number;
  /** Push info/tempature reports unasked (disputed in the notes); default false. */
  pushInfo?: boolean;
  /** Wire unit of print_time/remain_time; default 'minutes' (notes; one source says seconds). */
  printTimeUnit?: PrintTimeUnit;
  /** Multipart field names accepted by the upload endpoint; default ['gcode', 'file'] (unverified). */
  uploadFieldNames?: readonly string[];
  /** Largest upload body; default 64 MiB (larger: 413). */
  maxUploadBytes?: number;
}

/** A printer's LAN-mode side, for tests and the fleet. */
export interface MockLanControls {
  /** `GET` this for the discovery document (`?device=<id>` for all but the first printer). */
  readonly discoveryUrl: string;
  /** The discovery token `/info` serves now (secret: it derives the signing and AES keys). */
  readonly token: string;
  /** The broker credentials a handshake hands out now (they change on every power cycle). */
  readonly credentials: LanCredentials;
  readonly lanMode: boolean;
  /** Switches LAN Mode at the "panel"; off closes the LAN-mode clients and refuses their credentials. */
  setLanMode(on: boolean): void;
  /** Changes the discovery token now (the previous one stays valid until the next change). */
  rotateToken(): void;
}

export interface MockAnycubicPrinter {
  readonly deviceId: string;
  readonly modelId: number;
  readonly model: AnycubicModel;
  readonly sim: PrinterSim;
  readonly faults: FaultPlan;
  /** The `s` query token in info.urls.fileUploadurl. */
  readonly uploadToken: string;
  /** The `<token>` of the camera's `/live/<token>` URL. */
  readonly videoToken: string;
  /** info.urls as the printer reports them. */
  readonly urls: { readonly fileUploadurl: string; readonly rtspUrl: string };
  /** Powered and connected to the broker. */
  readonly online: boolean;
  readonly lan: MockLanControls;
  /**
   * Publishes lastWill offline, leaves the broker, powers the sim off; its `/info` and `/ctrl` stop
   * answering and clients logged in with its LAN credentials are disconnected (the broker went down).
   */
  powerOff(): Promise<void>;
  /** A new boot: new discovery token and broker credentials, rejoins the broker, lastWill online. */
  powerOn(): Promise<void>;
  /**
   * An abrupt loss of the printer's link (no DISCONNECT): the broker publishes the will (`offline`),
   * commands go unanswered, and after 250 ms the printer rejoins by itself and says `online`.
   */
  dropConnection(): void;
}

export interface MockAnycubicTls {
  readonly port: number;
  /** `mqtts://<host>:<port>` */
  readonly url: string;
  /** PEM of the broker's certificate (pass as `ca` with hostname checks off, or pin the fingerprint). */
  readonly cert: string;
  /** `AB:CD:…` SHA-256 fingerprint of `cert`. */
  readonly fingerprint256: string;
}

export interface MockAnycubic {
  /** 'mqtt://127.0.0.1:<port>' — the plain gkapi broker. */
  readonly url: string;
  readonly port: number;
  /** Same as `tls.port`. */
  readonly tlsPort?: number;
  /** The LAN-mode TLS broker, when started with `tls`. */
  readonly tls?: MockAnycubicTls;
  /** The fixed gkapi credentials. */
  readonly username: string;
  readonly password: string;
  /** 'http://127.0.0.1:<httpPort>' (discovery, `/ctrl`, upload). */
  readonly httpUrl: string;
  /** 'http://127.0.0.1:<flvPort>' when the camera has a port of its own. */
  readonly flvUrl?: string;
  readonly printers: readonly MockAnycubicPrinter[];
  /** The first printer when `deviceId` is omitted; throws for an unknown id. */
  printer(deviceId?: string): MockAnycubicPrinter;
  /** Manual clock only: moves sim time and resolves once the resulting reports went through the broker. */
  advance(ms: number): Promise<void>;
  /**
   * Open MQTT connections (sockets) of clients. The simulated printers live inside the broker's
   * process, like the firmware's embedded broker, and have no connection: they are not counted.
   */
  connectionCount(): number;
  stop(): Promise<void>;
}

/** Who logged in with a printer's LAN credentials, for `kickOwner`. */
const lanOwner = (deviceId: string) => `lan:${deviceId}`;

function tlsMaterial(
  options: MockAnycubicTlsOptions,
  made: PrinterCertificate | undefined,
): { key: string | Uint8Array; cert: string | Uint8Array } {
  if (options.key !== undefined && options.cert !== undefined)
    return { key: options.key, cert: options.cert };
  if (!made) throw new Error('no TLS certificate');
  return { key: made.key, cert: made.cert };
}

export async function startMockAnycubic(options: MockAnycubicOptions = {}): Promise<MockAnycubic> {
  const host = options.host ?? '127.0.0.1';
  const username = options.username ?? 'printkit';
  const password = options.password ?? 'printkit';
  const seed = options.seed ?? 1;
  const random = createRandom(seed);
  const clock = options.clock ?? createManualClock();
  const specs = options.printers ?? [{}];
  let printers: SimulatedAnycubicPrinter[] = [];
  const hosted = new Map<SimulatedAnycubicPrinter, HostedLanPrinter>();
  const ownSims: PrinterSim[] = [];
  const closers: Array<() => Promise<void>> = [];
  const closeAll = () => Promise.all(closers.splice(0).map((close) => close())).then(() => undefined);

  const ownCertificate =
    options.tls && (options.tls.key === undefined || options.tls.cert === undefined)
      ? await createPrinterCertificate(`anycubic-${seed}`)
      : undefined;
  const tlsPem = options.tls ? tlsMaterial(options.tls, ownCertificate) : undefined;

  const broker = await startAnycubicBroker({
    host,
    port: options.port ?? 2883,
    username,
    password,
    tls: options.tls &&
      tlsPem && {
        port: options.tls.port ?? 0,
        ...tlsPem,
        requestCert: options.tls.requestCert,
        maxVersion: options.tls.maxVersion,
      },
    acceptCredentials: (user, pass) => {
      const owner = [...hosted.values()].find((h) => h.printer.powered && h.access.accepts(user, pass));
      return owner && lanOwner(owner.printer.deviceId);
    },
    // The printers never CONNECT (they live in the broker), so the fault only ever meets clients.
    refuseConnect: () => {
      const holder = printers.find((printer) => printer.faults.peek('connect')?.kind === 'auth-failure');
      return holder?.faults.take('connect')?.kind === 'auth-failure';
    },
  });
  closers.push(() => broker.close());
  const brokerUrl = () =>
    broker.tlsPort === undefined ? `mqtt://${host}:${broker.port}` : `mqtts://${host}:${broker.tlsPort}`;

  let flv: FlvServer | undefined;
  let http: PrinterHttpServer;
  try {
    http = await startPrinterHttp({
      host,
      port: options.httpPort ?? 18910,
      printers: () => printers,
      serveVideo: options.flvPort === undefined,
      lan: lanRoutes({ find: (printer) => hosted.get(printer), brokerUrl, certificate: ownCertificate }),
      ...(options.uploadFieldNames ? { uploadFieldNames: options.uploadFieldNames } : {}),
      ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
    });
    closers.push(() => http.close());
    const httpBase = http.url;
    if (options.flvPort !== undefined) {
      const started = await startFlvServer({ host, port: options.flvPort, printers: () => printers });
      closers.push(() => started.close());
      flv = started;
    }

    printers = specs.map((spec, index) => {
      const model = anycubicModel(spec.modelId ?? KOBRA_3);
      const deviceId = spec.deviceId ?? random.hex(32);
      let sim = spec.sim;
      if (!sim) {
        sim = defaultAnycubicSim(model, clock, seed + index, spec.name);
        ownSims.push(sim);
      }
      // Camera tokens and LAN secrets come from streams of their own, so device ids stay as they were.
      const videoToken = createRandom(seed * 7919 + index).hex(32);
      const cameraBase = flv?.url ?? httpBase;
      const rtspUrl =
        model.cameraStream === 'live'
          ? `${cameraBase}/live/${videoToken}`
          : `${cameraBase}${index === 0 ? '/flv' : `/flv?device=${encodeURIComponent(deviceId)}`}`;
      const printer = new SimulatedAnycubicPrinter({
        transport: new InProcessTransport({ aedes: broker.aedes, kick: broker.kick }),
        deviceId,
        modelId: model.modelId,
        sim,
        printerName: spec.name ?? model.name,
        uploadToken: uploadToken(random),
        httpUrl: httpBase,
        rtspUrl,
        videoToken,
        seed: seed + index,
        ...(options.reportIntervalMs === undefined ? {} : { reportIntervalMs: options.reportIntervalMs }),
        ...(options.pushInfo === undefined ? {} : { pushInfo: options.pushInfo }),
        ...(options.printTimeUnit === undefined ? {} : { printTimeUnit: options.printTimeUnit }),
        ...(spec.aceUnits === undefined ? {} : { aceUnits: spec.aceUnits }),
        ...(spec.udiskFiles === undefined ? {} : { udiskFiles: spec.udiskFiles }),
      });
      const access = new LanAccess({
        random: createRandom(seed * 104_729 + index),
        ...(spec.lanMode === undefined ? {} : { lanMode: spec.lanMode }),
        ...(options.lan?.maxClockSkewMs === undefined ? {} : { maxClockSkewMs: options.lan.maxClockSkewMs }),
        ...(options.lan?.ivTokenLength === undefined ? {} : { ivTokenLength: options.lan.ivTokenLength }),
        ...(options.lan?.rotateCredentialsOnPowerCycle === undefined
          ? {}
          : { rotateCredentialsOnPowerCycle: options.lan.rotateCredentialsOnPowerCycle }),
      });
      hosted.set(printer, { printer, access, modelIdAsString: spec.modelIdAsString });
      return printer;
    });
  } catch (error) {
    await closeAll();
    for (const sim of ownSims) sim.dispose();
    throw error;
  }
  const ids = new Set(printers.map((printer) => printer.deviceId));
  if (ids.size !== printers.length) {
    await closeAll();
    for (const sim of ownSims) sim.dispose();
    throw new RangeError('Two simulated printers share a deviceId');
  }

  const rotation = options.lan?.tokenRotationMs ?? 300_000;
  const rotator =
    rotation > 0
      ? setInterval(() => {
          for (const { access } of hosted.values()) access.rotateToken();
        }, rotation)
      : undefined;
  rotator?.unref();

  const stop = async () => {
    clearInterval(rotator);
    await Promise.all(printers.map((printer) => printer.stop()));
    for (const sim of ownSims) sim.dispose();
    await closeAll();
  };
  try {
    await Promise.all(printers.map((printer) => printer.start()));
  } catch (error) {
    await stop();
    throw error;
  }

  const views = printers.map((printer, index) =>
    printerView(printer, hosted.get(printer)!, {
      discoveryUrl:
        index === 0 ? `${http.url}/info` : `${http.url}/info?device=${encodeURIComponent(printer.deviceId)}`,
      kickLanClients: () => broker.kickOwner(lanOwner(printer.deviceId)),
    }),
  );
  const tls: MockAnycubicTls | undefined =
    broker.tlsPort === undefined || !tlsPem
      ? undefined
      : {
          port: broker.tlsPort,
          url: `mqtts://${host}:${broker.tlsPort}`,
          cert: pemText(tlsPem.cert),
          fingerprint256: new X509Certificate(pemText(tlsPem.cert)).fingerprint256,
        };
  return {
    url: `mqtt://${host}:${broker.port}`,
    port: broker.port,
    ...(tls ? { tls, tlsPort: tls.port } : {}),
    username,
    password,
    httpUrl: http.url,
    ...(flv ? { flvUrl: flv.url } : {}),
    printers: views,
    printer: (deviceId) => {
      const found = deviceId === undefined ? views[0] : views.find((view) => view.deviceId === deviceId);
      if (!found) throw new RangeError(`No simulated printer with deviceId ${deviceId ?? '(first)'}`);
      return found;
    },
    advance: (ms) => advanceAll(printers, ms),
    connectionCount: () => broker.connectionCount(),
    stop,
  };
}

function pemText(value: string | Uint8Array): string {
  return typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
}

function printerView(
  printer: SimulatedAnycubicPrinter,
  hosted: HostedLanPrinter,
  extra: { discoveryUrl: string; kickLanClients: () => void },
): MockAnycubicPrinter {
  const { access } = hosted;
  const lan: MockLanControls = {
    discoveryUrl: extra.discoveryUrl,
    get token() {
      return access.token;
    },
    get credentials() {
      return access.credentials;
    },
    get lanMode() {
      return access.lanMode;
    },
    setLanMode: (on) => {
      access.lanMode = on;
      if (!on) extra.kickLanClients();
    },
    rotateToken: () => access.rotateToken(),
  };
  return {
    deviceId: printer.deviceId,
    modelId: printer.modelId,
    model: printer.model,
    sim: printer.sim,
    get faults() {
      return printer.faults;
    },
    uploadToken: printer.uploadToken,
    videoToken: printer.videoToken,
    urls: printer.urls,
    get online() {
      return printer.online;
    },
    lan,
    powerOff: async () => {
      await printer.powerOff();
      extra.kickLanClients();
    },
    powerOn: async () => {
      if (!printer.powered) access.powerCycled();
      await printer.powerOn();
    },
    dropConnection: () => printer.dropConnection(),
  };
}
