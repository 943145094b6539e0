import { describe, expect, it } from 'vitest';
import { diffStatus, selectStatus } from './status-diff.js';

describe('status selection and diffs', () => {
  const all = { toolhead: { position: [0, 0, 0, 0], homed_axes: '' }, fan: { speed: 0, rpm: null } };

  it('selects fields; unknown objects {} and unknown fields null', () => {
    expect(selectStatus(all, { toolhead: ['homed_axes', 'bogus'], nope: null, fan: null })).toEqual({
      toolhead: { homed_axes: '', bogus: null },
      nope: {},
      fan: { speed: 0, rpm: null },
    });
  });

  it('diffs only changed fields; arrays compare whole; unchanged objects are left out', () => {
    const next = { toolhead: { position: [1, 0, 0, 0], homed_axes: '' }, fan: { speed: 0, rpm: null } };
    expect(diffStatus(all, next)).toEqual({ toolhead: { position: [1, 0, 0, 0] } });
    expect(diffStatus(next, next)).toEqual({});
  });
});
