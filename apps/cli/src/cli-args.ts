/**
 * Arguments of `printkit`: global options, one command, its positionals and options. Parsed with
 * node:util parseArgs over every option name at once, then checked against the chosen command.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type OptionType = 'string' | 'boolean';

interface OptionSpec {
  type: OptionType;
  short?: string;
  /** e.g. `<ms>` */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  /** e.g. `<printer> <file>` */
  args: string;
  minArgs: number;
  /** Infinity: the rest of the line (gcode). */
  maxArgs: number;
  summary: string;
  description: string;
  options: readonly string[];
  examples: readonly string[];
}

export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  config: {
    type: 'string',
    short: 'c',
    value: '<path>',
    description: 'config file (default ./printkit.config.json)',
  },
  timeout: { type: 'string', value: '<ms>', description: 'how long to wait for a printer (default 10000)' },
  color: { type: 'boolean', description: 'colours even when not on a terminal' },
  'no-color': { type: 'boolean', description: 'no colours (so does the NO_COLOR variable)' },
  help: { type: 'boolean', short: 'h', description: 'show help (also: printkit help <command>)' },
  version: { type: 'boolean', short: 'v', description: 'show the version' },
};

export const COMMAND_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean', description: 'machine-readable JSON on stdout' },
  interval: {
    type: 'string',
    value: '<ms>',
    description: 'redraw every <ms> (default 1000 on a terminal, 5000 otherwise)',
  },
  count: { type: 'string', value: '<n>', description: 'stop after <n> redraws (default: until Ctrl-C)' },
  sort: {
    type: 'string',
    value: '<by>',
    description: 'watch order: config (default), attention (errors first), name, state, vendor, progress',
  },
  state: {
    type: 'string',
    value: '<s,...>',
    description: 'watch only printers in these states, e.g. error,paused',
  },
  vendor: {
    type: 'string',
    value: '<v,...>',
    description: 'watch only printers of these vendors, e.g. moonraker',
  },
  'from-mocks': {
    type: 'string',
    value: '<file|url|->',
    description: 'printkit-mocks --json output: a file, - for stdin, or the control API URL',
  },
  out: {
    type: 'string',
    short: 'o',
    value: '<path>',
    description: 'where to write (default ./printkit.config.json)',
  },
  force: { type: 'boolean', short: 'f', description: 'overwrite an existing file' },
  speed: { type: 'string', value: '<factor>', description: 'sim time per wall time (default 30)' },
  seed: { type: 'string', value: '<n>', description: 'seeds the simulated printers (default 1)' },
  fleet: {
    type: 'string',
    value: '<spec>',
    description: 'printers per vendor, e.g. anycubic=2,moonraker=2,prusa=1',
  },
  'port-base': {
    type: 'string',
    value: '<port>',
    description: 'consecutive ports from <port> (default: free ports)',
  },
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    args: '',
    minArgs: 0,
    maxArgs: 0,
    summary: 'the printers in the config file, with what each can do',
    description: 'Lists the configured printers, their address and capabilities. Connects to nothing.',
    options: ['json'],
    examples: ['printkit list', 'printkit list --json'],
  },
  {
    name: 'status',
    args: '[printer...]',
    minArgs: 0,
    maxArgs: Number.POSITIVE_INFINITY,
    summary: 'state, temperatures and job of every printer (or the ones named)',
    description: 'Connects to each printer, reads its status once and prints a table.',
    options: ['json'],
    examples: ['printkit status', 'printkit status kobra --json'],
  },
  {
    name: 'watch',
    args: '[printer...]',
    minArgs: 0,
    maxArgs: Number.POSITIVE_INFINITY,
    summary: 'a live table of every printer, redrawn in place',
    description:
      'Connects to the printers and redraws their status table as it changes: state, nozzle and bed\n' +
      '(actual/target °C), job, progress and time left. On a terminal the table redraws in place;\n' +
      'otherwise (a pipe, a log) it prints the table every --interval ms.',
    options: ['interval', 'count', 'json', 'sort', 'state', 'vendor'],
    examples: [
      'printkit watch',
      'printkit watch kobra voron --interval 500',
      'printkit watch --sort attention --state error,unreachable,paused',
      'printkit watch --json --count 3',
    ],
  },
  {
    name: 'files',
    args: '<printer>',
    minArgs: 1,
    maxArgs: 1,
    summary: 'the files on a printer',
    description: 'Lists the files a printer can print (needs the files.list capability).',
    options: ['json'],
    examples: ['printkit files voron'],
  },
  {
    name: 'print',
    args: '<printer> <file>',
    minArgs: 2,
    maxArgs: 2,
    summary: 'start a print (uploading a local file first)',
    description:
      'Starts printing <file>. When <file> is a path on this computer, it is uploaded first\n' +
      '(if the printer can take uploads), then printed under its base name; otherwise <file> names\n' +
      'a file already on the printer.',
    options: [],
    examples: ['printkit print voron benchy.gcode', 'printkit print kobra ./parts/bracket.gcode'],
  },
  {
    name: 'pause',
    args: '<printer>',
    minArgs: 1,
    maxArgs: 1,
    summary: 'pause the running print',
    description: 'Pauses the print that is running.',
    options: [],
    examples: ['printkit pause kobra'],
  },
  {
    name: 'resume',
    args: '<printer>',
    minArgs: 1,
    maxArgs: 1,
    summary: 'resume a paused print',
    description: 'Resumes a paused print.',
    options: [],
    examples: ['printkit resume kobra'],
  },
  {
    name: 'cancel',
    args: '<printer>',
    minArgs: 1,
    maxArgs: 1,
    summary: 'cancel the running print',
    description: 'Cancels the print that is running or paused.',
    options: [],
    examples: ['printkit cancel kobra'],
  },
  {
    name: 'temp',
    args: '<printer> <nozzle|bed|chamber> <celsius>',
    minArgs: 3,
    maxArgs: 3,
    summary: 'set a heater target (0 turns it off)',
    description: 'Sets the target temperature of a heater in °C; 0 turns the heater off.',
    options: [],
    examples: ['printkit temp voron nozzle 210', 'printkit temp voron bed 0'],
  },
  {
    name: 'light',
    args: '<printer> <on|off>',
    minArgs: 2,
    maxArgs: 2,
    summary: 'switch the main light',
    description: 'Switches the printer’s main light (head or chamber light, depending on the printer).',
    options: [],
    examples: ['printkit light kobra on'],
  },
  {
    name: 'gcode',
    args: '<printer> <line...>',
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    summary: 'send G-code and print the console reply',
    description:
      'Sends one line of G-code (the rest of the command line) and prints what the printer answers.',
    options: [],
    examples: ['printkit gcode voron G28', 'printkit gcode voron "M104 S200"'],
  },
  {
    name: 'init',
    args: '',
    minArgs: 0,
    maxArgs: 0,
    summary: 'write a printkit.config.json',
    description:
      'Writes a config file: from a running printkit-mocks fleet with --from-mocks, or else an\n' +
      'example with one printer of each vendor to edit.',
    options: ['from-mocks', 'out', 'force'],
    examples: [
      'printkit-mocks --json > fleet.json & printkit init --from-mocks fleet.json',
      'printkit init --from-mocks http://127.0.0.1:7070',
      'printkit init --out ~/printers.json',
    ],
  },
  {
    name: 'demo',
    args: '',
    minArgs: 0,
    maxArgs: 0,
    summary: 'mock printers of all three vendors printing, live',
    description:
      'Starts a fleet of mock printers in this process (Anycubic, Moonraker, Prusa Connect), starts a\n' +
      'print on each through the same Printer interface the other commands use, and shows the watch\n' +
      'view. Ctrl-C stops everything.',
    options: ['speed', 'seed', 'fleet', 'port-base', 'count', 'interval'],
    examples: ['printkit demo', 'printkit demo --speed 120 --fleet anycubic=2,moonraker=2,prusa=2'],
  },
  {
    name: 'help',
    args: '[command]',
    minArgs: 0,
    maxArgs: 1,
    summary: 'help for a command',
    description: 'Shows help for printkit or one of its commands.',
    options: [],
    examples: ['printkit help print'],
  },
];

