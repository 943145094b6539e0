/** `printkit`: parse the arguments, run one command, map what happened to an exit code. */
import { readFileSync } from 'node:fs';
import { commandHelp, findCommand, integerOption, mainHelp, parseCliArgs } from './cli-args.js';
import type { CliDeps, CliIo, CommandContext } from './context.js';
import { EXIT, type ExitCode, exitCodeFor } from './exit-codes.js';
import { createPalette, wantsColor } from './format/palette.js';
import { writeLine } from './output.js';
import { errorLine, rootError } from './report-error.js';
import { UsageError } from './usage-error.js';

type Runner = (ctx: CommandContext) => Promise<ExitCode>;

// Each command's module is imported when that command runs: `--help` and `--version` load none of
// them, and only `demo` loads the mock fleet (msw, aedes, graphql: ~0.6 s and ~60 MB, measured).
const RUNNERS: Readonly<Record<string, () => Promise<Runner>>> = {
  list: async () => (await import('./commands/list.js')).runList,
  status: async () => (await import('./commands/status.js')).runStatus,
  watch: async () => (await import('./commands/watch.js')).runWatch,
  files: async () => (await import('./commands/files.js')).runFiles,
  print: async () => (await import('./commands/print.js')).runPrint,
  pause: async () => (await import('./commands/job-commands.js')).runPause,
  resume: async () => (await import('./commands/job-commands.js')).runResume,
  cancel: async () => (await import('./commands/job-commands.js')).runCancel,
  temp: async () => (await import('./commands/job-commands.js')).runTemp,
  light: async () => (await import('./commands/job-commands.js')).runLight,
  gcode: async () => (await import('./commands/job-commands.js')).runGcode,
  init: async () => (await import('./commands/init.js')).runInit,
  demo: async () => (await import('./commands/demo.js')).runDemo,
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
    const run = await RUNNERS[command.name]!();
    return await run(ctx);
  } catch (error) {
    return fail(error);
  }
}
