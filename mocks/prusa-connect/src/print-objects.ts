/**
 * The objects of a print, for `cancelable.objects` and `file.meta.objects_info` (seed, "Job Details").
 * A file may carry them in `metadata.objects_info.objects` (the capture's shape); otherwise the mock
 * lays out two objects side by side so CANCEL_OBJECT always has something to cancel.
 */
import type { SimFile } from '@printkit/printer-sim';

export interface PrintObject {
  name: string;
  polygon: Array<[number, number]>;
}

export function printObjectsOf(file: SimFile | undefined, fileName: string): PrintObject[] {
  const fromMetadata = file?.metadata?.objects_info;
  if (isObjectsInfo(fromMetadata))
    return fromMetadata.objects.map((o) => ({ ...o, polygon: [...o.polygon] }));
  const base = fileName.replace(/\.[^.]*$/, '');
  return [0, 1].map((index) => {
    const x = 90 + index * 60;
    return {
      name: `${base}_${index + 1}`,
      polygon: [
        [x, 90],
        [x + 40, 90],
        [x + 40, 130],
        [x, 130],
      ],
    };
  });
}

function isObjectsInfo(value: unknown): value is { objects: PrintObject[] } {
  if (typeof value !== 'object' || value === null) return false;
  const objects = (value as { objects?: unknown }).objects;
  return (
    Array.isArray(objects) &&
    objects.every(
      (o) =>
        typeof o === 'object' &&
        o !== null &&
        typeof (o as { name?: unknown }).name === 'string' &&
        Array.isArray((o as { polygon?: unknown }).polygon),
    )
  );
}
