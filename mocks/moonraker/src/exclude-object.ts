/**
 * Klipper's exclude_object as a UI sees it (klippy/extras/exclude_object.py, docs Status_Reference):
 * the objects the running file defines with `EXCLUDE_OBJECT_DEFINE NAME= CENTER= POLYGON=` (names
 * upper-cased, sorted), the excluded ones, and the object being printed (the fake walks through the
 * objects not excluded, one per layer).
 */
export interface ExcludeObjectDefinition {
  name: string;
  center?: number[];
  polygon?: number[][];
}

/** Parsed once per file (bounded: the last few files). */
const cache = new Map<string, ExcludeObjectDefinition[]>();
const CACHE_SIZE = 8;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function objectsOf(key: string, content: () => Buffer): ExcludeObjectDefinition[] {
  const cached = cache.get(key);
  if (cached) return cached;
  const text = content()
    .subarray(0, 256 * 1024)
    .toString('utf8');
  const objects: ExcludeObjectDefinition[] = [];
  for (const match of text.matchAll(/^EXCLUDE_OBJECT_DEFINE\s+(.*)$/gm)) {
    const args = match[1] ?? '';
    const name = /NAME=(\S+)/i.exec(args)?.[1];
    if (!name) continue;
    const object: ExcludeObjectDefinition = { name: name.toUpperCase() };
    const center = parseJson(`[${/CENTER=(\S+)/i.exec(args)?.[1] ?? ''}]`);
    if (Array.isArray(center) && center.length > 0) object.center = center as number[];
    const polygon = parseJson(/POLYGON=(\S+)/i.exec(args)?.[1]);
    if (Array.isArray(polygon)) object.polygon = polygon as number[][];
    objects.push(object);
  }
  objects.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  cache.set(key, objects);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return objects;
}

/** The object being printed at this layer: the objects not excluded, in turn. */
export function currentObject(
  objects: readonly ExcludeObjectDefinition[],
  excluded: readonly string[],
  layer: number,
): string | null {
  const remaining = objects.filter((o) => !excluded.includes(o.name));
  return remaining.length === 0 ? null : (remaining[layer % remaining.length]?.name ?? null);
}
