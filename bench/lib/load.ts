/**
 * A small closed-loop HTTP load generator, run as its own process so it does not share the server's event
 * loop: `concurrency` keep-alive connections each send the next request as soon as the previous answer
 * arrives, until `requests` were sent or `seconds` passed, whichever comes first. Loopback only.
 *
 *   node bench/lib/load.ts <config.json>   → prints one JSON line (LoadResult)
 *
 * config: { origin, paths: string[] (cycled), headers, requests, seconds, concurrency }
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { percentile } from './report.ts';

export interface LoadConfig {
  origin: string;
  paths: string[];
  headers?: Record<string, string>;
  requests: number;
  seconds: number;
  concurrency: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<string, number>;
  errors: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /**
   * CPU time (user + system) the calling process — the one hosting the servers — spent per request while the
   * load ran; set by runLoadInChild. Less sensitive than req/s to other work on a shared machine.
   */
  serverCpuUs?: number;
}

export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const origin = new URL(config.origin);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(origin.hostname)) {
    throw new Error(`refusing to load anything but loopback: ${origin.hostname}`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
  const latencies = new Float64Array(config.requests);
  const statuses: Record<string, number> = {};
  let sent = 0;
  let done = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + config.seconds * 1000;

  const one = (path: string) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = request(
        {
          host: origin.hostname,
          port: origin.port,
          path,
          method: 'GET',
          agent,
          headers: { accept: 'application/json', ...config.headers },
        },
        (res) => {
          res.on('data', () => {});
          res.on('end', () => {
            latencies[done++] = performance.now() - t0;
            const key = String(res.statusCode);
            statuses[key] = (statuses[key] ?? 0) + 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        latencies[done++] = performance.now() - t0;
        resolve();
      });
      req.end();
    });

  const worker = async () => {
    while (sent < config.requests && performance.now() < deadline) {
      const path = config.paths[sent % config.paths.length]!;
      sent++;
      await one(path);
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.slice(0, done).sort();
  let sum = 0;
  for (const l of sorted) sum += l;
  return {
    requests: done,
    seconds,
    perSecond: done / seconds,
    statuses,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sum / Math.max(1, done),
  };
}

/** Runs the load in a child process (its own CPU and event loop) and returns its result. */
export function runLoadInChild(config: LoadConfig): Promise<LoadResult> {
  const cpu = process.cpuUsage();
  const dir = mkdtempSync(join(tmpdir(), 'dtks-load-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [fileURLToPath(import.meta.url), file],
      { maxBuffer: 1 << 20, timeout: (config.seconds + 60) * 1000 },
      (err, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (err) return reject(new Error(`load generator failed: ${err.message}\n${stderr}`));
        const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadResult;
        const used = process.cpuUsage(cpu);
        resolve({ ...result, serverCpuUs: (used.user + used.system) / Math.max(1, result.requests) });
      },
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadConfig;
  process.stdout.write(`${JSON.stringify(await runLoad(config))}\n`);
}
