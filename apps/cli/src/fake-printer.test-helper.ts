/** An in-memory Printer that records what the CLI asks of it, for the command tests. */
import {
  type Capability,
  ConnectionError,
  type HeaterName,
  PrinterBase,
  type PrinterFile,
  PrinterRejectedError,
  type PrinterStatus,
} from '@printkit/core-types';
import type { PrinterConfig } from './config/load-config.js';
import type { CliDeps, CliIo, OutputStream } from './context.js';

export const ALL_BUT_GCODE: Capability[] = [
  'print.start',
  'print.pause',
  'print.resume',
  'print.cancel',
  'temperature.nozzle',
  'temperature.bed',
  'files.list',
  'files.upload',
  'light',
];

export class RecordingPrinter extends PrinterBase {
  readonly vendor: string;
  readonly id: string;
  readonly calls: string[] = [];
  /** Thrown by connect() when set (e.g. a ConnectionError for an unreachable printer). */
  connectError: Error | undefined;
  uploads: Array<{ name: string; bytes: number }> = [];
  current: PrinterStatus = {
    state: 'printing',
    temperatures: { nozzle: { actual: 209.6, target: 210 }, bed: { actual: 60, target: 60 } },
    job: { file: 'cube.gcode', progress: 0.5, remainingSeconds: 600 },
    updatedAt: 1,
  };

  constructor(config: PrinterConfig, capabilities: Capability[] = ALL_BUT_GCODE) {
    super({ capabilities, timeoutMs: 1000, connectTimeoutMs: 1000 });
    this.vendor = config.vendor;
    this.id = config.name;
  }

  protected async doConnect(): Promise<void> {
    this.calls.push('connect');
    if (this.connectError) throw this.connectError;
    this.setStatus(this.current);
    this.setConnectionState('connected');
  }
  protected async doClose(): Promise<void> {
    this.calls.push('close');
  }
  protected async doRefresh(): Promise<PrinterStatus> {
    this.setStatus(this.current);
    return this.current;
  }
  protected override async doStartPrint(file: string): Promise<void> {
    if (file === 'missing.gcode') {
      throw new PrinterRejectedError('file not found', {
        printerCode: 404,
        printerMessage: 'No such file: missing.gcode',
      });
    }
    this.calls.push(`startPrint ${file}`);
  }
  protected override async doPause(): Promise<void> {
    this.calls.push('pause');
  }
  protected override async doResume(): Promise<void> {
    this.calls.push('resume');
  }
  protected override async doCancel(): Promise<void> {
    this.calls.push('cancel');
  }
  protected override async doSetTargetTemperature(heater: HeaterName, celsius: number): Promise<void> {
    this.calls.push(`temp ${heater} ${celsius}`);
  }
  protected override async doSetLight(on: boolean): Promise<void> {
    this.calls.push(`light ${on ? 'on' : 'off'}`);
  }
  protected override async doListFiles(): Promise<PrinterFile[]> {
    return [{ path: 'cube.gcode', sizeBytes: 2048, modifiedAt: Date.UTC(2026, 0, 1, 12, 30) }];
  }
  protected override async doUploadFile(name: string, data: Uint8Array): Promise<void> {
    this.uploads.push({ name, bytes: data.length });
    this.calls.push(`upload ${name}`);
  }
  protected override async doSendGcode(script: string): Promise<void> {
    this.calls.push(`gcode ${script}`);
    this.emitGcodeResponse(`// echo ${script}`);
  }
}

export class MemoryStream implements OutputStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface Harness {
  io: CliIo & { stdout: MemoryStream; stderr: MemoryStream };
  deps: CliDeps;
  printers: Map<string, RecordingPrinter>;
  /** Set per printer name before running: capabilities and a connect error. */
  setup: Map<string, { capabilities?: Capability[]; connectError?: Error }>;
}

export function createHarness(cwd: string, env: NodeJS.ProcessEnv = {}): Harness {
  const printers = new Map<string, RecordingPrinter>();
  const setup: Harness['setup'] = new Map();
  return {
    io: { stdout: new MemoryStream(), stderr: new MemoryStream(), stdin: process.stdin, env, cwd },
    printers,
    setup,
    deps: {
      createPrinter: (config) => {
        const options = setup.get(config.name) ?? {};
        const printer = new RecordingPrinter(config, options.capabilities);
        printer.connectError = options.connectError;
        printers.set(config.name, printer);
        return printer;
      },
      startFleet: () => Promise.reject(new Error('no fleet in unit tests')),
      now: () => Date.UTC(2026, 0, 1, 12, 0, 0),
      signal: new AbortController().signal,
    },
  };
}

export const unreachable = () =>
  new ConnectionError('connect ECONNREFUSED 127.0.0.1:7125', { operation: 'connect' });
