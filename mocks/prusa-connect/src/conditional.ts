/**
 * Conditional GETs (protocol notes: the seed saw 304 on files and snapshots). A 304 carries the
 * validators and no body.
 */
export interface Validators {
  etag: string;
  lastModifiedMs: number;
}

export function validatorHeaders(validators: Validators): Record<string, string> {
  return { ETag: validators.etag, 'Last-Modified': new Date(validators.lastModifiedMs).toUTCString() };
}

/** If-None-Match wins over If-Modified-Since, as RFC 9110 says. */
export function isNotModified(request: Request, validators: Validators): boolean {
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    const bare = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(validators.etag));
  }
  const ifModifiedSince = request.headers.get('if-modified-since');
  if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have whole seconds, so compare at that resolution.
    return Number.isFinite(since) && Math.floor(validators.lastModifiedMs / 1000) * 1000 <= since;
  }
  return false;
}

export function notModifiedResponse(validators: Validators): Response {
  return new Response(null, { status: 304, headers: validatorHeaders(validators) });
}