export interface ParsedArgs {
  command: CommandSpec | undefined;
  args: string[];
  options: Record<string, string | boolean | undefined>;
}

function allOptions(): Record<string, { type: OptionType; short?: string }> {
  const entries = Object.entries({ ...GLOBAL_OPTIONS, ...COMMAND_OPTIONS }).map(([name, spec]) => [
    name,
    spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
  ]);
  return Object.fromEntries(entries);
}

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: allOptions(), allowPositionals: true, strict: true });
  } catch (error) {
    // Node adds advice about '--' to unknown options, which only confuses here.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(`${message}. See printkit --help`);
  }
  const [name, ...args] = parsed.positionals;
  const options = parsed.values as Record<string, string | boolean | undefined>;
  if (name === undefined) return { command: undefined, args: [], options };
  const command = findCommand(name);
  if (!command) {
    throw new UsageError(`unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
  }
  if (options.help) return { command, args, options };
  for (const option of Object.keys(options)) {
    if (option in GLOBAL_OPTIONS || command.options.includes(option)) continue;
    throw new UsageError(
      `printkit ${command.name} has no --${option} option. See printkit help ${command.name}`,
    );
  }
  if (args.length < command.minArgs || args.length > command.maxArgs) {
    const usage = `printkit ${command.name}${command.args ? ` ${command.args}` : ''}`;
    throw new UsageError(`usage: ${usage}. See printkit help ${command.name}`);
  }
  return { command, args, options };
}

/** A positive integer option, or undefined when absent. */
export function integerOption(
  options: ParsedArgs['options'],
  name: string,
  min = 1,
  max = 86_400_000,
): number | undefined {
  const raw = options[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name}: expected a whole number from ${min} to ${max}, got "${String(raw)}"`);
  }
  return value;
}

