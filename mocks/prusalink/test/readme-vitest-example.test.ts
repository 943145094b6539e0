// The README's "With vitest" example, as a test file of its own (it registers hooks, so it cannot be
// imported from inside a test). Keep it identical to the README block.
import { useMockPrusaLink } from '@printkit/mock-prusalink/vitest';
import { expect, it } from 'vitest';

const mock = useMockPrusaLink(); // starts once, resets the printer and faults before each test, stops once

it('prints', async () => {
  const headers = { 'X-Api-Key': mock().options.apiKey };
  const started = await fetch(`${mock().url}/api/v1/files/usb/cube.gcode`, { method: 'POST', headers });
  expect(started.status).toBe(204);
});
