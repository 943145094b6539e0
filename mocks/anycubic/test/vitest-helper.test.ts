import { describe, expect, it } from 'vitest';
import { useMockAnycubic } from '../src/vitest.js';
import { Tester } from './helpers.js';

describe('useMockAnycubic', () => {
  const mock = useMockAnycubic({ printers: [{ deviceId: 'vitest-printer', modelId: 20026 }] });

  it('starts the mock on OS-chosen ports for the file and hands it out', async () => {
    expect(mock().port).not.toBe(2883);
    expect(mock().httpUrl).not.toContain(':18910');
    const tester = await Tester.connect(mock(), mock().printer());
    try {
      const info = await tester.request('web', 'info', 'query');
      expect(info.data.model).toBe('Anycubic Kobra 3 Max');
    } finally {
      await tester.close();
    }
  });
});
