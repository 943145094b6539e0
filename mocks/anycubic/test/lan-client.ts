/**
 * A third-party LAN-mode client written for the tests from the protocol notes alone ("LAN mode on stock
 * firmware", steps 1–3), with plain `fetch` and `node:crypto` — not the mock's code — so a mistake in
 * the mock cannot hide behind the same mistake here.
 */
import { createDecipheriv, createHash, randomInt } from 'node:crypto';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function randomOf(alphabet: string, length: number): string {
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export interface Discovery {
  ctrlType: string;
  token: string;
  ctrlInfoUrl: string;
  modelId: string | number;
  [key: string]: unknown;
}

export interface BrokerInfo {
  broker: string;
  username: string;
  password: string;
  deviceId: string;
  [key: string]: unknown;
}

export async function discover(url: string): Promise<{ response: Response; document: Discovery }> {
  const response = await fetch(url);
  // The printer sends no JSON content type: read text and parse it ourselves.
  const document = JSON.parse(await response.text()) as Discovery;
  return { response, document };
}

export interface CtrlQuery {
  ts: string;
  nonce: string;
  sign: string;
  did: string;
}

/** The four query parameters of a correct signed request for `token`. */
export function signedQuery(token: string, tsMs = Date.now()): CtrlQuery {
  const ts = String(tsMs);
  const nonce = randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 6);
  return {
    ts,
    nonce,
    sign: md5(md5(token.slice(0, 16)) + ts + nonce),
    did: randomOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32),
  };
}

export async function postCtrl(
  ctrlInfoUrl: string,
  query: Partial<CtrlQuery>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(ctrlInfoUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url, { method: 'POST' });
  return { status: response.status, body: JSON.parse(await response.text()) as Record<string, unknown> };
}

export function decryptBrokerInfo(token: string, info: string, ivSource: string): BrokerInfo {
  const iv = Buffer.alloc(16);
  Buffer.from(ivSource, 'ascii').copy(iv, 0, 0, 16);
  const decipher = createDecipheriv('aes-128-cbc', Buffer.from(token.slice(16, 32), 'ascii'), iv);
  const plain = Buffer.concat([decipher.update(Buffer.from(info, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as BrokerInfo;
}

/** Steps 1–3: discovery, signed request, decryption. */
export async function lanHandshake(
  discoveryUrl: string,
): Promise<{ discovery: Discovery; broker: BrokerInfo }> {
  const { document } = await discover(discoveryUrl);
  if (document.ctrlType !== 'lan') throw new Error(`LAN mode is off (ctrlType ${document.ctrlType})`);
  const { body } = await postCtrl(document.ctrlInfoUrl, signedQuery(document.token));
  if (body.code !== 200) throw new Error(`handshake refused: ${String(body.code)} ${String(body.message)}`);
  const data = body.data as { info: string; token: string };
  return { discovery: document, broker: decryptBrokerInfo(document.token, data.info, data.token) };
}
