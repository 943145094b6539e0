/**
 * Connect names printer files by storage path (`/usb/benchy.bgcode`); printer-sim names them by a
 * plain name (`benchy.bgcode`). The mock puts every sim file on the printer's one USB storage.
 */
export const STORAGE_ROOT = '/usb';

export function pathOfSimFile(name: string): string {
  return `${STORAGE_ROOT}/${name}`;
}

/** The sim file name for a Connect path, or undefined when the path is not on the USB storage. */
export function simFileNameOf(path: string): string | undefined {
  const prefix = `${STORAGE_ROOT}/`;
  if (!path.startsWith(prefix)) return undefined;
  const name = path.slice(prefix.length);
  return name.length > 0 ? name : undefined;
}

export function displayNameOf(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash < 0 ? name : name.slice(slash + 1);
}
