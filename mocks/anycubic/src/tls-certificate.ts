/**
 * The broker's TLS identity, made at start-up like a printer's per-unit self-signed certificate (notes,
 * "TLS broker on 9883": self-signed, no stable name, so clients pin it or skip verification). Made with
 * `selfsigned`; nothing is downloaded or read from disk. EC P-256 because it takes ~60 ms where RSA-2048
 * takes ~450 ms (measured here), and no source names the printer's key type.
 */
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface PrinterCertificate {
  /** PEM */
  readonly key: string;
  /** PEM; pass it as `ca` (with hostname checks off: its name is not the host's) or pin its fingerprint. */
  readonly cert: string;
  /** SHA-256 fingerprint as Node prints it (`AB:CD:…`), what a trust-on-first-use client stores. */
  readonly fingerprint256: string;
  /** A client certificate and key signed by the same key (`devicecrt` / `devicepk` some handshakes carry). */
  readonly clientCert: string;
  readonly clientKey: string;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

export async function createPrinterCertificate(commonName: string): Promise<PrinterCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + TEN_YEARS_MS),
    clientCertificate: { cn: `${commonName}-device` },
  });
  if (!pems.clientcert || !pems.clientprivate) throw new Error('selfsigned made no client certificate');
  return {
    key: pems.private,
    cert: pems.cert,
    fingerprint256: new X509Certificate(pems.cert).fingerprint256,
    clientCert: pems.clientcert,
    clientKey: pems.clientprivate,
  };
}
