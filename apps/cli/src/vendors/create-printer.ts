/**
 * Config entry → `Printer`: the one place that knows each vendor adapter's options. Everything else
 * in the CLI speaks only the vendor-neutral `Printer` interface. Each vendor's client (and its
 * transport: mqtt, ws, undici) is imported only when a printer of that vendor is made, so commands
 * that make none (`--help`, `init`) and one-vendor configs do not pay for the others.
 */
import { readFileSync } from 'node:fs';
import type { TlsTrust } from '@printkit/anycubic-mqtt';
import type { Printer } from '@printkit/core-types';
import type { AnycubicTls, PrinterConfig } from '../config/load-config.js';
import { ConfigError } from '../usage-error.js';
import { createSharedConnectPrinter } from './shared-connect-clients.js';

function anycubicTrust(tls: AnycubicTls, name: string): TlsTrust {
  if ('fingerprint256' in tls) return { fingerprint256: tls.fingerprint256 };
  if ('insecure' in tls) return { insecure: true };
  let ca: string;
  try {
    ca = readFileSync(tls.caFile, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${name}: cannot read tls.caFile ${tls.caFile} (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return { ca, ...(tls.verifyHostname === undefined ? {} : { verifyHostname: tls.verifyHostname }) };
}

export async function createPrinterFromConfig(config: PrinterConfig): Promise<Printer> {
  const timeout = config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs };
  switch (config.vendor) {
    case 'anycubic': {
      if (config.lan === true) {
        const discovery = new URL(config.url);
        const tls = anycubicTrust(config.tls, config.name);
        const { createAnycubicPrinter, lanOptions } = await import('@printkit/anycubic-mqtt');
        // Discovery and the signed handshake run now (device id, model, broker) and again before
        // every reconnect: the broker login rotates, and the client keeps it in memory only.
        const lan = await lanOptions(discovery.hostname.replace(/^\[|\]$/g, ''), {
          port: Number(discovery.port),
          tls,
          ...timeout,
        });
        return createAnycubicPrinter({ ...lan, ...timeout });
      }
      const url = new URL(config.url);
      // parseConfig refuses this too; a config built by hand must not connect in plaintext either.
      if (url.protocol !== 'mqtts:' && config.tls !== undefined) {
        throw new ConfigError(
          `${config.name}: TLS options need a mqtts:// url; over ${url.protocol}// the password would travel in plaintext`,
        );
      }
      const tls =
        url.protocol === 'mqtts:' && config.tls !== undefined
          ? anycubicTrust(config.tls, config.name)
          : undefined;
      const { createAnycubicPrinter } = await import('@printkit/anycubic-mqtt');
      return createAnycubicPrinter({
        host: url.hostname.replace(/^\[|\]$/g, ''),
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        username: config.username,
        password: config.password,
        deviceId: config.deviceId,
        modelId: config.modelId,
        ...(tls === undefined ? {} : { tls }),
        ...timeout,
      });
    }
    case 'moonraker': {
      const { createMoonrakerPrinter } = await import('@printkit/moonraker-client');
      return createMoonrakerPrinter({
        url: config.url,
        ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
        ...(config.login === undefined ? {} : { login: config.login }),
        ...(config.light === undefined ? {} : { light: config.light }),
        ...timeout,
      });
    }
    case 'prusa-connect':
      // Printers of one Connect account share one client (one connection pool): see the module.
      return createSharedConnectPrinter({
        baseUrl: config.url,
        token: config.token,
        printerUuid: config.uuid,
        ...(config.storage === undefined ? {} : { storage: config.storage }),
        ...timeout,
      });
    case 'prusalink': {
      const { createPrusaLinkPrinter } = await import('@printkit/prusalink');
      return createPrusaLinkPrinter({
        url: config.url,
        username: config.username,
        ...(config.password === undefined ? {} : { password: config.password }),
        ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
        ...(config.dialect === undefined ? {} : { dialect: config.dialect }),
        ...timeout,
      });
    }
  }
}
