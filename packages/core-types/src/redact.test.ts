import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactCause, redactHeaders, redactPayload, redactText, redactUrl } from './redact.js';

describe('redactUrl', () => {
  it('masks user info and secret query values, keeps the rest', () => {
    expect(redactUrl('http://user:PASSWORD@printer.local:7125/server/info')).toBe(
      'http://***@printer.local:7125/server/info',
    );
    expect(redactUrl('ws://h/websocket?token=abc&x=1')).toBe('ws://h/websocket?token=***&x=1');
    expect(redactUrl('http://10.0.0.2:18910/upload?s=SECRET')).toBe('http://10.0.0.2:18910/upload?s=***');
    expect(redactUrl('http://h/p?Access_Token=a', { queryKeys: ['access_token'] })).toBe(
      'http://h/p?Access_Token=***',
    );
  });

  it('masks what it can in text that is not a URL', () => {
    expect(redactUrl('not a url //u:p@h?token=zz&a=b')).toBe('not a url //***@h?token=***&a=b');
  });

  it('never lets a canary password or token through', () => {
    const canary = 'CANARY-s3cret';
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true }),
        fc.constantFrom('token', 's', 'api_key'),
        (url, key) => {
          const withUser = url.replace('://', `://admin:${canary}@`);
          const separator = withUser.includes('?') ? '&' : '?';
          const withQuery = withUser.includes('#')
            ? withUser.replace('#', `${separator}${key}=${canary}#`)
            : `${withUser}${separator}${key}=${canary}`;
          expect(redactUrl(withQuery)).not.toContain(canary);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('redactHeaders', () => {
  it('masks credential headers whatever their case', () => {
    expect(
      redactHeaders({ Authorization: 'Bearer x', 'X-Api-Key': 'k', Cookie: 'c', Token: 't', Accept: 'json' }),
    ).toEqual({ Authorization: '***', 'X-Api-Key': '***', Cookie: '***', Token: '***', Accept: 'json' });
  });
});

describe('redactText', () => {
  it('masks every occurrence, longest secret first, and ignores empty ones', () => {
    expect(
      redactText('login as bob with hunter2hunter2 failed: hunter2', ['hunter2', 'hunter2hunter2', '']),
    ).toBe('login as bob with *** failed: ***');
  });
});

describe('redactPayload', () => {
  it('masks credential fields and secrets inside strings, keeps prototype-named keys as own fields', () => {
    const payload = JSON.parse(
      '{"prusalink_api_key":"k","nested":[{"token":"t","note":"key hunter2"}],"__proto__":{"x":1},"ok":3}',
    );
    const masked = redactPayload(payload, (text) => redactText(text, ['hunter2'])) as Record<string, unknown>;
    expect(JSON.stringify(masked)).toBe(
      '{"prusalink_api_key":"***","nested":[{"token":"***","note":"key ***"}],"__proto__":{"x":1},"ok":3}',
    );
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
  });
});

describe('redactCause', () => {
  it('keeps a clean cause and copies a chain that shows a secret, masked', () => {
    const clean = new Error('refused');
    expect(redactCause(clean, (text) => text)).toBe(clean);
    const leaky = new Error('GET http://u:pw@h failed', { cause: new Error('token=SECRET') });
    const safe = redactCause(leaky, (text) => redactText(text, ['pw', 'SECRET']));
    expect(safe?.message).toBe('GET http://u:***@h failed');
    expect((safe as Error).cause).toMatchObject({ message: 'token=***' });
    expect(redactCause('plain SECRET', (text) => redactText(text, ['SECRET']))?.message).toBe('plain ***');
  });
});
