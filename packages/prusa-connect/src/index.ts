export {
  capabilitiesOf,
  createPrusaConnectPrinter,
  type PrusaConnectPrinter,
  type PrusaConnectPrinterOptions,
} from './adapter.js';
export type { AuthOptions, AuthScheme } from './auth.js';
export {
  type CommandOptions,
  createPrusaConnectClient,
  DEFAULT_BASE_URL,
  type PrusaConnectClient,
  type PrusaConnectClientOptions,
  type SnapshotOptions,
} from './client.js';
export {
  CommandValidationError,
  type CommandValidationOptions,
  type CommandValidator,
  createCommandValidator,
} from './command-validation.js';
export type {
  CommandKwargs,
  CommandsWithoutKwargs,
  KnownCommandName,
  KnownCommands,
  NoKwargs,
} from './commands.js';
export {
  type BinaryReply,
  ENDPOINTS,
  type EndpointDefinition,
  type EndpointInput,
  type EndpointName,
  type EndpointResult,
  type Endpoints,
  type PathParams,
} from './endpoints.js';
export { ConnectAuthError, ConnectRejectedError, errorFromReply, isRetryableStatus } from './errors.js';
export {
  createFetchTransport,
  createUndiciTransport,
  type FetchFunction,
  type HttpBody,
  type HttpMethod,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type UndiciTransportOptions,
} from './http.js';
export { type IterateOptions, type Page, paginate } from './pagination.js';
export {
  DEFAULT_POLL_INTERVALS,
  nextPollDelay,
  type PollIntervals,
  type PollSituation,
  type PollTimers,
} from './polling.js';
export { parseRetryAfter, type RetryOptions } from './retry.js';
export * from './schemas/index.js';
export { toPrinterStatus } from './status-mapping.js';
export type { CallOptions, Requester } from './transport.js';
export {
  DEFAULT_UPLOAD_TIMEOUT_MS,
  defaultContentType,
  type PutUploadOptions,
  type UploadData,
  type UploadFileOptions,
  type UploadFileResult,
} from './upload.js';
