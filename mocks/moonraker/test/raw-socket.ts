/**
 * A third-party client in miniature: a plain `ws` socket that sends hand-written text frames and
 * records the exact text of every frame it receives. No printkit code involved.
 */
import WebSocket from 'ws';

export class RawSocket {
  readonly frames: string[] = [];
  /** Every frame in arrival order. */
  readonly log: string[] = [];
  readonly #socket: WebSocket;
  #consumed = 0;
  #listeners = new Set<() => void>();
  closed = false;
  closeCode = 0;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => {
      this.frames.push(data.toString());
      this.log.push(data.toString());
      for (const listener of [...this.#listeners]) listener();
    });
    socket.on('close', (code: number) => {
      this.closed = true;
      this.closeCode = code;
      for (const listener of [...this.#listeners]) listener();
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      socket.once('open', () => resolve(new RawSocket(socket)));
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  send(text: string): void {
    this.#socket.send(text);
  }

  /** The next frame (after those already taken) that matches; waits for it (2 s at most). */
  next(match: (frame: string) => boolean = () => true, timeoutMs = 2000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = this.#consumed; i < this.frames.length; i++) {
          const frame = this.frames[i] ?? '';
          if (match(frame)) {
            this.frames.splice(i, 1);
            this.frames.splice(this.#consumed, 0, frame);
            this.#consumed++;
            cleanup();
            resolve(frame);
            return;
          }
        }
        if (this.closed) {
          cleanup();
          reject(new Error('socket closed while waiting for a frame'));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; last frames: ${this.pending().slice(-3).join('\n').slice(0, 1500)}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#listeners.delete(check);
      };
      this.#listeners.add(check);
      check();
    });
  }

  /** Frames received and not yet taken by `next`. */
  /** Calls back once the server closed the socket (at once if it is closed already). */
  onClose(listener: (code: number) => void): void {
    if (this.closed) listener(this.closeCode);
    else this.#socket.once('close', (code: number) => listener(code));
  }

  pending(): string[] {
    return this.frames.slice(this.#consumed);
  }

  /** Sends a request with this id and resolves with the exact reply frame. */
  async call(
    method: string,
    params?: Record<string, unknown>,
    id: number | string = nextId(),
  ): Promise<string> {
    const request =
      params === undefined ? { jsonrpc: '2.0', method, id } : { jsonrpc: '2.0', method, params, id };
    this.send(JSON.stringify(request));
    return this.next(
      (frame) =>
        frame.endsWith(`"id":${JSON.stringify(id)}}`) || frame.endsWith(`"id":${JSON.stringify(id)}}]`),
    );
  }

  async result<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T> {
    const frame = JSON.parse(await this.call(method, params)) as { result?: T; error?: unknown };
    if (!('result' in frame)) throw new Error(`expected a result, got ${JSON.stringify(frame)}`);
    return frame.result as T;
  }

  /** Taken and untaken notifications of this method, parsed. */
  notifications(method: string): Array<{ method: string; params?: unknown[] }> {
    return this.frames
      .map((f) => JSON.parse(f) as { method?: string; params?: unknown[] })
      .filter((f): f is { method: string; params?: unknown[] } => f.method === method);
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => resolve());
      this.#socket.terminate();
    });
  }
}

let counter = 1000;
function nextId(): number {
  return counter++;
}
