/** The public shapes of `startMockAnycubic`: its options, the running mock and its printers. */
import type { Clock, FaultPlan, PrinterSim } from '@printkit/printer-sim';
import type { UdiskFile } from './device-state.js';
import type { LanCredentials } from './lan/lan-access.js';
import type { AnycubicModel } from './models.js';
import type { PrintTimeUnit } from './reports/context.js';
import type { PrinterCertificate } from './tls-certificate.js';

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
  /** A camera fitted (`peripherie/query` answers camera 1, else 0); default true. */
  camera?: boolean;
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
  /**
   * A certificate made before with `createPrinterCertificate` (used when `key`/`cert` are not given):
   * a fleet of many printers can share one instead of paying ~60 ms of key generation per printer.
   */
  certificate?: PrinterCertificate;
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
