import { describe, expect, it } from 'vitest';
import { createPalette, wantsColor } from './palette.js';

describe('wantsColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it.each([
    [tty, {}, {}, true],
    [pipe, {}, {}, false],
    [tty, { NO_COLOR: '1' }, {}, false],
    [tty, { NO_COLOR: '' }, {}, true],
    [tty, { TERM: 'dumb' }, {}, false],
    [pipe, { FORCE_COLOR: '1' }, {}, true],
    [pipe, { FORCE_COLOR: '0' }, {}, false],
    [tty, {}, { noColor: true }, false],
    [pipe, { NO_COLOR: '1' }, { color: true }, true],
    [tty, { FORCE_COLOR: '1' }, { noColor: true }, false],
  ])('%j with env %j and flags %j → %s', (stream, env, flags, expected) => {
    expect(wantsColor(stream, env, flags)).toBe(expected);
  });

  it('paints only when enabled', () => {
    expect(createPalette(false).paint('red', 'x')).toBe('x');
    expect(createPalette(true).paint('red', 'x')).toBe('\u001b[31mx\u001b[39m');
  });
});
