/**
 * `@printkit/prusa-connect/protocol`: the wire types of every endpoint, with Connect's own field names
 * and units (see the README's "Wire names and units"), and the endpoint table's types. Types only,
 * plus the lists of known state values; the schemas that validate replies stay internal.
 */
export { fileModifiedAt } from './schemas-jobs.js';
export { JOB_STATES, PRINTER_STATES } from './schemas-printer.js';
export type {
  BinaryReply,
  EndpointDefinition,
  EndpointInput,
  EndpointName,
  EndpointResult,
  Endpoints,
  PathParams,
} from './table.js';
export type * from './wire.js';
