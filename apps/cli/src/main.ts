/** `printkit`: parse the arguments, run one command, map what happened to an exit code. */
import { readFileSync } from 'node:fs';
import { commandHelp, findCommand, integerOption, mainHelp, parseCliArgs } from './cli-args.js';
import { runDemo } from './commands/demo.js';
import { runFiles } from './commands/files.js';
import { runInit } from './commands/init.js';
import { runCancel, runGcode, runLight, runPause, runResume, runTemp } from './commands/job-commands.js';
import { runList } from './commands/list.js';
import { runPrint } from './commands/print.js';
import { runStatus } from './commands/status.js';
import { runWatch } from './commands/watch.js';
import { type CliDeps, type CliIo, type CommandContext, writeLine } from './context.js';
import { EXIT, type ExitCode, exitCodeFor } from './exit-codes.js';
import { createPalette, wantsColor } from './format/palette.js';
import { errorLine, rootError } from './report-error.js';
import { UsageError } from './usage-error.js';

const RUNNERS: Readonly<Record<string, (ctx: CommandContext) => Promise<ExitCode>>> = {
  list: runList,
  status: runStatus,
  watch: runWatch,
  files: runFiles,
  print: runPrint,
  pause: runPause,
  resume: runResume,
  cancel: runCancel,
  temp: runTemp,
  light: runLight,
  gcode: runGcode,
  init: runInit,
  demo: runDemo,
};

export const DEFAULT_TIMEOUT_MS = 10_000;

function version(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<ExitCode> {
  const colorFlags = { color: argv.includes('--color'), noColor: argv.includes('--no-color') };
  const errorPalette = createPalette(wantsColor(io.stderr, io.env, colorFlags));
  const fail = (error: unknown): ExitCode => {
    writeLine(io.stderr, `${errorPalette.paint(['red', 'bold'], 'printkit:')} ${errorLine(error)}`);
    return exitCodeFor(rootError(error));
  };
  try {
    const parsed = parseCliArgs(argv);
    const { command, options } = parsed;
    if (options.version) {
      writeLine(io.stdout, version());
      return EXIT.ok;
    }
    if (!command) {
      if (options.help) {
        writeLine(io.stdout, mainHelp());
        return EXIT.ok;
      }
      writeLine(io.stderr, mainHelp());
      return EXIT.usage;
    }
    if (command.name === 'help') {
      const topic = parsed.args[0];
      if (topic === undefined) writeLine(io.stdout, mainHelp());
      else {
        const spec = findCommand(topic);
        if (!spec) throw new UsageError(`no command '${topic}'. See printkit --help`);
        writeLine(io.stdout, commandHelp(spec));
      }
      return EXIT.ok;
    }
    if (options.help) {
      writeLine(io.stdout, commandHelp(command));
      return EXIT.ok;
    }
    const ctx: CommandContext = {
      io,
      deps,
      args: parsed.args,
      options,
      palette: createPalette(wantsColor(io.stdout, io.env, colorFlags)),
      errorPalette,
      json: options.json === true,
      timeoutMs: integerOption(options, 'timeout') ?? DEFAULT_TIMEOUT_MS,
    };
    return await RUNNERS[command.name]!(ctx);
  } catch (error) {
    return fail(error);
  }
}
