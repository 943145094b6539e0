export { COMMANDS, type CommandSpec, parseCliArgs } from './cli-args.js';
export { configFileSchema, type PrinterConfigInput, printerConfigSchema } from './config/config-schema.js';
export {
  CONFIG_FILE_NAME,
  type LoadedConfig,
  loadConfig,
  type PrinterConfig,
  parseConfig,
} from './config/load-config.js';
export type { CliDeps, CliIo, OutputStream, PrinterFactory } from './context.js';
export { EXIT, type ExitCode, exitCodeFor } from './exit-codes.js';
export type { PrinterView } from './format/status-table.js';
export { runCli } from './main.js';
export { ConfigError, UsageError } from './usage-error.js';
export { createPrinterFromConfig } from './vendors/create-printer.js';
export { type RenderWatchOptions, renderWatch } from './watch/render-watch.js';
