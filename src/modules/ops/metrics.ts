/**
 * The Prometheus metrics of one process (prom-client), in a registry of its own so several apps in one
 * process (tests) do not share counters. HTTP requests are recorded by route pattern (`/api/v1/households/:id`),
 * never the raw URL: ids and NIKs would make a series per record. Other modules add their own gauges with
 * `addGauge` (a collect function run at each scrape), so this file need not know them.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../../db/dialect.ts';

/** Route label of a request that matched no route (404s of unknown paths): one series for all of them. */
export const UNMATCHED_ROUTE = '(unmatched)';

export type GaugeCollector = (
  set: (labels: Record<string, string>, value: number) => void,
) => Promise<void> | void;

export class Metrics {
  readonly registry = new Registry();
  readonly #httpDuration: Histogram<'method' | 'route'>;
  readonly #httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly #auditAppend: Histogram<'mode'>;
  #processMetrics = false;

  constructor(database: Database) {
    this.#httpDuration = new Histogram({
      name: 'dtks_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its answer, by route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.#httpRequests = new Counter({
      name: 'dtks_http_requests_total',
      help: 'Answered requests by route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.#auditAppend = new Histogram({
      name: 'dtks_audit_append_seconds',
      help: "Time to append audit entries: 'transaction' inside a change's transaction, 'read_group' a group commit of audited reads (commit included)",
      labelNames: ['mode'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [this.registry],
    });
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

  observeRequest(method: string, route: string | undefined, status: number, seconds: number): void {
    const r = route ?? UNMATCHED_ROUTE;
    this.#httpDuration.observe({ method, route: r }, seconds);
    this.#httpRequests.inc({ method, route: r, status: String(status) });
  }

  observeAuditAppend(mode: 'transaction' | 'read_group', seconds: number): void {
    this.#auditAppend.observe({ mode }, seconds);
  }

  /** A gauge whose values are read at each scrape; a collector that throws leaves the gauge empty. */
  addGauge(name: string, help: string, labelNames: string[], collect: GaugeCollector): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
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
    collectDefaultMetrics({ register: this.registry, prefix: 'dtks_' });
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
