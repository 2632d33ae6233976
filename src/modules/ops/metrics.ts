/**
 * The Prometheus metrics of one process (prom-client), in a registry of its own so several apps in one
 * process (tests) do not share counters. HTTP requests are recorded by route pattern (`/api/v1/households/:id`),
 * never the raw URL: ids and NIKs would make a series per record. Other modules add their own gauges with
 * `addGauge` (a collect function run at each scrape), so this file need not know them.
 */
import { createRequire } from 'node:module';
import type { Counter, Histogram, Registry } from 'prom-client';
import type { Database } from '../../db/dialect.ts';

// prom-client (with @opentelemetry/api) is loaded by the first metric recorded or read, not by every process
// that builds the services: a `dtks` command that only reads never needs it.
const require = createRequire(import.meta.url);

/** Route label of a request that matched no route (404s of unknown paths): one series for all of them. */
export const UNMATCHED_ROUTE = '(unmatched)';

export type GaugeCollector = (
  set: (labels: Record<string, string>, value: number) => void,
) => Promise<void> | void;

interface GaugeSpec {
  name: string;
  help: string;
  labelNames: string[];
  collect: GaugeCollector;
}

interface Prom {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route'>;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  auditAppend: Histogram<'mode'>;
}

export class Metrics {
  /** Gauges added before prom-client was loaded: registered, in order, when it is. */
  readonly #gauges: GaugeSpec[] = [];
  #prom: Prom | undefined;
  #processMetrics = false;

  constructor(database: Database) {
    const { poolStats } = database;
    if (poolStats) {
      this.addGauge(
        'dtks_db_pool_connections',
        'PostgreSQL connection pool: open, idle and maximum connections, and queries waiting for one',
        ['state'],
        (set) => {
          const s = poolStats();
          set({ state: 'open' }, s.total);
          set({ state: 'idle' }, s.idle);
          set({ state: 'max' }, s.max);
          set({ state: 'waiting' }, s.waiting);
        },
      );
    }
  }

  /** The registry and its metrics, made at the first use. */
  #metrics(): Prom {
    if (this.#prom) return this.#prom;
    const { Counter, Histogram, Registry } = require('prom-client') as typeof import('prom-client');
    const registry = new Registry();
    this.#prom = {
      registry,
      httpDuration: new Histogram({
        name: 'dtks_http_request_duration_seconds',
        help: 'Time from receiving a request to sending its answer, by route pattern',
        labelNames: ['method', 'route'],
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
      httpRequests: new Counter({
        name: 'dtks_http_requests_total',
        help: 'Answered requests by route pattern and status code',
        labelNames: ['method', 'route', 'status'],
        registers: [registry],
      }),
      auditAppend: new Histogram({
        name: 'dtks_audit_append_seconds',
        help: "Time to append audit entries: 'transaction' inside a change's transaction, 'read_group' a group commit of audited reads (commit included)",
        labelNames: ['mode'],
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registers: [registry],
      }),
    };
    for (const g of this.#gauges) this.#register(g);
    return this.#prom;
  }

  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const r = route ?? UNMATCHED_ROUTE;
    const m = this.#metrics();
    m.httpDuration.observe({ method, route: r }, seconds);
    m.httpRequests.inc({ method, route: r, status: String(status) });
  }

  observeAuditAppend(mode: 'transaction' | 'read_group', seconds: number): void {
    this.#metrics().auditAppend.observe({ mode }, seconds);
  }

  /** A gauge whose values are read at each scrape; a collector that throws leaves the gauge empty. */
  addGauge(name: string, help: string, labelNames: string[], collect: GaugeCollector): void {
    const gauge = { name, help, labelNames, collect };
    if (this.#prom) this.#register(gauge);
    else this.#gauges.push(gauge);
  }

  #register({ name, help, labelNames, collect }: GaugeSpec): void {
    const { Gauge } = require('prom-client') as typeof import('prom-client');
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.#metrics().registry],
      async collect() {
        this.reset();
        // A failed read (the database away) must not fail the whole scrape: the other metrics still answer.
        await Promise.resolve()
          .then(() => collect((labels, value) => this.set(labels, value)))
          .catch(() => this.reset());
      },
    });
  }

  /** Process CPU, memory, event-loop delay and GC (prom-client's defaults): for a serving process only. */
  enableProcessMetrics(): void {
    if (this.#processMetrics) return;
    this.#processMetrics = true;
    const { collectDefaultMetrics } = require('prom-client') as typeof import('prom-client');
    collectDefaultMetrics({ register: this.#metrics().registry, prefix: 'dtks_' });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    const { registry } = this.#metrics();
    return { contentType: registry.contentType, body: await registry.metrics() };
  }
}
