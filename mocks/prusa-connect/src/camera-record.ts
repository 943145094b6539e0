/**
 * A camera as Connect keeps it. Two kinds:
 * - `simulated`: the mock's own Buddy3D-like camera on a printer; it "takes" a snapshot every 30 s of
 *   sim time (or none, when stream-only);
 * - `pushed`: registered through the API (`POST /app/printers/{uuid}/camera`) and fed by a real or
 *   test camera over the camera API (`PUT /c/snapshot`, `PUT /c/info` with `Token` + `Fingerprint`).
 */
export type CameraOrigin = 'WEB' | 'OTHER' | 'LINK';

export interface PushedSnapshot {
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Mock clock ms when it arrived (its `Last-Modified`). */
  readonly atMs: number;
  readonly etag: string;
}

export interface CameraRecord {
  readonly id: number;
  readonly kind: 'simulated' | 'pushed';
  /** `null` in the camera API when unset; left out of payloads then. */
  name: string | undefined;
  /** A simulated camera that only streams (WebRTC) has no snapshot: its snapshot URL answers 404. */
  readonly streamOnly: boolean;
  readonly printerUuid: string;
  /** The 20-character camera token (camera API `Token` header; the SDK's snapshot trigger path). */
  readonly token: string;
  readonly origin: CameraOrigin;
  /** True once the camera has talked to Connect (a snapshot or info); simulated cameras always are. */
  registered: boolean;
  /** Bound on the camera's first contact; another one later is refused. */
  fingerprint: string | undefined;
  /** What `PUT /c/info` last sent (`config`, `options`, `capabilities`). */
  info:
    | { config: Record<string, unknown>; options?: Record<string, unknown>; capabilities?: string[] }
    | undefined;
  snapshot: PushedSnapshot | undefined;
}
