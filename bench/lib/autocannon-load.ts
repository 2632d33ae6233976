/**
 * HTTP load with autocannon, the standard Node load generator, in its own process (its own CPU and event
 * loop): `connections` keep-alive connections for `seconds`, cycling `paths`. The calling process hosts the
 * servers; its CPU time (every thread) per answered request is reported as `serverCpuUs`, which is less
 * sensitive than req/s to other work on a shared machine.
 *
 *   node bench/lib/autocannon-load.ts <load.json>   → prints one JSON line
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AutocannonLoad {
  origin: string;
  paths: string[];
  headers?: Record<string, string>;
  seconds: number;
  connections: number;
  /** POST `bodies` (JSON texts) in turn to the paths instead of GET (bench/receipts.ts). */
  method?: 'GET' | 'POST';
  bodies?: string[];
}

export interface AutocannonResult {
  requests: number;
  perSecond: number;
  /** Milliseconds (autocannon's histogram: p50, p97.5, p99, max). */
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  /** Server CPU µs (user + system, every thread of the calling process) per request. */
  serverCpuUs: number;
}

/** Runs autocannon in a child process against a loopback server of this process. */
export function runAutocannon(load: AutocannonLoad): Promise<AutocannonResult> {
  const origin = new URL(load.origin);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(origin.hostname)) {
    throw new Error(`refusing to load anything but loopback: ${origin.hostname}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'dtks-ac-'));
  const file = join(dir, 'load.json');
  writeFileSync(file, JSON.stringify(load));
  const cpu = process.cpuUsage();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [fileURLToPath(import.meta.url), file],
      { maxBuffer: 1 << 20, timeout: (load.seconds + 60) * 1000 },
      (err, stdout, stderr) => {
        rmSync(dir, { recursive: true, force: true });
        if (err) return reject(new Error(`autocannon failed: ${err.message}\n${stderr}`));
        const r = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<AutocannonResult, 'serverCpuUs'>;
        const used = process.cpuUsage(cpu);
        resolve({ ...r, serverCpuUs: (used.user + used.system) / Math.max(1, r.requests) });
      },
    );
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { default: autocannon } = await import('autocannon');
  const load = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as AutocannonLoad;
  let i = 0;
  const result = await autocannon({
    url: load.origin,
    connections: load.connections,
    duration: load.seconds,
    headers: { accept: 'application/json', ...load.headers },
    requests: [
      load.method === 'POST'
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const n = i++;
              const bodies = load.bodies ?? ['{}'];
              return { ...req, path: load.paths[n % load.paths.length], body: bodies[n % bodies.length] };
            },
          }
        : { method: 'GET', setupRequest: (req) => ({ ...req, path: load.paths[i++ % load.paths.length] }) },
    ],
  });
  process.stdout.write(
    `${JSON.stringify({
      requests: result.requests.total,
      perSecond: result.requests.total / (result.duration || load.seconds),
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    })}\n`,
  );
  process.exit(0);
}
