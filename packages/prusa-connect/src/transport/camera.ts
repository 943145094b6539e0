/**
 * `createConnectCamera(options)`: an app acting as a Connect camera (Prusa's camera OpenAPI 0.22.0; the
 * mock README's "Camera side"). It authenticates with the camera's `Token` (minted by Connect when the
 * camera was registered, e.g. `client.cameras.register(printerUuid)`) and its own `Fingerprint`
 * (16–64 characters, bound on first contact), never with the user's access token:
 * - `putSnapshot(jpeg)`: `PUT /c/snapshot`, `image/jpg`, at most 16 MiB — what the app's
 *   `GET /app/cameras/{id}/snapshots/last` then shows;
 * - `putInfo(info)`: `PUT /c/info`, the camera's name, resolution, capabilities.
 * Never retried (PUTs); the token and fingerprint are masked in any server text that reaches an error.
 */
import { InvalidArgumentError } from '@printkit/core-types';
import { buildClient } from '../client/client.js';
import type { PrusaConnectClientOptions } from '../client/options.js';
import type { CameraInfoBody } from '../protocol/wire.js';
import type { CallOptions } from './request.js';

/** "Max snapshot size is 16MB" (the camera OpenAPI; `/app/config` `max_snapshot_size` 16777216). */
export const MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

export interface ConnectCameraOptions
  extends Pick<
    PrusaConnectClientOptions,
    'baseUrl' | 'fetch' | 'transport' | 'timeoutMs' | 'clock' | 'logger'
  > {
  /** The camera's token (20 characters, from registration). A credential. */
  token: string;
  /** This camera's fingerprint, 16–64 characters, the same on every call. */
  fingerprint: string;
}

function check(options: ConnectCameraOptions): void {
  if (typeof options?.token !== 'string' || options.token === '') {
    throw new InvalidArgumentError('Option token must be the camera token Connect minted', {
      argument: 'token',
    });
  }
  const { fingerprint } = options;
  if (typeof fingerprint !== 'string' || fingerprint.length < 16 || fingerprint.length > 64) {
    throw new InvalidArgumentError('Option fingerprint must have 16 to 64 characters', {
      argument: 'fingerprint',
    });
  }
}

export function createConnectCamera(options: ConnectCameraOptions) {
  check(options);
  const client = buildClient(
    {
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.transport === undefined ? {} : { transport: options.transport }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    },
    [options.token, options.fingerprint],
  );
  const headers = { token: options.token, fingerprint: options.fingerprint };

  return {
    /** Pushes a JPEG (`image/jpg`, at most 16 MiB). */
    putSnapshot(jpeg: Uint8Array, o?: CallOptions): Promise<void> {
      if (!(jpeg instanceof Uint8Array) || jpeg.byteLength === 0 || jpeg.byteLength > MAX_SNAPSHOT_BYTES) {
        return Promise.reject(
          new InvalidArgumentError(`A snapshot must be 1 to ${MAX_SNAPSHOT_BYTES} bytes of JPEG`, {
            argument: 'jpeg',
          }),
        );
      }
      return client.request(
        'camera.putSnapshot',
        { body: jpeg, headers: { ...headers, 'content-type': 'image/jpg' } },
        o,
      ) as Promise<void>;
    },
    /** Tells Connect what this camera is (`config.name` at least). */
    putInfo: (info: CameraInfoBody, o?: CallOptions) =>
      client.request('camera.putInfo', { body: info, headers }, o),
    /** Closes the connection pool (an injected `transport` stays open). */
    close: () => client.close(),
  };
}

export type ConnectCamera = ReturnType<typeof createConnectCamera>;
