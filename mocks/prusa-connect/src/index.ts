export {
  CONNECT_CLIENT_ID,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
} from './account/tokens.js';
export type { CorsOption } from './cors.js';
export {
  type AccountOptions,
  createMockPrusaConnect,
  type FileTimeField,
  type MockCameraOptions,
  type MockPrinterOptions,
  type MockPrusaAccount,
  MockPrusaConnect,
  type MockPrusaConnectOptions,
  type MockPrusaPrinter,
  type MockTelemetryOptions,
  type TokenSet,
} from './create.js';
export { type Fault, type FaultKind, FaultPlan, type FaultRule, MALFORMED_JSON_BODY } from './faults.js';
export { operationName } from './route.js';
export {
  StartedMockPrusaConnect,
  type StartMockPrusaConnectOptions,
  startMockPrusaConnect,
} from './start.js';
export {
  CAPTURE_PRINTER_UUID,
  DEFAULT_BASE_URL,
  DEFAULT_TEAM_ID,
  DEFAULT_TELEMETRY_INTERVAL_MS,
  DEFAULT_TELEMETRY_RETENTION_MS,
  DEFAULT_TOKEN,
} from './state.js';
export type { SupportedCommand, SupportedCommandArg } from './supported-command.js';
