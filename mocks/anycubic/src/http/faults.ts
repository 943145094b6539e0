/**
 * HTTP faults (`printer.faults`, operations `POST /gcode_upload`, `GET /info`, `POST /ctrl`): what each
 * kind does to a request. `auth-failure` answers the endpoint's own refusal (401 for uploads, a
 * refused-signature body for `/ctrl`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault } from '@printkit/printer-sim';
import { sendJson } from './respond.js';

export interface FaultAnswers {
  /** The body and headers of an `auth-failure`; default a 401 `{code, msg}`. */
  authFailure?: () => { status: number; body: unknown; headers?: Record<string, string> };
}

/** Returns true when the fault answered (or killed) the request. */
export async function actOutFault(
  fault: Fault,
  req: IncomingMessage,
  res: ServerResponse,
  answers: FaultAnswers = {},
): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 0));
      return false;
    case 'drop':
    case 'disconnect':
      req.socket.destroy();
      return true;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":200,"msg":');
      return true;
    case 'auth-failure': {
      const answer = answers.authFailure?.() ?? {
        status: 401,
        body: { code: fault.code ?? 401, msg: fault.message ?? 'injected error' },
      };
      sendJson(res, answer.status, answer.body, answer.headers);
      return true;
    }
    case 'error-reply': {
      const status = fault.status ?? 500;
      sendJson(res, status, { code: fault.code ?? status, msg: fault.message ?? 'injected error' });
      return true;
    }
  }
}
