/**
 * The arithmetic of the LAN-mode handshake, from the protocol notes ("LAN mode on stock firmware",
 * steps 2–3; Nino6689/anycubic-lan docs/PROTOCOL.md §3, chrisfore/anycubic_ha_local
 * research/PROTOCOL-VALIDATED.md): the discovery `token` splits into a signing key (first 16 chars)
 * and an AES-128 key (last 16); `sign = md5hex(md5hex(signKey) + ts + nonce)`; the credentials travel
 * AES-128-CBC / PKCS#7 encrypted, base64, with the IV taken from the answer's own `data.token`.
 */
import { createCipheriv, createHash } from 'node:crypto';

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** `token[0:16]` signs, `token[16:32]` is the AES key (ASCII bytes). */
export function splitLanToken(token: string): { signKey: string; aesKey: string } {
  return { signKey: token.slice(0, 16), aesKey: token.slice(16, 32) };
}

/** `md5hex(md5hex(signKey) + ts + nonce)`, lower-case hex, plain concatenation (no separators). */
export function lanSign(signKey: string, ts: string, nonce: string): string {
  return md5Hex(`${md5Hex(signKey)}${ts}${nonce}`);
}

/** The IV: the ASCII bytes of `data.token`, truncated to 16 bytes or right-padded with 0x00. */
export function ivFromToken(ivSource: string): Buffer {
  const iv = Buffer.alloc(16);
  Buffer.from(ivSource, 'latin1').copy(iv, 0, 0, 16);
  return iv;
}

/** AES-128-CBC with PKCS#7 padding (node's default), base64 — the `data.info` blob of `/ctrl`. */
export function encryptCredentials(aesKey: string, ivSource: string, plaintext: string): string {
  const key = Buffer.from(aesKey, 'latin1');
  if (key.length !== 16) throw new RangeError('the AES key must be 16 ASCII characters');
  const cipher = createCipheriv('aes-128-cbc', key, ivFromToken(ivSource));
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}
