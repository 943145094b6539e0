/** The shape of one entry of `GET /app/printers/{uuid}/supported-commands`, as a real CORE One sends it. */
export interface SupportedCommandArg {
  name: string;
  type: string;
  required: boolean;
  input?: boolean;
  output?: boolean;
  description?: string;
  default?: unknown;
  unit?: string;
  reference?: string;
  min_limit?: number;
  max_limit?: number;
}

export interface SupportedCommand {
  command: string;
  args: SupportedCommandArg[];
  description?: string;
  duplicates_allowed?: boolean;
  executable_from_state?: string[];
  template?: string;
  min_temp_nozzle_e?: number;
}
