/**
 * Connect's error bodies, `{code, message, reason?}` (protocol notes, "Base, auth, errors"). Every
 * error the mock answers goes through here so the exact texts live in one place.
 */
import { HttpResponse } from 'msw';

export interface ConnectErrorBody {
  code: string;
  message: string;
  reason?: string;
}

export function connectError(status: number, body: ConnectErrorBody, headers?: HeadersInit): Response {
  return HttpResponse.json(body, headers === undefined ? { status } : { status, headers });
}

export const UNAUTHORIZED_BODY: ConnectErrorBody = {
  message: 'Missing or invalid security token',
  code: 'UNAUTHORIZED',
};

export const NOT_FOUND_ENDPOINT_BODY: ConnectErrorBody = {
  code: 'NOT_FOUND_ENDPOINT',
  message: 'Endpoint not found',
};

export const unauthorized = (): Response => connectError(401, UNAUTHORIZED_BODY);
export const notFoundEndpoint = (): Response => connectError(404, NOT_FOUND_ENDPOINT_BODY);
export const notFoundPrinter = (): Response =>
  connectError(404, { code: 'NOT_FOUND_PRINTER', message: 'Printer ID not found' });
export const notFoundCamera = (): Response =>
  connectError(404, { code: 'NOT_FOUND_CAMERA', message: 'Camera not found' });
export const notFoundTeam = (): Response =>
  connectError(404, { code: 'NOT_FOUND_TEAM', message: 'Team not found' });
export const notFound = (code: string, message: string): Response => connectError(404, { code, message });
export const badRequest = (reason: string): Response =>
  connectError(400, { code: 'BAD_REQUEST', message: 'Bad request', reason });
export const conflictCommand = (reason: string): Response =>
  connectError(409, { code: 'CONFLICT_COMMAND', message: 'Command is not allowed in this state', reason });
export const payloadTooLarge = (reason: string): Response =>
  connectError(413, { code: 'PAYLOAD_TOO_LARGE', message: 'Payload too large', reason });
