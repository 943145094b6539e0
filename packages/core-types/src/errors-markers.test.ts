import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  AuthError,
  ConnectionError,
  hasErrorMarker,
  InvalidArgumentError,
  PrinterRejectedError,
  PrintkitError,
  ProtocolError,
  TimeoutError,
  truncateMessage,
  UnsupportedError,
} from './errors.js';

const MARKER = Symbol.for('printkit.error.VendorRejectedError');

/** A vendor subclass written the way the vendor packages write theirs. */
class VendorRejectedError extends PrinterRejectedError {
  override readonly name = 'VendorRejectedError';
  readonly [MARKER] = true;
  static override isInstance(error: unknown): error is VendorRejectedError {
    return hasErrorMarker(error, MARKER);
  }
}

const samples = [
  new ConnectionError('c'),
  new TimeoutError('t', { timeoutMs: 1 }),
  new AuthError('a'),
  new ProtocolError('p'),
  new PrinterRejectedError('r'),
  new UnsupportedError('u', { capability: 'light' }),
  new InvalidArgumentError('i'),
  new AbortedError('x'),
];

describe('error markers', () => {
  it('each class recognises its own instances and no other class', () => {
    for (const error of samples) {
      for (const other of samples) {
        const Class = other.constructor as unknown as { isInstance(e: unknown): boolean };
        expect(Class.isInstance(error), `${other.name}.isInstance(${error.name})`).toBe(error === other);
      }
      expect(PrintkitError.isInstance(error)).toBe(true);
    }
  });

  it('a subclass is its parent, but the parent is not the subclass', () => {
    const vendor = new VendorRejectedError('no');
    expect(PrinterRejectedError.isInstance(vendor)).toBe(true);
    expect(VendorRejectedError.isInstance(vendor)).toBe(true);
    expect(VendorRejectedError.isInstance(new PrinterRejectedError('no'))).toBe(false);
    expect(vendor.name).toBe('VendorRejectedError');
  });

  it('recognises an error from another copy of the package by its Symbol.for marker alone', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('printkit.error')]: true,
      [Symbol.for('printkit.error.AuthError')]: true,
    });
    expect(AuthError.isInstance(foreign)).toBe(true);
    expect(ConnectionError.isInstance(foreign)).toBe(false);
  });
});

describe('truncateMessage', () => {
  it('cuts long server text and says how long it was', () => {
    const huge = 'x'.repeat(10_000_000);
    const error = new ProtocolError(huge);
    expect(error.message.length).toBeLessThan(1_100);
    expect(error.message).toMatch(/\(10000000 chars\)$/);
    expect(truncateMessage('short')).toBe('short');
  });
});
