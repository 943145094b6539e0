/**
 * A fault plan: scripted misbehaviour that vendor mocks consult once per operation, e.g.
 * `const fault = sim.faults.take('printer.objects.query')`, then delay, drop, disconnect, garble or
 * refuse the reply accordingly. The plan only decides *whether* and *which*; acting it out on the
 * wire is the vendor mock's job, since that is vendor-specific.
 */
import { SimError } from './errors.js';
import { createRandom, type Random } from './random.js';

export type FaultKind = 'delay' | 'drop' | 'disconnect' | 'malformed' | 'error-reply' | 'auth-failure';

export interface FaultRule {
  /** The operation name the mock uses, e.g. 'printer.objects.query', 'GET /app/printers/:uuid', or '*'. */
  operation: string;
  kind: FaultKind;
  /** How many times the rule fires; default 1; `Infinity` = every time. */
  times?: number;
  delayMs?: number;
  /** HTTP-ish status for error replies, e.g. 503 or 429. */
  status?: number;
  code?: string | number;
  message?: string;
  retryAfterSeconds?: number;
  /** Chance the rule fires on a matching operation, drawn from the seeded Random; default 1. */
  probability?: number;
}

/** A rule as the plan holds it; `times` is the number of uses left at the moment of the call. */
export interface Fault extends Readonly<FaultRule> {
  readonly id: number;
}

interface Entry {
  readonly id: number;
  readonly rule: FaultRule;
  timesLeft: number;
}

export class FaultPlan {
  readonly #random: Random;
  #entries: Entry[] = [];
  #nextId = 1;

  constructor(options: { random?: Random } = {}) {
    this.#random = options.random ?? createRandom(1);
  }

  /** Adds a rule (after the existing ones) and returns a function that removes it. */
  add(rule: FaultRule): () => void {
    const times = rule.times ?? 1;
    if (typeof rule.operation !== 'string' || rule.operation.length === 0) {
      throw new SimError('invalid-argument', 'A fault rule needs a non-empty operation (or "*")');
    }
    if (!(times === Number.POSITIVE_INFINITY || (Number.isInteger(times) && times >= 1))) {
      throw new SimError('invalid-argument', `Fault times must be an integer >= 1 or Infinity, got ${times}`);
    }
    const probability = rule.probability ?? 1;
    if (!(probability >= 0 && probability <= 1)) {
      throw new SimError('invalid-argument', `Fault probability must be within 0..1, got ${probability}`);
    }
    const entry: Entry = { id: this.#nextId++, rule: { ...rule }, timesLeft: times };
    this.#entries.push(entry);
    return () => {
      this.#entries = this.#entries.filter((e) => e !== entry);
    };
  }

  /**
   * The fault to apply to this call of `operation`, or undefined. Rules naming the operation exactly
   * are tried before '*' rules, each group in the order added. A rule with a probability below 1
   * draws from the seeded Random; when the draw misses, the next candidate is tried and the rule keeps
   * its uses. Taking a fault consumes one use; an exhausted rule is removed.
   */
  take(operation: string): Fault | undefined {
    for (const entry of this.#candidates(operation)) {
      const probability = entry.rule.probability ?? 1;
      if (probability < 1 && this.#random.next() >= probability) continue;
      const fault = toFault(entry);
      entry.timesLeft -= 1;
      if (entry.timesLeft <= 0) this.#entries = this.#entries.filter((e) => e !== entry);
      return fault;
    }
    return undefined;
  }

  /** The rule `take` would try first, without consuming a use or drawing a random number. */
  peek(operation: string): Fault | undefined {
    const [first] = this.#candidates(operation);
    return first && toFault(first);
  }

  list(): Fault[] {
    return this.#entries.map(toFault);
  }

  clear(): void {
    this.#entries = [];
  }

  #candidates(operation: string): Entry[] {
    const exact = this.#entries.filter((e) => e.rule.operation === operation);
    const wildcard = operation === '*' ? [] : this.#entries.filter((e) => e.rule.operation === '*');
    return [...exact, ...wildcard];
  }
}

function toFault(entry: Entry): Fault {
  return Object.freeze({ ...entry.rule, times: entry.timesLeft, id: entry.id });
}
