import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/dialect.ts';
import { Metrics } from './metrics.ts';

describe('Metrics.addGauge', () => {
  it('reports what the collector sets at each scrape', async () => {
    const metrics = new Metrics({} as Database);
    let n = 1;
    metrics.addGauge('test_things', 'Things', ['kind'], (set) => set({ kind: 'a' }, n++));
    expect((await metrics.render()).body).toMatch(/^test_things\{kind="a"\} 1$/m);
    expect((await metrics.render()).body).toMatch(/^test_things\{kind="a"\} 2$/m);
  });

  it('leaves a gauge whose collector fails empty, and the scrape still answers', async () => {
    const metrics = new Metrics({} as Database);
    let fail = false;
    metrics.addGauge('test_rows', 'Rows', ['table'], async (set) => {
      set({ table: 't' }, 5);
      if (fail) throw new Error('database away');
    });
    expect((await metrics.render()).body).toMatch(/^test_rows\{table="t"\} 5$/m);
    fail = true;
    const { body } = await metrics.render();
    expect(body).not.toMatch(/^test_rows\{/m);
    expect(body).toContain('dtks_http_requests_total');
  });
});
