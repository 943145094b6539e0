/**
 * One websocket client as Moonraker keeps it: its connection id, identify data, who it is
 * authenticated as, and its printer-object subscription (the last status it was sent, for diffs).
 */
import type { WebSocket } from 'ws';
import type { Identity } from './auth.js';
import type { PrinterObjects } from './objects.js';
import type { ObjectRequest } from './status-diff.js';

export interface ClientData {
  name: string;
  version: string;
  type: string;
  url: string;
}

export interface Subscription {
  readonly request: ObjectRequest;
  last: PrinterObjects;
}

export class Connection {
  readonly id: number;
  readonly socket: WebSocket;
  identity: Identity | undefined;
  clientData: ClientData | undefined;
  subscription: Subscription | undefined;
  readonly #write: (socket: WebSocket, text: string) => void;

  constructor(options: {
    id: number;
    socket: WebSocket;
    identity: Identity | undefined;
    write: (socket: WebSocket, text: string) => void;
  }) {
    this.id = options.id;
    this.socket = options.socket;
    this.identity = options.identity;
    this.#write = options.write;
  }

  get identified(): boolean {
    return this.clientData !== undefined;
  }

  send(text: string): void {
    this.#write(this.socket, text);
  }
}
