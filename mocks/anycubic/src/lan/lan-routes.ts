/** The `/info` and `/ctrl` answers of hosted printers, from their LAN secrets (see `lan-access.ts`). */
import type { LanRoutes } from '../http.js';
import type { SimulatedAnycubicPrinter } from '../simulated-printer.js';
import type { PrinterCertificate } from '../tls-certificate.js';
import { ctrlAnswer } from './ctrl-answer.js';
import { anycubicMac, discoveryDocument, serialFrom } from './discovery.js';
import { md5Hex } from './handshake-crypto.js';
import type { LanAccess } from './lan-access.js';

export interface HostedLanPrinter {
  readonly printer: SimulatedAnycubicPrinter;
  readonly access: LanAccess;
  /** Override of the model's habit (string on S1 / Kobra 3 V2, integer elsewhere). */
  readonly modelIdAsString?: boolean | undefined;
}

export interface LanRoutesOptions {
  find(printer: SimulatedAnycubicPrinter): HostedLanPrinter | undefined;
  /** The broker the credentials are for: `mqtts://<ip>:<tlsPort>` (or the plain port without TLS). */
  brokerUrl(): string;
  certificate: PrinterCertificate | undefined;
}

export function lanRoutes(options: LanRoutesOptions): LanRoutes {
  const hosted = (printer: SimulatedAnycubicPrinter) => {
    const found = options.find(printer);
    if (!found) throw new Error(`printer ${printer.deviceId} has no LAN state`);
    return found;
  };
  return {
    discovery: (printer, ctrlInfoUrl) => {
      const { access, modelIdAsString } = hosted(printer);
      // Serial and MAC follow from the device id, so a seed names the same printer every run.
      const digest = md5Hex(printer.deviceId);
      return discoveryDocument({
        lanMode: access.lanMode,
        token: access.token,
        ctrlInfoUrl,
        modelId: printer.modelId,
        modelIdAsString: modelIdAsString ?? printer.model.discoveryModelIdAsString ?? false,
        modelName: printer.model.name,
        deviceName: printer.printerName,
        serial: serialFrom(digest.slice(0, 16)),
        mac: anycubicMac(digest.slice(16, 22)),
        ip: printer.ip,
        rtspUrl: printer.model.cameraStream === 'live' ? undefined : printer.urls.rtspUrl,
        fileUploadurl: printer.urls.fileUploadurl,
      });
    },
    ctrl: (printer, query) => {
      const { access } = hosted(printer);
      return ctrlAnswer(access.checkCtrl(query), {
        broker: options.brokerUrl(),
        credentials: access.credentials,
        deviceId: printer.deviceId,
        deviceCertificate: options.certificate && {
          cert: options.certificate.clientCert,
          key: options.certificate.clientKey,
        },
      });
    },
  };
}
