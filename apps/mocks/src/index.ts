export { formatConnectionTable } from './connection-table.js';
export { type ControlApi, type ControlTarget, printerView, startControlApi } from './control-api.js';
export { type Fleet, type FleetOptions, startFleet } from './fleet.js';
export type { FleetDescription } from './fleet-description.js';
export {
  ANYCUBIC_MODELS,
  DEFAULT_PORTS,
  type FleetPlan,
  type FleetPlanOptions,
  loopbackAddress,
  type PlannedPrinter,
  parseShard,
  planFleet,
  type Shard,
} from './fleet-plan.js';
export type { FleetPrinter, PrinterConnection, PrinterDetails } from './fleet-printer.js';
export { DEFAULT_FLEET, type FleetCounts, parseFleetSpec, VENDORS, type Vendor } from './fleet-spec.js';
export { FleetPlanError } from './port-allocator.js';
export { PortInUseError } from './port-in-use-error.js';
