/**
 * The file preview Connect serves at a job's `preview_url` (`/app/teams/{team}/files/{hash}/preview`;
 * the capture's job file says `preview_mimetype: "image/png"`): a 1×1 grey PNG, the same bytes for
 * every file (a client only needs a decodable image).
 */
export const PREVIEW_PNG: Uint8Array<ArrayBuffer> = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='),
  (c) => c.charCodeAt(0),
);
