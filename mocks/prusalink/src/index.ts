export type { LinkState } from './link-state.js';
export {
  DEFAULT_MOCK_FILES,
  type LegacyCompletionScale,
  type MockAuthMode,
  type MockDialect,
  type MockPrusaLinkOptions,
  type ResolvedOptions,
} from './options.js';
export { StartedMockPrusaLink, type StartMockPrusaLinkOptions, startMockPrusaLink } from './start.js';
