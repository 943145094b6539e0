/**
 * One printer's LAN-mode secrets and the firmware's checks of `POST /ctrl` (protocol notes, "LAN mode
 * on stock firmware" and its sources): the discovery `token` (32 characters, changes over time), the
 * broker credentials the handshake hands out (new ones on every power cycle), and the LAN Mode switch.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Random } from '@printkit/printer-sim';
import { LAN_CTRL_CODES } from '../error-codes.js';
import { lanSign, splitLanToken } from './handshake-crypto.js';

export interface LanCredentials {
  readonly username: string;
  readonly password: string;
}

export interface LanAccessOptions {
  /** Draws tokens and credentials (seeded, so a seed names the same first secrets). */
  random: Random;
  /** LAN Mode on at the panel; default true. Off: `/info` says `ctrlType: "cloud"`, `/ctrl` refuses. */
  lanMode?: boolean;
  /** Allowed distance between `ts` and the printer's clock, ms; default 300 000 (the notes give none). */
  maxClockSkewMs?: number;
  /** Length of the IV source `data.token` in the `/ctrl` answer; default 32 (unverified, see README). */
  ivTokenLength?: number;
  /** New credentials on every power cycle (notes: "rotate, at least on printer restart"); default true. */
  rotateCredentialsOnPowerCycle?: boolean;
  /** Wall clock, ms since the epoch; default Date.now. */
  now?: () => number;
}

export type CtrlCheck =
  | { ok: true; aesKey: string; ivSource: string }
  | { ok: false; code: number; message: string };

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const TS = /^\d{1,16}$/;
const NONCE = /^[A-Za-z0-9]{6}$/;
const SIGN = /^[0-9a-f]{32}$/;
const DID = /^[A-Z0-9]{32}$/;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class LanAccess {
  readonly #random: Random;
  readonly #maxSkewMs: number;
  readonly #ivLength: number;
  readonly #rotateOnPowerCycle: boolean;
  readonly #now: () => number;
  #token: string;
  /** The token before the last rotation: a client that read `/info` just before it still succeeds. */
  #previousToken: string | undefined;
  #credentials: LanCredentials;
  lanMode: boolean;

  constructor(options: LanAccessOptions) {
    this.#random = options.random;
    this.#maxSkewMs = options.maxClockSkewMs ?? 300_000;
    this.#ivLength = options.ivTokenLength ?? 32;
    this.#rotateOnPowerCycle = options.rotateCredentialsOnPowerCycle ?? true;
    this.#now = options.now ?? Date.now;
    this.lanMode = options.lanMode ?? true;
    this.#token = this.#draw(ALNUM, 32);
    this.#credentials = this.#newCredentials();
  }

  /** The discovery token `/info` serves now (32 characters of [A-Za-z0-9]). */
  get token(): string {
    return this.#token;
  }

  /** The broker credentials the handshake hands out now. */
  get credentials(): LanCredentials {
    return this.#credentials;
  }

  /** A new discovery token; the previous one is still honoured until the next rotation. */
  rotateToken(): void {
    this.#previousToken = this.#token;
    this.#token = this.#draw(ALNUM, 32);
  }

  /** What a power cycle does: a new token, and new broker credentials unless configured otherwise. */
  powerCycled(): void {
    this.#previousToken = undefined;
    this.#token = this.#draw(ALNUM, 32);
    if (this.#rotateOnPowerCycle) this.#credentials = this.#newCredentials();
  }

  /** True for the broker credentials handed out now (old ones are refused). */
  accepts(username: string, password: string): boolean {
    if (!this.lanMode) return false;
    return sameText(username, this.#credentials.username) && sameText(password, this.#credentials.password);
  }

  /** The firmware's checks of `POST /ctrl?ts=&nonce=&sign=&did=`, in the notes' order. */
  checkCtrl(query: URLSearchParams): CtrlCheck {
    if (!this.lanMode) {
      return { ok: false, code: LAN_CTRL_CODES.lanModeOff, message: 'LAN mode is off' };
    }
    const ts = query.get('ts') ?? '';
    const nonce = query.get('nonce') ?? '';
    const sign = query.get('sign') ?? '';
    const did = query.get('did') ?? '';
    if (!TS.test(ts) || !NONCE.test(nonce) || !SIGN.test(sign) || !DID.test(did)) {
      return {
        ok: false,
        code: LAN_CTRL_CODES.badParameters,
        message:
          'ts (epoch ms), nonce (6 of [A-Za-z0-9]), sign (32 hex) and did (32 of [A-Z0-9]) are required',
      };
    }
    const token = [this.#token, this.#previousToken].find(
      (candidate) =>
        candidate !== undefined && sameText(lanSign(splitLanToken(candidate).signKey, ts, nonce), sign),
    );
    if (token === undefined) {
      return { ok: false, code: LAN_CTRL_CODES.badSignature, message: 'sign check failed' };
    }
    if (Math.abs(this.#now() - Number(ts)) > this.#maxSkewMs) {
      return { ok: false, code: LAN_CTRL_CODES.staleTimestamp, message: 'ts expired' };
    }
    return { ok: true, aesKey: splitLanToken(token).aesKey, ivSource: this.#draw(ALNUM, this.#ivLength) };
  }

  /** `user` + 8 letters and 15 letters: the shape of the seed's `userFfWiIvys` / `jUWjRQZwUUlrHOQ`. */
  #newCredentials(): LanCredentials {
    return { username: `user${this.#draw(LETTERS, 8)}`, password: this.#draw(LETTERS, 15) };
  }

  #draw(alphabet: string, length: number): string {
    const chars = [...alphabet];
    return Array.from({ length }, () => this.#random.pick(chars)).join('');
  }
}
