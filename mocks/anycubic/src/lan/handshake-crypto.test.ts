/**
 * Vectors computed by hand from the notes' recipe with openssl, not with this code (run them to check):
 *
 *   K=$(printf '%s' 0123456789abcdef | openssl md5 -r | cut -d' ' -f1)        # 4032af8d61035123906e58e067140cc5
 *   printf '%s' "${K}1754640000000Ab3dE9" | openssl md5 -r                       # 60f6e6ba9d5a4d82b59cd1567d33f26c
 *   printf '%s' "$PLAINTEXT" | openssl enc -aes-128-cbc -base64 -A \
 *     -K 66656463626139383736353433323130 -iv 4956534f555243450000000000000000  # key "fedcba9876543210", IV "IVSOURCE"+8×0x00
 *   printf '%s' "$PLAINTEXT" | openssl enc -aes-128-cbc -base64 -A \
 *     -K 66656463626139383736353433323130 -iv 4142434445464748494a4b4c4d4e4f50  # IV "ABCDEFGHIJKLMNOP"
 *
 * The token is the example of Nino6689/anycubic-lan docs/PROTOCOL.md §2; the plaintext has the shape of §3.5.
 */
import { describe, expect, it } from 'vitest';
import { encryptCredentials, ivFromToken, lanSign, splitLanToken } from './handshake-crypto.js';

const TOKEN = '0123456789abcdeffedcba9876543210';
const PLAINTEXT =
  '{"broker":"mqtts://10.0.66.28:9883","username":"userFfWiIvys","password":"jUWjRQZwUUlrHOQ","deviceId":"372d94454cf5d746d07a8100df8674aa"}';
const BLOB_IV_PADDED =
  'VY3JXExq/vCEdec4ME452gGmnDuvjkGDuCEDCs4f/hI6KlVkWSFAwGr67FJO8e4Opgcw77e+qXPnFAncd3FWXk1znIfFpIxDZ3L07MbwEThBckkuHl+qgjeNYZKcurc1cbXn2cgn1ZpckZ7ov1qVbRHkEFYoZqCi3m6l2abk7AGvoYHALe2L1eoqyQKg107h';
const BLOB_IV_16 =
  'N1ukII/cYdKDnfodhybxWbR2feFDN871r0tTwHinwzr4c1gJ8+093bLr2nRA2p4PwMa/5g8WBh6x0BpllyRA89bwuE42BTARz8AltiA7rU2onOH6WgMHeCLIGITsJdg3zTpyOmTfMb2rKrXsCoIjz+wL4cVV4G5LvokzZwYFBOatkjrCDU1aA/WS6ecS2AGE';

describe('LAN handshake arithmetic (hand-computed vectors)', () => {
  it('splits the token into signing key and AES key', () => {
    expect(splitLanToken(TOKEN)).toEqual({ signKey: '0123456789abcdef', aesKey: 'fedcba9876543210' });
  });

  it('signs md5hex(md5hex(signKey) + ts + nonce)', () => {
    expect(lanSign('0123456789abcdef', '1754640000000', 'Ab3dE9')).toBe('60f6e6ba9d5a4d82b59cd1567d33f26c');
    // Another nonce, another signature: the nonce is part of what is signed.
    expect(lanSign('0123456789abcdef', '1754640000000', 'Ab3dE8')).not.toBe(
      '60f6e6ba9d5a4d82b59cd1567d33f26c',
    );
  });

  it('encrypts AES-128-CBC/PKCS#7 with the IV right-padded with 0x00, or truncated, to 16 bytes', () => {
    expect(ivFromToken('IVSOURCE').toString('hex')).toBe('4956534f555243450000000000000000');
    expect(encryptCredentials('fedcba9876543210', 'IVSOURCE', PLAINTEXT)).toBe(BLOB_IV_PADDED);
    expect(encryptCredentials('fedcba9876543210', 'ABCDEFGHIJKLMNOP', PLAINTEXT)).toBe(BLOB_IV_16);
    expect(encryptCredentials('fedcba9876543210', 'ABCDEFGHIJKLMNOPQRST', PLAINTEXT)).toBe(BLOB_IV_16);
  });
});
