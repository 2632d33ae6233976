/**
 * Start-up of a `dtks` command: `dtks --help` (loading the commands and nothing else) and `dtks ppks list
 * --json` on an empty migrated SQLite database (opening it, the migration check, the audit start-up, one query,
 * the seal), each a process of its own as an operator — or a CLI test — runs it. Wall and CPU seconds from GNU
 * time (/usr/bin/time), medians of alternating runs after one warm-up run each, and the modules loaded.
 *
 * Variants: this tree with Node's compile cache (a directory of its own, warmed by the warm-up run), this tree
 * with it off (NODE_DISABLE_COMPILE_CACHE=1), and with `--baseline DIR` another checkout of the project (with
 * its node_modules) for a before/after, e.g. `git archive OLD | tar -x -C DIR`.
 *
 *   node bench/cli-startup.ts [--runs 10] [--baseline DIR] [--out bench/results/cli-startup.md]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { flags, fmt, int, machine, machineMarkdown, median } from './lib/report.ts';

const f = flags();
const runs = int(f.get('runs'), 10);
const baseline = f.get('baseline');
const out = f.get('out');
const tmp = mkdtempSync(join(tmpdir(), 'dtks-cli-startup-'));
const dataDir = join(tmp, 'data');

interface Variant {
  name: string;
  root: string;
  env: Record<string, string>;
}
const variants: Variant[] = [
  { name: 'this tree, compile cache', root: resolve('.'), env: { NODE_COMPILE_CACHE: join(tmp, 'cache') } },
  { name: 'this tree, no compile cache', root: resolve('.'), env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
  ...(baseline
    ? [{ name: 'baseline (--baseline)', root: resolve(baseline), env: { NODE_DISABLE_COMPILE_CACHE: '1' } }]
    : []),
];
const commands = [['--help'], ['ppks', 'list', '--json']];

/** Counts the modules a run loads (a resolve hook; not used for the timed runs). */
const COUNT_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { registerHooks } from 'node:module'; import { appendFileSync } from 'node:fs';
   registerHooks({ load(url, ctx, next) { appendFileSync(process.env.MODULES_OUT, url + '\\n'); return next(url, ctx); } });`,
)}`;

function run(v: Variant, args: string[], extra: string[] = [], env: Record<string, string> = {}) {
  const timing = join(tmp, 'time.txt');
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S', '-o', timing, process.execPath, ...extra, 'src/cli/main.ts', ...args],
    {
      cwd: v.root,
      env: { ...process.env, DATA_DIR: dataDir, AUDIT_HMAC_KEY: 'a5'.repeat(32), ...v.env, ...env },
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`dtks ${args.join(' ')} in ${v.root} exited ${r.status}: ${r.stderr}`);
  const [wall, user, sys] = readFileSync(timing, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  return { wall: wall!, cpu: user! + sys! };
}

function modules(v: Variant, args: string[]): number {
  const file = join(tmp, 'modules.txt');
  rmSync(file, { force: true });
  run(v, args, ['--import', COUNT_HOOK], { MODULES_OUT: file });
  return readFileSync(file, 'utf8').trim().split('\n').length;
}

const started = machine();
// The first command creates and migrates the database; not measured.
run(variants[0]!, ['ppks', 'list', '--json']);
const rows: string[] = [];
for (const args of commands) {
  const times = new Map(variants.map((v) => [v, { wall: [] as number[], cpu: [] as number[] }]));
  for (const v of variants) run(v, args);
  for (let i = 0; i < runs; i++) {
    for (const v of variants) {
      const t = run(v, args);
      times.get(v)!.wall.push(t.wall);
      times.get(v)!.cpu.push(t.cpu);
    }
  }
  for (const v of variants) {
    const t = times.get(v)!;
    const row = `| \`dtks ${args.join(' ')}\` | ${v.name} | ${modules(v, args)} | ${fmt(median(t.wall), 2)} | ${fmt(median(t.cpu), 2)} |`;
    console.log(row);
    rows.push(row);
  }
}
const loadAfter = loadavg();
rmSync(tmp, { recursive: true, force: true });

const report = `# CLI start-up

${machineMarkdown(started, `node bench/cli-startup.ts --runs ${runs}${baseline ? ' --baseline DIR' : ''}`)}
- load average at the end: ${loadAfter.map((l) => l.toFixed(2)).join(' ')}
- ${runs} runs of each variant, alternating, after one warm-up run each; medians; wall and CPU (user + system)
  seconds of the whole process from GNU time; modules: every module loaded (node: built-ins included)

| command | variant | modules | wall s | CPU s |
|---|---|---:|---:|---:|
${rows.join('\n')}
`;
if (out) writeFileSync(out, report);
else console.log(report);
