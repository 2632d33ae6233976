/**
 * `dtks aid-source import|list|overlaps|entries` (matching other aid and subsidy sources) and `dtks analytics`
 * (targeting analytics), through the same services as the API (`--as` applies that user's role and territory;
 * without it, the system operator).
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ENTRY_RESULT_CODES, type EntryResult } from '../../domain/targeting/aid-source-file.ts';
import type { RejectedLine } from '../../modules/aid-sources/aid-sources.service.ts';
import { withContainer } from '../context.ts';
import { fileBytes } from '../file-bytes.ts';
import { fail, printJson, run, say } from '../output.ts';

/** Exit code when the list was imported but some of its lines were rejected. */
export const EXIT_REJECTED = 3;

const AS = [
  '--as <username>',
  'act as this user (their role and territory apply); default: the system operator',
] as const;

export function registerTargeting(program: Command): void {
  const aid = program
    .command('aid-source')
    .description(
      'Other aid and subsidy sources matched against DTKS (pemadanan): import, list, overlaps, entries',
    );

  aid
    .command('import <file>')
    .description(
      "Import another programme's or subsidy's beneficiary list (CSV with nik and/or kk_number, optional region_code) and match it against DTKS; exit 3 when lines were rejected",
    )
    .requiredOption('--name <name>', 'the source, e.g. "BLT Dana Desa 2026", "Subsidi LPG", "PIP"')
    .option('--region <code>', 'the territory the list is for (default: your own)')
    .option(...AS)
    .option('--json', 'print the summary and rejected lines as JSON')
    .action((file: string, o: { name: string; region?: string; as?: string; json?: boolean }) =>
      run(async () => {
        if (!existsSync(file)) fail(`No such file: ${file}`);
        await withContainer(o.as, 'aid-source', async (c, actor) => {
          const rejected: RejectedLine[] = [];
          const summary = await c.aidSources.importList(actor, fileBytes(file), {
            name: o.name,
            region: o.region,
            fileName: basename(file),
            onRejected: (r) => {
              if (o.json) rejected.push(r);
              else
                for (const i of r.issues)
                  console.log(`line ${r.line}  ${i.field}  ${say(i.message)} (${i.code})`);
            },
          });
          if (o.json) {
            printJson({
              ...summary,
              rejectedLines: rejected.map((r) => ({
                line: r.line,
                issues: r.issues.map((i) => ({ field: i.field, code: i.code, message: say(i.message) })),
              })),
            });
          } else {
            console.log(
              [
                `list ${summary.id} "${summary.name}" for ${summary.regionCode || 'Indonesia'}: ${summary.rows} lines`,
                ...ENTRY_RESULT_CODES.map((r) => `  ${r.padEnd(12)} ${summary.counts[r]}`),
              ].join('\n'),
            );
          }
          if (summary.rejected > 0) process.exitCode = EXIT_REJECTED;
        });
      }),
    );

  aid
    .command('list')
    .description('Lists you may see, newest first, with the counts of your part of each')
    .option(...AS)
    .action((o: { as?: string }) =>
      run(() =>
        withContainer(o.as, 'aid-source', async (c, actor) =>
          printJson({ items: await c.aidSources.list(actor) }),
        ),
      ),
    );

  aid
    .command('overlaps')
    .description('Households of your territory named by several lists (the overlap worklist)')
    .option('--source <id>', 'only households of this list')
    .option('--region <code>', 'only this region of your territory')
    .option('--min-sources <n>', 'named by at least this many lists', '2')
    .option('--limit <n>', 'households per page', '100')
    .option('--cursor <cursor>', 'the nextCursor of the previous page')
    .option(...AS)
    .action(
      (o: {
        source?: string;
        region?: string;
        minSources: string;
        limit: string;
        cursor?: string;
        as?: string;
      }) =>
        run(() =>
          withContainer(o.as, 'aid-source', async (c, actor) =>
            printJson(
              await c.aidSources.overlaps(actor, {
                source: o.source,
                region: o.region,
                minSources: positive(o.minSources, '--min-sources'),
                limit: positive(o.limit, '--limit'),
                cursor: o.cursor,
              }),
            ),
          ),
        ),
    );

  aid
    .command('entries <id>')
    .description(
      'Lines of a list within your territory: not_found (default), matched_kk, matched_nik or rejected',
    )
    .option('--result <result>', ENTRY_RESULT_CODES.join(' | '), 'not_found')
    .option('--region <code>', 'only this region of your territory')
    .option('--limit <n>', 'lines per page', '100')
    .option('--cursor <line>', 'the nextCursor of the previous page')
    .option(...AS)
    .action(
      (id: string, o: { result: string; region?: string; limit: string; cursor?: string; as?: string }) =>
        run(() =>
          withContainer(o.as, 'aid-source', async (c, actor) => {
            if (!(ENTRY_RESULT_CODES as readonly string[]).includes(o.result))
              fail(`--result: one of ${ENTRY_RESULT_CODES.join(', ')}`, 2);
            const page = await c.aidSources.entries(actor, id, {
              result: o.result as EntryResult,
              region: o.region,
              limit: positive(o.limit, '--limit'),
              cursor: o.cursor,
            });
            printJson({
              ...page,
              items: page.items.map((e) => ({
                ...e,
                issues: e.issues.map((i) => ({ ...i, message: say(i.message) })),
              })),
            });
          }),
        ),
    );

  program
    .command('analytics')
    .description(
      'Targeting analytics of a region for a ranked period: households per decile, per child region, decile movement since the previous ranked period',
    )
    .option('--region <code>', 'a region of your territory (default: all of it)')
    .option('--period <YYYY-MM>', 'a ranked period (default: the newest)')
    .option('--scope <scope>', 'deciles: national (default), province or regency (within each one)')
    .option(...AS)
    .option('--json', 'print the whole answer as JSON (the same as GET /api/v1/analytics/targeting)')
    .action((o: { region?: string; period?: string; scope?: string; as?: string; json?: boolean }) =>
      run(() =>
        withContainer(o.as, 'analytics', async (c, actor) => {
          const scope = o.scope ?? 'national';
          if (scope !== 'national' && scope !== 'province' && scope !== 'regency') {
            fail(`unknown --scope ${scope}: national, province or regency`, 2);
          }
          const a = await c.analytics.targeting(actor, { region: o.region, period: o.period, scope });
          if (o.json) return printJson(a);
          const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
          console.log(
            [
              `${a.region.name} (${a.region.code || 'nasional'}), ${a.period}, model ${a.modelVersion}: ${a.households} households, desil 1–2 ${a.poorest} (${pct(a.poorestShare)})`,
              `  desil    ${a.deciles.map((_, i) => String(i + 1).padStart(7)).join('')}`,
              `  total    ${a.deciles.map((n) => String(n).padStart(7)).join('')}`,
              ...a.children.map(
                (ch) =>
                  `  ${ch.code.padEnd(14)} ${ch.name.slice(0, 24).padEnd(24)} ${ch.households} (${pct(ch.poorestShare)} desil 1–2)`,
              ),
              a.movement
                ? `  since ${a.previousPeriod}: ${a.movement.improved} up, ${a.movement.worsened} down, ${a.movement.unchanged} same, ${a.movement.entered} new, ${a.movement.left} left`
                : '  no earlier ranked period',
            ].join('\n'),
          );
        }),
      ),
    );
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) fail(`${flag}: a whole number ≥ 1`, 2);
  return n;
}
