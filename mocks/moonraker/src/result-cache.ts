/**
 * Serialized results of methods whose answer rarely changes (`server.info`, `printer.info`,
 * `printer.objects.list`, `printer.gcode.help`, `machine.system_info`): the JSON text is kept per
 * method and reused while the method's cache key (the state the result depends on) is the same.
 * Serializing the ~600-byte `server.info` was half of the mock's work per request.
 */
export class ResultCache {
  readonly #entries = new Map<string, { readonly key: string; readonly json: string }>();

  /** The result's JSON for `key`, computing and storing it when the key changed. */
  json(method: string, key: string, compute: () => unknown): string {
    const entry = this.#entries.get(method);
    if (entry !== undefined && entry.key === key) return entry.json;
    const json = JSON.stringify(compute());
    this.#entries.set(method, { key, json });
    return json;
  }
}
