/**
 * A route measured against a bare Fastify route in alternating rounds (bench/person-lookup.ts,
 * bench/dci-search.ts): the shared flags, the rounds (each a bare row then a route row, judged on the
 * per-round ratios), the table and the report file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AutocannonResult } from './autocannon-load.ts';
import { type BenchEngine, benchEngine } from './bench-db.ts';
import { flags, fmt, int, median } from './report.ts';

export interface RouteBenchFlags {
  flags: Map<string, string>;
  engine: BenchEngine;
  households: number;
  seconds: number;
  rounds: number;
  connections: number;
  /** How many random existing NIKs the route cycles through. */
  niks: number;
}

/** `--engine sqlite|postgres [--households N] [--seconds 10] [--rounds 3] [--connections 50] [--niks N]`. */
export function routeBenchFlags(defaults: { households: number; niks: number }): RouteBenchFlags {
  const f = flags();
  return {
    flags: f,
    engine: benchEngine(f.get('engine')),
    households: int(f.get('households'), defaults.households),
    seconds: int(f.get('seconds'), 10),
    rounds: int(f.get('rounds'), 3),
    connections: int(f.get('connections'), 50),
    niks: int(f.get('niks'), defaults.niks),
  };
}

export interface RoundPair {
  bare: AutocannonResult;
  route: AutocannonResult;
  /** route / bare requests per second. */
  ratio: number;
  /** bare / route server CPU per request. */
  cpuRatio: number;
}

/**
 * `rounds` rounds of a bare row then a route row; `route(i)` gets the round's index (each round may start at
 * another place in its sample).
 */
export async function alternatingRounds(
  rounds: number,
  bare: () => Promise<AutocannonResult>,
  route: (round: number) => Promise<AutocannonResult>,
): Promise<RoundPair[]> {
  const pairs: RoundPair[] = [];
  for (let i = 0; i < rounds; i++) {
    const b = await bare();
    const r = await route(i);
    pairs.push({
      bare: b,
      route: r,
      ratio: r.perSecond / b.perSecond,
      cpuRatio: b.serverCpuUs / r.serverCpuUs,
    });
  }
  return pairs;
}

const row = (name: string, r: AutocannonResult) =>
  `| ${name} | ${fmt(r.requests)} | ${fmt(r.perSecond)} | ${fmt(r.p50, 1)} | ${fmt(r.p97_5, 1)} | ${fmt(r.p99, 1)} | ${fmt(r.max, 1)} | ${fmt(r.serverCpuUs)} | ${fmt(r.non2xx)} | ${fmt(r.errors)} |`;

/** The rounds as a markdown table, a bare row then the route's row per round. */
export function roundsTable(pairs: RoundPair[], routeName: string): string[] {
  return [
    '| round | route | requests | req/s | p50 ms | p97.5 ms | p99 ms | max ms | server CPU µs/req | non-2xx | errors |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...pairs.flatMap((p, i) => [
      `| ${i + 1} ${row('bare Fastify, constant JSON', p.bare)}`,
      `| ${i + 1} ${row(routeName, p.route)}`,
    ]),
  ];
}

export const medianOf = (pairs: RoundPair[], pick: (p: RoundPair) => number) => median(pairs.map(pick));

/** Prints the report and writes it to `--out` (default `bench/tmp/<name>-<engine>.md`). */
export function writeReport(md: string, f: RouteBenchFlags, name: string): void {
  console.log(md);
  const out = f.flags.get('out') ?? `bench/tmp/${name}-${f.engine}.md`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, md);
  console.log(`written to ${out}`);
}