function optionLine(name: string, spec: OptionSpec): [string, string] {
  const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
  return [flag, spec.description];
}

function columns(rows: readonly [string, string][], indent = '  '): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`);
}

export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  ok',
  '  1  the printer refused or failed the command (or another runtime error)',
  '  2  usage: bad arguments (also values a client refuses), bad or missing config file, unknown printer',
  '  3  unsupported: the printer does not offer that command',
  '  4  unreachable: could not connect, or no answer in time',
  '  5  authentication refused',
];

export function mainHelp(): string {
  return [
    'printkit — drive Moonraker (Klipper), Anycubic (local MQTT) and Prusa Connect printers from one CLI',
    '',
    'Usage: printkit <command> [arguments] [options]',
    '',
    'Commands:',
    ...columns(COMMANDS.map((c) => [`${c.name}${c.args ? ` ${c.args}` : ''}`, c.summary])),
    '',
    'Options:',
    ...columns([
      ...Object.entries(GLOBAL_OPTIONS).map(([name, spec]) => optionLine(name, spec)),
      optionLine('json', {
        ...COMMAND_OPTIONS.json!,
        description: 'machine-readable JSON (list, status, files, watch)',
      }),
    ]),
    '',
    'Printers come from printkit.config.json (see printkit help init). Try it without hardware:',
    '  printkit demo',
    '',
    ...EXIT_CODES_HELP,
  ].join('\n');
}

export function commandHelp(command: CommandSpec): string {
  const options = command.options.map((name) => optionLine(name, COMMAND_OPTIONS[name]!));
  return [
    `Usage: printkit ${command.name}${command.args ? ` ${command.args}` : ''}${options.length > 0 ? ' [options]' : ''}`,
    '',
    command.description,
    ...(options.length > 0 ? ['', 'Options:', ...columns(options)] : []),
    '',
    'Global options:',
    ...columns(Object.entries(GLOBAL_OPTIONS).map(([name, spec]) => optionLine(name, spec))),
    '',
    'Examples:',
    ...command.examples.map((example) => `  ${example}`),
  ].join('\n');
}
