// An in-memory printer used to test PrinterBase and the conformance suite itself.
import type { Capability } from '../capabilities.js';
import type { PrinterFile } from '../printer.js';
import { PrinterBase } from '../printer-base.js';
import type { HeaterName, PrinterState, PrinterStatus } from '../status.js';

export class FakeSim {
  state: PrinterState = 'idle';
  now = 1_700_000_000_000;
  targets: Record<'nozzle' | 'bed', number> = { nozzle: 0, bed: 0 };
  progress = 0;
  file = '';
  light = false;

  advance(ms: number): void {
    this.now += ms;
    if (this.state === 'preparing') this.state = 'printing';
    else if (this.state === 'printing') {
      this.progress = Math.min(1, this.progress + ms / 60_000);
      if (this.progress >= 1) this.state = 'finished';
    } else if (this.state === 'pausing') this.state = 'paused';
  }

  status(): PrinterStatus {
    const job = this.file ? { file: this.file, progress: this.progress } : undefined;
    return {
      state: this.state,
      temperatures: {
        nozzle: { actual: 25, target: this.targets.nozzle },
        bed: { actual: 25, target: this.targets.bed },
      },
      ...(job ? { job } : {}),
      updatedAt: this.now,
    };
  }
}

export class FakePrinter extends PrinterBase {
  readonly vendor = 'fake';
  readonly id = 'fake-1';
  refreshDelayMs = 0;

  constructor(
    readonly sim: FakeSim,
    capabilities: Capability[] = [
      'print.start',
      'print.pause',
      'print.resume',
      'print.cancel',
      'temperature.nozzle',
      'temperature.bed',
      'files.list',
      'light',
    ],
  ) {
    super({ capabilities, timeoutMs: 1_000 });
  }

  protected async doConnect(): Promise<void> {
    this.setConnectionState('connecting');
    await Promise.resolve();
    this.setStatus(this.sim.status());
    this.setConnectionState('connected');
  }

  protected async doClose(): Promise<void> {}

  protected async doRefresh(signal: AbortSignal): Promise<PrinterStatus> {
    if (this.refreshDelayMs > 0) {
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, this.refreshDelayMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason);
        });
      });
    }
    this.setStatus(this.sim.status());
    return this.status;
  }

  protected override async doStartPrint(file: string): Promise<void> {
    this.sim.state = 'preparing';
    this.sim.file = file;
    this.sim.progress = 0;
  }
  protected override async doPause(): Promise<void> {
    this.sim.state = 'pausing';
  }
  protected override async doResume(): Promise<void> {
    this.sim.state = 'printing';
  }
  protected override async doCancel(): Promise<void> {
    this.sim.state = 'cancelled';
  }
  protected override async doSetTargetTemperature(heater: HeaterName, celsius: number): Promise<void> {
    if (heater !== 'chamber') this.sim.targets[heater] = celsius;
    this.setStatus(this.sim.status());
  }
  protected override async doListFiles(): Promise<PrinterFile[]> {
    return [{ path: 'cube.gcode', sizeBytes: 10 }];
  }
  protected override async doSetLight(on: boolean): Promise<void> {
    this.sim.light = on;
  }
}
