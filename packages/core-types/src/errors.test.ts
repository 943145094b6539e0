import { describe, expect, it } from 'vitest';
import {
  AbortedError,
  AuthError,
  ConnectionError,
  InvalidArgumentError,
  PrinterRejectedError,
  PrintkitError,
  ProtocolError,
  TimeoutError,
  toPrintkitError,
  UnsupportedError,
} from './errors.js';

describe('error hierarchy', () => {
  it('gives each class a stable code, a name and a retryable default', () => {
    const cases: Array<[PrintkitError, string, string, boolean]> = [
      [new ConnectionError('x'), 'connection', 'ConnectionError', true],
      [new TimeoutError('x', { timeoutMs: 5 }), 'timeout', 'TimeoutError', true],
      [new AuthError('x', { status: 401 }), 'auth', 'AuthError', false],
      [new ProtocolError('x'), 'protocol', 'ProtocolError', false],
      [new PrinterRejectedError('x', { printerCode: 10101 }), 'rejected', 'PrinterRejectedError', false],
      [new UnsupportedError('x', { capability: 'light' }), 'unsupported', 'UnsupportedError', false],
      [
        new InvalidArgumentError('x', { argument: 'celsius' }),
        'invalid-argument',
        'InvalidArgumentError',
        false,
      ],
      [new AbortedError(), 'aborted', 'AbortedError', false],
    ];
    for (const [error, code, name, retryable] of cases) {
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
      expect(error.isRetryable).toBe(retryable);
      expect(error).toBeInstanceOf(Error);
      expect(String(error)).toContain(name);
    }
  });

  it('keeps cause, operation and vendor details', () => {
    const cause = new Error('socket hang up');
    const error = new PrinterRejectedError('Klippy Host not connected', {
      cause,
      operation: 'printer.print.start',
      printerCode: 503,
      printerMessage: 'Klippy Host not connected',
      retryable: true,
    });
    expect(error.cause).toBe(cause);
    expect(error.operation).toBe('printer.print.start');
    expect(error.printerCode).toBe(503);
    expect(error.printerMessage).toBe('Klippy Host not connected');
    expect(error.isRetryable).toBe(true);
  });

  it('recognises instances across copies of the package through the shared symbol', () => {
    // What a second copy of core-types would produce: another class, the same Symbol.for marker.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('printkit.error')]: true,
      [Symbol.for('printkit.error.TimeoutError')]: true,
      code: 'timeout',
    });
    expect(foreign instanceof PrintkitError).toBe(false);
    expect(PrintkitError.isInstance(foreign)).toBe(true);
    expect(TimeoutError.isInstance(foreign)).toBe(true);
    expect(ConnectionError.isInstance(foreign)).toBe(false);
  });

  it('does not mistake other errors for printkit errors', () => {
    for (const value of [new Error('x'), null, undefined, 'x', { code: 'timeout' }]) {
      expect(PrintkitError.isInstance(value)).toBe(false);
      expect(TimeoutError.isInstance(value)).toBe(false);
    }
  });

  it('distinguishes every subclass by isInstance', () => {
    const auth = new AuthError('no');
    expect(AuthError.isInstance(auth)).toBe(true);
    expect(ProtocolError.isInstance(auth)).toBe(false);
    expect(PrinterRejectedError.isInstance(auth)).toBe(false);
    expect(UnsupportedError.isInstance(auth)).toBe(false);
    expect(AbortedError.isInstance(auth)).toBe(false);
  });

  it('truncates huge malformed payloads so errors stay printable', () => {
    const error = new ProtocolError('bad frame', { payload: 'x'.repeat(10_000) });
    expect(typeof error.payload).toBe('string');
    expect((error.payload as string).length).toBeLessThan(2_100);
    expect(error.payload as string).toContain('10000 chars');
  });

  it('wraps foreign errors and keeps printkit errors as they are', () => {
    const original = new AuthError('no');
    expect(toPrintkitError(original)).toBe(original);
    const wrapped = toPrintkitError(new Error('ECONNREFUSED'), 'connect');
    expect(ConnectionError.isInstance(wrapped)).toBe(true);
    expect(wrapped.message).toBe('ECONNREFUSED');
    expect(wrapped.operation).toBe('connect');
  });
});
