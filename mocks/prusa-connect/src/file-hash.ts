/**
 * The file hash Connect shows on files, jobs and uploads. Connect's own algorithm is not documented
 * (the captures redact it), so the mock uses SHA-1 hex of the content, or of name and size for sim
 * files that have no content.
 */
import { createHash } from 'node:crypto';
import type { SimFile } from '@printkit/printer-sim';

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function hashSimFile(file: Pick<SimFile, 'name' | 'sizeBytes' | 'content'>): string {
  if (file.content) return hashBytes(file.content);
  return createHash('sha1').update(`${file.name}:${file.sizeBytes}`).digest('hex');
}
