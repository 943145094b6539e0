// The README's vitest example, run as written (readme.test.ts checks the README still says this).
import { useMockPrusaConnect } from '@printkit/mock-prusa-connect/vitest';
import { expect, it } from 'vitest';

const mock = useMockPrusaConnect({ printers: [{ name: 'Left' }, { name: 'Right' }] });

it('lists two printers', async () => {
  const res = await fetch(`${mock().url}/app/printers`, {
    headers: { Authorization: 'Bearer printkit-token' },
  });
  expect((await res.json()).printers).toHaveLength(2);
});
