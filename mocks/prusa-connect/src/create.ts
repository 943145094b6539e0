/**
 * `createMockPrusaConnect`: the mock's world and its msw handlers, for in-process use with msw's
 * `setupServer` (and, through `startMockPrusaConnect`, for the loopback server).
 */
import type { Clock, FaultPlan, ManualClock, PrinterSim } from '@printkit/printer-sim';
import type { HttpHandler } from 'msw';
import { accountHandlers } from './account/routes.js';
import type { AccountOptions, TokenSet } from './account/tokens.js';
import { createHandlers } from './handlers.js';
import type { PrinterRecord } from './printer-record.js';
import {
  type FileTimeField,
  type MockCameraOptions,
  type MockPrinterOptions,
  type MockTelemetryOptions,
  MockWorld,
} from './state.js';

export interface MockPrusaConnectOptions {
  /** Accepted Bearer token / `auth.access_token` cookie; default 'printkit-token'. */
  token?: string;
  /** Default: one CORE One shaped like the captures (uuid 11111111-2222-3333-4444-555555555555). */
  printers?: Array<MockPrinterOptions>;
  /** Default 1, as in the captures. */
  teamId?: number;
  /** Default 'Team'. */
  teamName?: string;
  seed?: number;
  /** Default: a manual clock shared by the simulated printers. */
  clock?: Clock;
  /** Origin (and optional path prefix) the handlers match; default 'https://connect.prusa3d.com'. */
  baseUrl?: string;
  /** How often telemetry is sampled on each printer's sim clock, and how long it is kept. */
  telemetry?: MockTelemetryOptions;
  /**
   * The key of a file's modification time (printer and team files): `m_time` (default; the spelling
   * captured on job files), `m_timestamp` (the spelling of one third-party SDK's file model) or
   * `both`. Uncertain, see the README.
   */
  fileTimeField?: FileTimeField;
  /**
   * The account side (OAuth token endpoint): its origin (default 'https://account.prusa3d.com'; the
   * loopback mock serves it on its own port), accepted client ids, token lifetimes, wall clock.
   */
  account?: AccountOptions;
  /**
   * Largest file a two-step upload may announce (default 1 GiB, `/app/config`'s `max_upload_size`);
   * above it 403 FORBIDDEN_STORAGE_QUOTA. Uploaded bytes are kept in memory: lower it to bound that.
   */
  maxUploadBytes?: number;
}

/** The account side as a test drives it. */
export interface MockPrusaAccount {
  /** Origin of the token endpoint (`POST <baseUrl>/o/token/`). */
  readonly baseUrl: string;
  readonly clientIds: readonly string[];
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  /** A fresh token set, as after a login: give a client its `access_token` and `refresh_token`. */
  issueTokens(): TokenSet;
  /**
   * A one-time code for this PKCE S256 challenge, as after a login; a client exchanges it at the token
   * endpoint (`grant_type=authorization_code`, `code_verifier`, `redirect_uri` — default Connect's
   * `https://connect.prusa3d.com/login/auth-callback`).
   */
  issueAuthorizationCode(
    codeChallenge: string,
    options?: { clientId?: string; redirectUri?: string },
  ): string;
}

export type {
  AccountOptions,
  FileTimeField,
  MockCameraOptions,
  MockPrinterOptions,
  MockTelemetryOptions,
  TokenSet,
};

export interface MockPrusaPrinter {
  readonly uuid: string;
  readonly name: string;
  readonly sim: PrinterSim;
  /** = `sim.faults`; consulted after the mock-level plan, for this printer's routes only. */
  readonly faults: FaultPlan;
  /**
   * Camera ids of this printer (the first one takes snapshots unless created stream-only), including
   * cameras registered since through the API.
   */
  readonly cameraIds: readonly number[];
  /**
   * Puts the printer in ATTENTION (e.g. a filament runout dialog): a running print pauses and the
   * detail shows `dialog_info`; STOP_PRINT, DIALOG_ACTION or the print ending clears it.
   */
  requireAttention(text?: string): void;
}

