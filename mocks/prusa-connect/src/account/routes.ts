/**
 * Prusa Account's token endpoint as the public clients refresh against it: `POST /o/token/` with a
 * form body `grant_type=refresh_token&client_id=…&refresh_token=…` (ha-prusa-connect `auth.py`
 * `refresh_access_token`, dcode/python-prusa-connect-sdk-client `auth.py` `refresh`). Errors are
 * OAuth 2 bodies `{error, error_description}` (RFC 6749 §5.2; the SDK's OpenAPI description):
 * `invalid_request` (missing field, not a form), `unsupported_grant_type` (anything but
 * refresh_token and authorization_code), `invalid_client` (401), `invalid_grant` (spent, expired or
 * unknown refresh token; a bad, spent or expired code or a verifier that does not match, codes.ts).
 */
import { type HttpHandler, HttpResponse, http } from 'msw';
import { readBodyText } from '../body-limit.js';
import { pathGuardRoutes } from '../routes/path-guard.js';
import type { AccountTokens, RefreshResult } from './tokens.js';

/** A token request is a few hundred bytes; anything past this is refused before parsing. */
export const MAX_TOKEN_REQUEST_BYTES = 16 * 1024;

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function oauthError(status: number, error: string, description: string): Response {
  return HttpResponse.json({ error, error_description: description }, { status });
}

export function accountHandlers(account: AccountTokens): HttpHandler[] {
  const tokenEndpoint = async ({ request }: { request: Request }) => {
    const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded.');
    }
    const text = await readBodyText(request, MAX_TOKEN_REQUEST_BYTES);
    if (typeof text !== 'string') {
      return oauthError(text.status, 'invalid_request', text.reason);
    }
    const form = new URLSearchParams(text);
    const grantType = form.get('grant_type');
    if (grantType === null) return oauthError(400, 'invalid_request', 'Missing grant_type parameter.');
    if (grantType === 'authorization_code') return tokensOr(codeGrant(account, form));
    if (grantType === 'refresh_token') return tokensOr(refreshGrant(account, form));
    return oauthError(400, 'unsupported_grant_type', 'Only refresh_token and authorization_code are served.');
  };
  return [
    ...pathGuardRoutes(account.baseUrl, (reason) => oauthError(400, 'invalid_request', reason)),
    http.post(`${account.baseUrl}/o/token/`, tokenEndpoint),
    http.post(`${account.baseUrl}/o/token`, tokenEndpoint),
    http.all(`${account.baseUrl}/*`, () => oauthNotFound()),
  ];
}

type Grant = RefreshResult | Response;

function codeGrant(account: AccountTokens, form: URLSearchParams): Grant {
  const code = form.get('code');
  const verifier = form.get('code_verifier');
  const redirectUri = form.get('redirect_uri');
  const clientId = form.get('client_id');
  if (!code || !verifier || !redirectUri) {
    return oauthError(400, 'invalid_request', 'Missing code, code_verifier or redirect_uri parameter.');
  }
  if (!clientId) return oauthError(401, 'invalid_client', 'Missing client_id.');
  return account.exchange(code, verifier, clientId, redirectUri);
}

function refreshGrant(account: AccountTokens, form: URLSearchParams): Grant {
  const refreshToken = form.get('refresh_token');
  const clientId = form.get('client_id');
  if (!refreshToken) return oauthError(400, 'invalid_request', 'Missing refresh_token parameter.');
  if (!clientId) return oauthError(401, 'invalid_client', 'Missing client_id.');
  return account.refresh(refreshToken, clientId);
}

function tokensOr(grant: Grant): Response {
  if (grant instanceof Response) return grant;
  if (!grant.ok) return oauthError(grant.status, grant.error, grant.description);
  return HttpResponse.json(grant.tokens, { headers: NO_STORE });
}

export function oauthNotFound(): Response {
  return HttpResponse.json({ detail: 'Not found.' }, { status: 404 });
}
