/** The local kwargs check reads the caller's kwargs by own property only (issue 10, defect 1). */
import { describe, expect, it } from 'vitest';
import { createCommandValidator } from './command-validation.js';

describe('createCommandValidator', () => {
  it('an argument named like an Object.prototype member is absent unless the caller gave it', () => {
    const validator = createCommandValidator({
      commands: [
        {
          command: 'ODD',
          args: ['constructor', 'toString', '__proto__'].map((name) => ({
            name,
            type: 'string',
            required: false,
          })),
        },
        { command: 'NEEDS', args: [{ name: 'valueOf', type: 'integer', required: true }] },
      ],
    });
    expect(() => validator.check('ODD', {})).not.toThrow();
    expect(() => validator.check('NEEDS', {})).toThrow(/valueOf: required/);
    expect(() => validator.check('NEEDS', { valueOf: 3 })).not.toThrow();
    expect(validator.supports('constructor')).toBe(false);
    expect(validator.supports('toString')).toBe(false);
  });
});
