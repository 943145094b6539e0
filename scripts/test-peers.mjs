#!/usr/bin/env node
// The third-party programs the tests run against (a real mosquitto broker, its command-line clients,
// curl). `npm test` runs this before anything else: what is missing is installed with apt-get when
// that needs no password (root, or `sudo -n`), otherwise it stops with one line saying what to
// install — before the tests, so a missing program is never reported as two failed tests.
//
//   node scripts/test-peers.mjs             install what is missing (or stop)
//   node scripts/test-peers.mjs --dry-run   print the plan, change nothing
//   --search-path <dirs>                    look only in these directories (a PATH-style list): lets a
//                                           test pretend a program is missing on a machine that has it
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each program the tests start, and the Debian package that ships it. */
export const TEST_PEERS = [
  { program: 'mosquitto', debianPackage: 'mosquitto' },
  { program: 'mosquitto_pub', debianPackage: 'mosquitto-clients' },
  { program: 'mosquitto_sub', debianPackage: 'mosquitto-clients' },
  { program: 'curl', debianPackage: 'curl' },
];

// mosquitto lives in /usr/sbin, which is not on a normal user's PATH; the tests look there too.
const SYSTEM_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin', '/sbin', '/bin'];

/** PATH plus the system directories, in that order, without repeats. */
export function defaultSearchDirs(envPath = process.env.PATH ?? '') {
  return [...new Set([...envPath.split(delimiter).filter(Boolean), ...SYSTEM_DIRS])];
}

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The programs of TEST_PEERS found in none of `dirs`.
 * @param {readonly string[]} dirs
 * @param {(file: string) => boolean} [exists]
 * @returns {string[]}
 */
export function missingPrograms(dirs, exists = isExecutable) {
  return TEST_PEERS.filter(({ program }) => !dirs.some((dir) => exists(join(dir, program)))).map(
    ({ program }) => program,
  );
}

/**
 * What to do about the missing programs — a pure function of what the machine offers.
 * @param {{ missing: string[]; platform: string; uid: number | undefined; hasAptGet: boolean;
 *   hasPasswordlessSudo: boolean }} machine
 * @returns {{ action: 'ready' } | { action: 'install'; packages: string[]; commands: string[][] }
 *   | { action: 'stop'; message: string }}
 */
export function planTestPeers(machine) {
  if (machine.missing.length === 0) return { action: 'ready' };
  const packages = [
    ...new Set(
      TEST_PEERS.filter(({ program }) => machine.missing.includes(program)).map((p) => p.debianPackage),
    ),
  ];
  const what = `npm test needs programs that are missing: ${machine.missing.join(', ')}.`;
  if (machine.platform !== 'linux' || !machine.hasAptGet) {
    return {
      action: 'stop',
      message: `${what} Install ${packages.join(', ')} with your system's package manager, then run npm test again.`,
    };
  }
  const asRoot = machine.uid === 0;
  if (!asRoot && !machine.hasPasswordlessSudo) {
    return {
      action: 'stop',
      message: `${what} Run \`sudo apt-get install ${packages.join(' ')}\`, then npm test again.`,
    };
  }
  const prefix = asRoot ? [] : ['sudo', '-n'];
  return {
    action: 'install',
    packages,
    commands: [
      [...prefix, 'apt-get', 'update', '-qq'],
      [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', ...packages],
    ],
  };
}

/** @param {string} command @param {string[]} args */
function succeeds(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

/**
 * Probes the real machine (only the search directories can be overridden).
 * @param {readonly string[]} dirs
 */
export function describeMachine(dirs) {
  const missing = missingPrograms(dirs);
  const uid = process.getuid?.();
  const hasAptGet = defaultSearchDirs().some((dir) => isExecutable(join(dir, 'apt-get')));
  // Only asked when it matters: `sudo -n` fails instead of prompting for a password.
  const hasPasswordlessSudo =
    missing.length > 0 && uid !== 0 && hasAptGet && succeeds('sudo', ['-n', 'true']);
  return { missing, platform: process.platform, uid, hasAptGet, hasPasswordlessSudo };
}

/** @param {readonly string[]} argv */
function parseArgs(argv) {
  /** @type {{ dryRun: boolean; searchPath: string | undefined }} */
  const options = { dryRun: false, searchPath: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--search-path') options.searchPath = argv[++i] ?? '';
    else throw new Error(`unknown option ${arg} (expected --dry-run, --search-path <dirs>)`);
  }
  // A pretend search path would make a real install look as if it had failed.
  if (options.searchPath !== undefined && !options.dryRun) throw new Error('--search-path needs --dry-run');
  return options;
}

/**
 * Returns the exit status: 0 when every program is there (maybe after installing it).
 * @param {readonly string[]} argv
 */
export function ensureTestPeers(argv) {
  const options = parseArgs(argv);
  const dirs =
    options.searchPath === undefined
      ? defaultSearchDirs()
      : options.searchPath.split(delimiter).filter(Boolean);
  const plan = planTestPeers(describeMachine(dirs));
  if (plan.action === 'ready') {
    if (options.dryRun) console.log('test peers: all present');
    return 0;
  }
  if (plan.action === 'stop') {
    console.error(plan.message);
    return 1;
  }
  if (options.dryRun) {
    console.log(`test peers: would install ${plan.packages.join(' ')}`);
    for (const command of plan.commands) console.log(`  ${command.join(' ')}`);
    return 0;
  }
  console.log(`Installing the programs the tests run against: ${plan.packages.join(' ')}`);
  for (const [command = '', ...args] of plan.commands) {
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(
        `Could not install ${plan.packages.join(' ')} (\`${[command, ...args].join(' ')}\` failed): install them by hand, then run npm test again.`,
      );
      return 1;
    }
  }
  const stillMissing = missingPrograms(dirs);
  if (stillMissing.length > 0) {
    console.error(`Still missing after apt-get install: ${stillMissing.join(', ')}.`);
    return 1;
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exit(ensureTestPeers(process.argv.slice(2)));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
}
