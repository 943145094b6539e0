/** One printer of a running fleet, and how a client reaches it. */
import type { PrinterSim } from '@printkit/printer-sim';
import type { Vendor } from './fleet-spec.js';

/**
 * How to reach a printer, in the vocabulary of a `printkit.config.json` printer entry: the `printers`
 * array of `printkit-mocks --json` is a valid `printkit` CLI config as it stands.
 */
export type PrinterConnection =
  | {
      name: string;
      vendor: 'anycubic';
      /** The printer's MQTT broker, `mqtt://host:port`. */
      url: string;
      username: string;
      password: string;
      deviceId: string;
      modelId: number;
    }
  | {
      name: string;
      vendor: 'moonraker';
      url: string;
      /** The `[output_pin]` that switches the light (stock Klipper has none; the fleet's printers do). */
      light?: { pin: string };
    }
  | {
      name: string;
      vendor: 'prusa-connect';
      /** The Connect server's base URL (the real one is https://connect.prusa3d.com). */
      url: string;
      token: string;
      uuid: string;
    }
  | {
      name: string;
      vendor: 'prusalink';
      /** The printer's own web server, `http://host:port`. */
      url: string;
      /** HTTP Digest user (always `maker` on the firmware) and password; the password is also the X-Api-Key. */
      username: string;
      password: string;
    };

/** What a person wants to know besides the connection: the model and every port in use. */
export interface PrinterDetails {
  model: string;
  /** Every listening socket this printer uses, by role (`mqtt`, `http`, `websocket`...). */
  endpoints: Record<string, string>;
  /** SHA-256 fingerprint of the printer's self-signed TLS certificate (Kobras: pin it for `mqtts`). */
  tlsFingerprint256?: string;
}

export interface FleetPrinter {
  readonly name: string;
  readonly vendor: Vendor;
  readonly sim: PrinterSim;
  readonly connection: PrinterConnection;
  readonly details: PrinterDetails;
  /** Powers the printer off the way its protocol shows it (e.g. an MQTT last will), not only the sim. */
  powerOff(): Promise<void>;
  powerOn(): Promise<void>;
}

/** A started vendor mock: the printers it simulates and how to stop it. */
export interface RunningMock {
  readonly printers: readonly FleetPrinter[];
  stop(): Promise<void>;
}
