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

export class TypedEmitter<Events extends EventMap<Events>> {
  readonly #listeners = new Map<keyof Events, Set<Listener<never[]>>>();
  readonly #onListenerError: (error: unknown, event: string) => void;

  constructor(options: TypedEmitterOptions = {}) {
    this.#onListenerError = options.onListenerError ?? rethrowLater;
  }

  /** Adds a listener and returns the function that removes it. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): () => void {
    let set = this.#listeners.get(event);
    if (!set) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    // Wrap so the same function can be added twice and removed independently.
    const entry: Listener<never[]> = (...args) => (listener as Listener<unknown[]>)(...args);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#listeners.get(event) === set) this.#listeners.delete(event);
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
    const set = this.#listeners.get(event);
    if (!set || set.size === 0) return false;
    // Copy first: a listener may unsubscribe itself or others while we iterate.
    for (const listener of [...set]) {
      try {
        (listener as Listener<unknown[]>)(...args);
      } catch (error) {
        this.#onListenerError(error, String(event));
      }
    }
    return true;
  }

  listenerCount<E extends keyof Events>(event: E): number {
    return this.#listeners.get(event)?.size ?? 0;
  }

  /** Removes the listeners of one event, or of every event when called without one. */
  removeAllListeners(event?: keyof Events): void {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
  }
}
