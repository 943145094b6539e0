import {
  AuthError,
  ConnectionError,
  InvalidArgumentError,
  PrinterRejectedError,
  TimeoutError,
  UnsupportedError,
} from '@printkit/core-types';
import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { ConfigError, UsageError } from './usage-error.js';

describe('exitCodeFor', () => {
  it.each([
    ['a usage error', new UsageError('x'), EXIT.usage],
    ['a config error', new ConfigError('x'), EXIT.usage],
    [
      'an input a client refused before sending',
      new InvalidArgumentError('celsius must be >= 0'),
      EXIT.usage,
    ],
    ['an undeclared capability', new UnsupportedError('no gcode', { capability: 'gcode' }), EXIT.unsupported],
    ['an unreachable printer', new ConnectionError('ECONNREFUSED'), EXIT.unreachable],
    ['no answer in time', new TimeoutError('late', { timeoutMs: 1 }), EXIT.unreachable],
    ['refused credentials', new AuthError('401'), EXIT.auth],
    ['a refused command', new PrinterRejectedError('busy'), EXIT.failed],
    ['anything else', new Error('boom'), EXIT.failed],
  ])('maps %s', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});