export class MockPrusaConnect {
  /** msw handlers of both origins: `setupServer(...mock.handlers)`. */
  readonly handlers: HttpHandler[];
  /** The Connect origin's handlers only. */
  readonly appHandlers: HttpHandler[];
  /** The account origin's handlers only (the OAuth token endpoint). */
  readonly accountHandlers: HttpHandler[];
  readonly account: MockPrusaAccount;
  /** Mock-level faults; operation names like 'GET /app/printers/:uuid', or '*'. */
  readonly faults: FaultPlan;
  /** The base URL the handlers match. */
  readonly baseUrl: string;
  readonly #world: MockWorld;
  /** One public view per printer record, so `mock.printer()` stays the same object until a reset. */
  readonly #views = new WeakMap<PrinterRecord, MockPrusaPrinter>();

  constructor(options: MockPrusaConnectOptions = {}) {
    this.#world = new MockWorld(options);
    this.appHandlers = createHandlers(this.#world);
    this.accountHandlers = accountHandlers(this.#world.account);
    this.handlers = [...this.appHandlers, ...this.accountHandlers];
    const tokens = this.#world.account;
    this.account = {
      baseUrl: tokens.baseUrl,
      clientIds: tokens.clientIds,
      accessTokenTtlSeconds: tokens.accessTokenTtlSeconds,
      refreshTokenTtlSeconds: tokens.refreshTokenTtlSeconds,
      issueTokens: () => tokens.issue(),
      issueAuthorizationCode: (challenge, options) => tokens.issueAuthorizationCode(challenge, options),
    };
    this.faults = this.#world.faults;
    this.baseUrl = this.#world.baseUrl;
  }

  /** The simulated printers (after `reset()`, the new ones). */
  get printers(): readonly MockPrusaPrinter[] {
    return this.#world.printers.map((record) => {
      let view = this.#views.get(record);
      if (!view) {
        view = toPublicPrinter(record);
        this.#views.set(record, view);
      }
      return view;
    });
  }

  /**
   * Back to the state the mock started in, as `useMockPrusaConnect` does before each test: waits for
   * async commands, then resets printers (sims the mock made are made anew; a sim you passed in keeps
   * its state), jobs, events, queues, cameras, uploads, files, notifications, faults (mock and
   * printer), the token, issued account tokens, ids and the mock's own clock.
   */
  async reset(): Promise<void> {
    await this.settle();
    this.#world.reset();
  }

  /** Settable: change it to make a client's token stale (401, then the client refreshes). */
  get token(): string {
    return this.#world.token;
  }

  set token(value: string) {
    this.#world.token = value;
  }

  get teamId(): number {
    return this.#world.teamId;
  }

  /** The printer with this uuid; the first one when omitted. Throws for an unknown uuid. */
  printer(uuid?: string): MockPrusaPrinter {
    const found = uuid === undefined ? this.printers[0] : this.printers.find((p) => p.uuid === uuid);
    if (!found) throw new Error(`No simulated printer with uuid ${uuid ?? '(first)'}`);
    return found;
  }

  /**
   * Moves every manual clock of the mock by `ms` (sim time) after running queued async commands,
   * and resolves once the commands and events that resulted are recorded. Throws with a realtime
   * clock (time moves by itself there).
   */
  async advance(ms: number): Promise<void> {
    const clocks = this.#world.clocks();
    const manual = clocks.filter(isManualClock);
    if (manual.length !== clocks.length) {
      throw new Error('advance(ms) needs manual clocks; this mock runs on a realtime clock');
    }
    await this.settle();
    for (const clock of manual) clock.advance(ms);
    await this.settle();
  }

  /** Resolves once every async command sent so far has run on its printer. */
  async settle(): Promise<void> {
    while (this.#world.pending.size > 0) await Promise.all([...this.#world.pending]);
  }

  /** Detaches from the simulated printers and stops the ones the mock created (a sim you passed in stays yours). */
  dispose(): void {
    this.#world.dispose();
  }
}

function isManualClock(clock: Clock): clock is ManualClock {
  return (clock as Partial<ManualClock>).kind === 'manual';
}

let nextDialogId = 1;

function toPublicPrinter(record: PrinterRecord): MockPrusaPrinter {
  return {
    uuid: record.uuid,
    name: record.name,
    sim: record.sim,
    faults: record.faults,
    get cameraIds() {
      return record.cameras.map((c) => c.id);
    },
    requireAttention(text = 'Filament runout') {
      if (record.sim.state === 'printing' || record.sim.state === 'preparing') record.sim.pause();
      record.attention = { id: nextDialogId++, text };
      record.syncState();
    },
  };
}

export function createMockPrusaConnect(options: MockPrusaConnectOptions = {}): MockPrusaConnect {
  return new MockPrusaConnect(options);
}
