export { ACE_2_MODEL_ID, ACE_PRO_MODEL_ID, type AceBox, type AceSlot } from './ace.js';
export {
  type AttachedAnycubicPrinter,
  type AttachSimulatedPrinterOptions,
  attachSimulatedAnycubicPrinter,
} from './attach.js';
export { type AnycubicBroker, type AnycubicBrokerOptions, startAnycubicBroker } from './broker.js';
export { COMMAND_HANDLERS, commandOperations } from './commands.js';
export type { DeviceState, LightState, PrintSpeedMode, UdiskFile } from './device-state.js';
export { ANYCUBIC_CODES, LAN_CTRL_CODES } from './error-codes.js';
export { CTRL_OPERATION, DISCOVERY_OPERATION, type PrinterHttpServer, UPLOAD_OPERATION } from './http.js';
export type { LanCredentials } from './lan/lan-access.js';
export type {
  MockAnycubic,
  MockAnycubicLanOptions,
  MockAnycubicOptions,
  MockAnycubicPrinter,
  MockAnycubicPrinterOptions,
  MockAnycubicTls,
  MockAnycubicTlsOptions,
  MockLanControls,
} from './mock-types.js';
export {
  ANYCUBIC_MODELS,
  type AnycubicModel,
  anycubicModel,
  DEFAULT_LIGHT_NAMES,
  KOBRA_3,
  KOBRA_3_MAX,
  KOBRA_3_V2,
  KOBRA_4,
  KOBRA_S1,
  KOBRA_S1_MAX,
  KOBRA_X,
  LEGACY_KOBRA_2_MODEL_IDS,
  lightName,
} from './models.js';
export type { PrintTimeUnit } from './reports/context.js';
export { defaultAnycubicSim } from './sim-helpers.js';
export { SimulatedAnycubicPrinter, type SimulatedPrinterOptions } from './simulated-printer.js';
export { startMockAnycubic } from './start.js';
export { createPrinterCertificate, type PrinterCertificate } from './tls-certificate.js';
export {
  type CommandRoot,
  commandSubscription,
  commandTopic,
  type PrinterAddress,
  parseCommandTopic,
  publicSubscription,
  reportTopic,
  responseTopic,
} from './topics.js';
export { InProcessTransport, type InProcessTransportOptions } from './transport/in-process-transport.js';
export { MqttTransport, type MqttTransportOptions } from './transport/mqtt-transport.js';
export type { PrinterSession, PrinterTransport } from './transport/printer-transport.js';
export type { CommandMessage, ReportMessage } from './wire.js';
