/**
 * The body of `POST /ctrl` (protocol notes, steps 2–3; chrisfore/anycubic_ha_local
 * research/PROTOCOL-VALIDATED.md for `message: "success"`): `{code: 200, message, data: {info, token}}`,
 * `info` = base64 of the AES-128-CBC encrypted credentials JSON, `token` = the IV source.
 */
import { encryptCredentials } from './handshake-crypto.js';
import type { CtrlCheck, LanCredentials } from './lan-access.js';

export interface BrokerGrant {
  /** e.g. `mqtts://192.168.1.50:9883`. */
  readonly broker: string;
  readonly credentials: LanCredentials;
  readonly deviceId: string;
  /** `devicecrt` / `devicepk`: seen in the plaintext by chrisfore (PROTOCOL-VALIDATED.md step 4). */
  readonly deviceCertificate?: { readonly cert: string; readonly key: string } | undefined;
}

export function ctrlAnswer(check: CtrlCheck, grant: BrokerGrant): Record<string, unknown> {
  if (!check.ok) return { code: check.code, message: check.message };
  const plaintext = JSON.stringify({
    broker: grant.broker,
    username: grant.credentials.username,
    password: grant.credentials.password,
    deviceId: grant.deviceId,
    ...(grant.deviceCertificate
      ? { devicecrt: grant.deviceCertificate.cert, devicepk: grant.deviceCertificate.key }
      : {}),
  });
  return {
    code: 200,
    message: 'success',
    data: { info: encryptCredentials(check.aesKey, check.ivSource, plaintext), token: check.ivSource },
  };
}
