/**
 * `startMockAnycubic`: an aedes broker hosting simulated printers plus their HTTP side, all on loopback:
 * the gkapi plain MQTT port (seed), optionally the LAN-mode TLS broker (9883 role) with a certificate
 * made at start-up, the :18910 server (discovery `/info`, signed `/ctrl`, upload) and optionally the
 * camera on a port of its own (18088 role).
 */
import { X509Certificate } from 'node:crypto';
import { createManualClock, createRandom, type PrinterSim } from '@printkit/printer-sim';
import { startAnycubicBroker } from './broker.js';
import { type FlvServer, startFlvServer } from './http/flv-server.js';
import { type PrinterHttpServer, startPrinterHttp } from './http.js';
import { LanAccess } from './lan/lan-access.js';
import { type HostedLanPrinter, lanRoutes } from './lan/lan-routes.js';
import type {
  MockAnycubic,
  MockAnycubicOptions,
  MockAnycubicTls,
  MockAnycubicTlsOptions,
} from './mock-types.js';
import { anycubicModel, KOBRA_3 } from './models.js';
import { printerView } from './printer-view.js';
import { advanceAll, defaultAnycubicSim, uploadToken } from './sim-helpers.js';
import { SimulatedAnycubicPrinter } from './simulated-printer.js';
import { createPrinterCertificate, type PrinterCertificate } from './tls-certificate.js';
import { InProcessTransport } from './transport/in-process-transport.js';

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
      ? (options.tls.certificate ?? (await createPrinterCertificate(`anycubic-${seed}`)))
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
        ...(spec.camera === undefined ? {} : { camera: spec.camera }),
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
