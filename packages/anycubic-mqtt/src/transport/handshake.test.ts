// Handshake vectors computed by hand from the notes with coreutils and OpenSSL, not by this code:
//   signKey=0123456789abcdef ts=1733300000000 nonce=aB3xY9
//   printf %s 0123456789abcdef | md5sum                           → 4032af8d61035123906e58e067140cc5
//   printf %s 4032af8d…0cc5 1733300000000 aB3xY9 (joined) | md5sum → 7609ed3078d58e6dcb6d88e8ab95030b
//   printf %s '<plaintext>' | openssl enc -aes-128-cbc -K <hex of FEDCBA9876543210>
//     -iv <hex of "ivsource-abc" padded with 00 to 16 bytes> -base64 -A
//   and the same with the IV source "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345" cut to its first 16 bytes.
import { describe, expect, it } from 'vitest';
import { decryptCtrlInfo, ivFrom, signCtrl } from './handshake.js';

const AES_KEY = 'FEDCBA9876543210';

describe('LAN handshake crypto (vectors from the notes, computed with md5sum and openssl)', () => {
  it('signs md5hex(md5hex(signKey) + ts + nonce)', () => {
    expect(signCtrl('0123456789abcdef', '1733300000000', 'aB3xY9')).toBe('7609ed3078d58e6dcb6d88e8ab95030b');
  });

  it('pads a short IV source with 0x00 and cuts a long one to 16 bytes', () => {
    expect(ivFrom('ivsource-abc').toString('hex')).toBe('6976736f757263652d61626300000000');
    expect(ivFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345').toString('latin1')).toBe('ABCDEFGHIJKLMNOP');
  });

  it('decrypts the credentials blob with a padded IV', () => {
    const blob =
      '29hJ4TW+R3A+wtg4Os44uJ3i9PVInwHVqUYdBUh7czeqFKwAcRuYJ+tA9zDH4hQQbtaJCwnTJCY1l22ENYXN8pVsRPN6cbANwQvLHHiGp1wLEOv1N6SkLzmGsc84HBwrxQvM3SGPC8bCbazaeqgdTJ8dI1jGmhKATzPCgub7jT8=';
    expect(JSON.parse(decryptCtrlInfo(blob, AES_KEY, 'ivsource-abc'))).toEqual({
      broker: 'mqtts://10.0.0.5:9883',
      username: 'lanuser',
      password: 'lan-p@ss',
      deviceId: '0123456789abcdef0123456789abcdef',
    });
  });

  it('decrypts with a truncated IV, and refuses a wrong key', () => {
    const blob =
      'PWqDHi1ON4FmPnuFKJSsScIzPh2t4/G68TgYa+LHAUhfqfpJc78mvZcuEgxl5IZ9MtNoLbpPvfiUwwfAZQL2dv2RvZQ7pjq5l4ODarJIqvI=';
    expect(JSON.parse(decryptCtrlInfo(blob, AES_KEY, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'))).toEqual({
      username: 'x',
      password: 'y',
      deviceId: '00112233445566778899aabbccddeeff',
    });
    expect(() => decryptCtrlInfo(blob, '0000000000000000', 'ABCDEFGHIJKLMNOP')).toThrow();
  });
});
