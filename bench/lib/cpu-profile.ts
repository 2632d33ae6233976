/**
 * A V8 CPU profile of this process (the servers of bench/lib/app-server.ts) while a load runs, and its
 * self time summed per function: what a route's CPU goes to, per request. `--profile FILE` on the HTTP
 * benchmarks writes the `.cpuprofile` (open it in Chrome DevTools) and prints the summary.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `load` under the sampling profiler; writes the profile to `file`, returns the load's result. */
export async function profiled<T>(file: string, load: () => Promise<T>): Promise<{ result: T; top: string }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const result = await load();
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  writeFileSync(file, JSON.stringify(profile));
  return {
    result,
    top: `${selfTimes(profile)}\n\nby the innermost frame of src/ on the stack:\n${byAppFrame(profile)}`,
  };
}

/**
 * Each busy sample charged to the innermost function of `src/` on its stack (a library's or Node's work
 * goes to the app code that called it; samples with no app frame, e.g. HTTP parsing, to their outermost
 * non-app frame): which part of the app a request's CPU goes to.
 */
export function byAppFrame(profile: Profile, limit = 40): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const counts = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)' || leaf.callFrame.functionName === '(program)') continue;
    busy++;
    let key: string | undefined;
    let outer = leaf;
    for (let n: Node | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      if (n.callFrame.url.includes('/src/')) {
        key = name(n);
        break;
      }
      if (n.callFrame.functionName !== '(root)') outer = n;
    }
    key ??= `[no app frame] ${name(outer)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return topShares(counts, busy, limit);
}

/** The functions with the most self time (share of the busy samples), one per line. */
export function selfTimes(profile: Profile, limit = 60): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, number>();
  let busy = 0;
  for (const id of profile.samples) {
    const n = byId.get(id)!;
    const f = n.callFrame;
    if (f.functionName === '(idle)' || f.functionName === '(program)') continue;
    busy++;
    const where = f.url
      ? `${f.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${f.lineNumber + 1}`
      : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return topShares(counts, busy, limit);
}

/** The `limit` largest counts as lines "share %  key", largest first. */
function topShares(counts: Map<string, number>, busy: number, limit: number): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([k, c]) => `${((100 * c) / busy).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');
}
