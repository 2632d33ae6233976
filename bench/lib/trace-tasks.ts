/**
 * What blocked the main thread in a Lighthouse run: the page's top-level main-thread tasks as Lighthouse
 * itself splits the trace (its `MainThreadTasks`), each with what ran inside it. Lighthouse's mobile preset
 * loads the page unthrottled and then simulates a 4× slower CPU (Lantern), keeping only tasks of at least
 * 10 ms observed (shorter ones are pruned from its graph); a task blocks (total blocking time) when 4× its
 * observed length exceeds 50 ms, i.e. from ~12.5 ms observed. So the tasks listed here are the observed
 * ones of 10 ms or more, with their children that took at least `childMs`: script evaluation of which file,
 * a function call (React's scheduler, a promise callback…), compile, style and layout, paint, GC.
 */
import { MainThreadTasks } from 'lighthouse/core/computed/main-thread-tasks.js';
import type { TaskNode } from 'lighthouse/core/lib/tracehouse/main-thread-tasks.js';

type Trace = Parameters<typeof MainThreadTasks.request>[0];

export interface LongTask {
  /** ms after the navigation started (observed). */
  start: number;
  /** Observed duration, ms. */
  duration: number;
  /** Self time by Lighthouse's task group (scriptEvaluation, styleLayout, …), ms. */
  groups: Record<string, number>;
  /** The children that took at least `childMs`, outermost first: `EvaluateScript public-abc.js 21.0`. */
  inside: string[];
  /**
   * With the V8 sampling profiler in the trace (`--profile`): the functions with the most self time inside
   * the task, `name file:line ms`.
   */
  hot: string[];
}

interface CpuNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface ProfileEvent {
  name: string;
  id?: string;
  pid: number;
  tid: number;
  args: {
    data?: {
      startTime?: number;
      cpuProfile?: { nodes?: CpuNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

/** The V8 samples of the thread of (pid, tid): time (trace µs) and the sampled node's frame. */
function samplesOf(events: readonly ProfileEvent[], pid: number, tid: number) {
  const out: { ts: number; frame: CpuNode['callFrame'] }[] = [];
  for (const profile of events.filter((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid)) {
    const nodes = new Map<number, CpuNode>();
    let ts = profile.args.data?.startTime ?? 0;
    for (const chunk of events) {
      if (chunk.name !== 'ProfileChunk' || chunk.id !== profile.id || chunk.pid !== pid) continue;
      for (const n of chunk.args.data?.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
      const samples = chunk.args.data?.cpuProfile?.samples ?? [];
      const deltas = chunk.args.data?.timeDeltas ?? [];
      for (const [i, id] of samples.entries()) {
        ts += deltas[i] ?? 0;
        const node = nodes.get(id);
        if (node) out.push({ ts, frame: node.callFrame });
      }
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

function hotIn(samples: ReturnType<typeof samplesOf>, from: number, to: number): string[] {
  const inWindow = samples.filter((s) => s.ts >= from && s.ts < to);
  const byFrame = new Map<string, number>();
  for (const [i, s] of inWindow.entries()) {
    // A sample stands for the time until the next one (the last: the sampling interval, ~0.1 ms).
    const next = inWindow[i + 1]?.ts ?? s.ts + 100;
    const f = s.frame;
    const key = `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : ''}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + (next - s.ts) / 1000);
  }
  return [...byFrame]
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([key, ms]) => `${key} ${ms.toFixed(1)}`);
}

function label(task: TaskNode): string {
  const data = (task.event.args as { data?: Record<string, unknown> } | undefined)?.data ?? {};
  const url = typeof data.url === 'string' ? data.url : '';
  const fn = typeof data.functionName === 'string' && data.functionName ? ` ${data.functionName}` : '';
  const file = url ? ` ${url.replace(/^.*\//, '')}` : '';
  return `${task.event.name}${file}${fn}`;
}

function groupsOf(task: TaskNode, into: Record<string, number>): Record<string, number> {
  into[task.group.id] = (into[task.group.id] ?? 0) + task.selfTime;
  for (const child of task.children) groupsOf(child, into);
  return into;
}

function inside(task: TaskNode, childMs: number, depth: number, into: string[]): string[] {
  for (const child of task.children) {
    if (child.duration < childMs) continue;
    into.push(`${'  '.repeat(depth)}${label(child)} ${child.duration.toFixed(1)}`);
    if (depth < 3) inside(child, childMs, depth + 1, into);
  }
  return into;
}

/** The top-level main-thread tasks of at least `minMs` in a Lighthouse trace, in time order. */
export async function longTasks(
  trace: Trace,
  { minMs = 10, childMs = 2 }: { minMs?: number; childMs?: number } = {},
): Promise<LongTask[]> {
  const tasks = await MainThreadTasks.request(trace, { computedCache: new Map() } as never);
  const long = tasks.filter((t) => !t.parent && t.duration >= minMs);
  const first = long[0]?.event;
  const samples = first
    ? samplesOf(trace.traceEvents as unknown as ProfileEvent[], first.pid, first.tid)
    : [];
  return long.map((t) => ({
    start: t.startTime,
    duration: t.duration,
    groups: Object.fromEntries(
      Object.entries(groupsOf(t, {}))
        .filter(([, ms]) => ms >= 0.5)
        .sort((a, b) => b[1] - a[1]),
    ),
    inside: inside(t, childMs, 0, []),
    hot: hotIn(samples, t.event.ts, t.event.ts + t.duration * 1000),
  }));
}

/** One line per task: `at 512 ms, 23.4 ms: scriptEvaluation 18.1, styleLayout 3.2 — EvaluateScript …`. */
export function describeTask(t: LongTask): string {
  const groups = Object.entries(t.groups)
    .map(([g, ms]) => `${g} ${ms.toFixed(1)}`)
    .join(', ');
  return `at ${t.start.toFixed(0)} ms, **${t.duration.toFixed(1)} ms** (${groups})${t.inside.length ? `: ${t.inside.map((s) => s.trim()).join(' › ')}` : ''}`;
}
