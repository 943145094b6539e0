import { describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../config/load-config.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { ConfigError } from '../usage-error.js';
import { createPrinterFromConfig } from './create-printer.js';

const kobra: PrinterConfig = {
  name: 'kobra',
  vendor: 'anycubic',
  url: 'mqtt://127.0.0.1:1883',
  username: 'user',
  password: 'canary-password-1234',
  deviceId: '0123456789abcdef0123456789abcdef',
  modelId: 20024,
};

describe('createPrinterFromConfig', () => {
  it('refuses TLS options on a plaintext mqtt:// url even when the config was built by hand (exit 2)', async () => {
    const attempt = createPrinterFromConfig({ ...kobra, tls: { fingerprint256: 'AB:CD' } });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = await attempt.catch((e: unknown) => e);
    expect(exitCodeFor(error)).toBe(EXIT.usage);
    expect((error as Error).message).toBe(
      'kobra: TLS options need a mqtts:// url; over mqtt:// the password would travel in plaintext',
    );
  });

  it('makes the Anycubic printer (not connected) for mqtt:// without TLS and for mqtts:// with a pin', async () => {
    for (const config of [
      kobra,
      { ...kobra, url: 'mqtts://127.0.0.1:9883', tls: { fingerprint256: 'AB'.repeat(32) } },
    ]) {
      const printer = await createPrinterFromConfig(config);
      expect(printer.vendor).toBe('anycubic');
      await printer.close();
    }
  });
});
