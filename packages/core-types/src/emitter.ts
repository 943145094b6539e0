/**
 * A tiny, runtime-neutral typed event emitter (no Node `EventEmitter`, so it runs in browsers).
 *
 * The event map names each event and the tuple of arguments its listeners receive:
 *
 * ```ts
 * type Events = { status: [next: PrinterStatus, previous: PrinterStatus]; error: [PrintkitError] };
 * const events = new TypedEmitter<Events>();
 * const off = events.on('status', (next, previous) => render(next));
 * off(); // unsubscribe
 * ```
 */
/** Event name → tuple of listener arguments. Interfaces work too (no index signature needed). */
export type EventMap<Events> = { [E in keyof Events]: unknown[] };

export type Listener<Args extends unknown[]> = (...args: Args) => void;

export interface TypedEmitterOptions {
  /**
   * Called when a listener throws. The other listeners still run. The default rethrows the error
   * on a fresh task, the way browsers report errors thrown by DOM event listeners, so a bug in a
   * listener is loud but never breaks the emitter or the code that emitted.
   */
  onListenerError?: (error: unknown, event: string) => void;
}

function rethrowLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

/** One registration: its own object, so the same function can be added twice and removed independently. */
interface Entry {
  readonly fn: Listener<never[]>;
}

export class TypedEmitter<Events extends EventMap<Events>> {
  /**
   * Event → its listeners, as an array that is replaced (never changed) by `on` and the functions
   * `on` returns: `emit` iterates the array it found, so a listener that adds or removes listeners
   * affects the next emit, not this one — without a copy per emit (emit runs per frame, `on` rarely).
   */
  readonly #listeners = new Map<keyof Events, readonly Entry[]>();
  readonly #onListenerError: (error: unknown, event: string) => void;

  constructor(options: TypedEmitterOptions = {}) {
    this.#onListenerError = options.onListenerError ?? rethrowLater;
  }

  /** Adds a listener and returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    const entry: Entry = { fn: listener as unknown as Listener<never[]> };
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), entry]);
    return () => {
      const list = this.#listeners.get(event);
      if (list === undefined || !list.includes(entry)) return;
      const rest = list.filter((other) => other !== entry);
      if (rest.length === 0) this.#listeners.delete(event);
      else this.#listeners.set(event, rest);
    };
  }

  /** Like `on`, but the listener runs at most once. */
  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    const off = this.on(event, ((...args: Events[E]) => {
      off();
      listener(...args);
    }) as Listener<Events[E]>);
    return off;
  }

  /** Calls every listener of `event` in the order they were added; returns whether any ran. */
  emit<E extends keyof Events>(event: E, ...args: Events[E]): boolean {
    const list = this.#listeners.get(event);
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) {
      // Called as a plain function (no `this`), like the listener the caller passed.
      const fn = (list[i] as Entry).fn as Listener<unknown[]>;
      try {
        fn(...args);
      } catch (error) {
        this.#onListenerError(error, String(event));
      }
    }
    return true;
  }

  listenerCount<E extends keyof Events>(event: E): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Removes the listeners of one event, or of every event when called without one. */
  removeAllListeners(event?: keyof Events): void {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
  }
}
