/**
 * What the mock's world keeps besides its printers — uploads, team files, invitees, notifications —
 * and how many of each it keeps (memory stays bounded).
 */

/** Notifications kept (the oldest are dropped). */
export const MAX_NOTIFICATIONS = 1000;
/** Uploads not yet finished or aborted that may exist at once (more are refused with 403). */
export const MAX_OPEN_UPLOADS = 100;
/** Uploads remembered and team files kept at most (more are refused with 403 FORBIDDEN_STORAGE_QUOTA). */
export const MAX_UPLOADS = 10_000;
export const MAX_TEAM_FILES = 1000;
export type UploadState = 'INITIATED' | 'UPLOADING' | 'FINISHED' | 'ABORTED';

export interface UploadRecord {
  id: number;
  team_id: number;
  name: string;
  size: number;
  hash: string | null;
  state: UploadState;
  path: string;
  destination: string;
  printerUuid?: string;
  /** Set when the upload names a printer: Connect then transfers the file on to it. */
  transferId?: number;
  created: number;
  /** Unix seconds the upload finished or was aborted. */
  ended?: number;
}

export interface TeamFile {
  hash: string;
  name: string;
  size: number;
  content: Uint8Array;
  uploaded: number;
  uploadId: number;
  path: string;
}

/** A user invited with `POST /app/teams/{team}/add-user`. */
export interface Invitee {
  email: string;
  rights_ro: boolean;
  rights_use: boolean;
  rights_rw: boolean;
}

export interface NotificationRecord {
  id: number;
  created: number;
  seen: boolean;
  type: string;
  printer_uuid: string;
  text: string;
}
