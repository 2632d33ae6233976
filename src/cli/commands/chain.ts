import type { Command } from 'commander';
import type { Container } from '../../container.ts';
import type { Actor } from '../../modules/access/actor.ts';
import type { BeritaAcaraItem } from '../../modules/chain/chain.schemas.ts';
import type { SubmissionView } from '../../modules/pengesahan/pengesahan.schemas.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run } from '../output.ts';

const AS = ['--as <username>', 'act as this user (their role and territory apply)'] as const;

/**
 * The kecamatan and province steps of the update cycle (src/domain/cycle/chain.ts): settings, the
 * kecamatan's acknowledgement of Berita Acara, the province's review of submissions, automatic forwarding.
 */
export function registerChain(program: Command): void {
  const chain = program
    .command('chain')
    .description(
      'The kecamatan and province steps of the cycle: Berita Acara acknowledgement, province review',
    );

  chain
    .command('settings')
    .description(
      "Show or change a regency's (kecamatan step) or a province's (review, auto-forward) settings",
    )
    .requiredOption('--region <code>', 'regency (PP.KK) or province (PP) code')
    .option(
      '--kecamatan-ack <on|off>',
      'regency: pengesahan counts only Berita Acara its kecamatan acknowledged',
    )
    .option('--province-review <on|off>', 'province: submissions wait at the province until forwarded')
    .option('--auto-forward-days <days|none>', 'province: forward automatically after this many days (1-90)')
    .option(...AS)
    .option('--json', 'print JSON')
    .action(
      (o: {
        region: string;
        kecamatanAck?: string;
        provinceReview?: string;
        autoForwardDays?: string;
        as?: string;
        json?: boolean;
      }) =>
        run(async () => {
          const patch = {
            ...(o.kecamatanAck !== undefined
              ? { kecamatanAcknowledgement: onOff(o.kecamatanAck, '--kecamatan-ack') }
              : {}),
            ...(o.provinceReview !== undefined
              ? { provinceReview: onOff(o.provinceReview, '--province-review') }
              : {}),
            ...(o.autoForwardDays !== undefined ? { autoForwardDays: days(o.autoForwardDays) } : {}),
          };
          await withContainer(o.as, 'chain-settings', async (c, actor) => {
            const v = Object.keys(patch).length
              ? await c.chain.updateSettings(actor, o.region, patch)
              : await c.chain.getSettings(actor, o.region);
            if (o.json) return printJson(v);
            if (v.level === 'regency') {
              console.log(
                `${v.regionCode}: kecamatan acknowledgement ${v.kecamatanAcknowledgement ? 'on' : 'off'}`,
              );
            } else {
              const auto =
                v.autoForwardDays === null ? 'never automatically' : `after ${v.autoForwardDays} days`;
              console.log(
                `${v.regionCode}: province review ${v.provinceReview ? `on, forwards ${auto}` : 'off'}`,
              );
            }
          });
        }),
    );

  chain
    .command('berita-acara')
    .description("Signed Berita Acara of a period in your territory and the kecamatan's decision on each")
    .requiredOption('--period <YYYY-MM>', 'period')
    .option('--region <code>', 'narrow to a region inside your territory')
    .option('--state <state>', 'pending | acknowledged | returned')
    .option(...AS)
    .option('--json', 'print JSON')
    .action((o: { period: string; region?: string; state?: string; as?: string; json?: boolean }) =>
      run(async () => {
        if (o.state && !['pending', 'acknowledged', 'returned'].includes(o.state)) {
          fail(`--state must be pending, acknowledged or returned (got ${o.state})`);
        }
        await withContainer(o.as, 'chain-berita-acara', async (c, actor) => {
          const list = await c.chain.beritaAcara(actor, {
            period: o.period,
            region: o.region,
            state: o.state as BeritaAcaraItem['state'] | undefined,
          });
          if (o.json) return printJson(list);
          for (const i of list.items) console.log(beritaAcaraLine(i));
          console.log(`${list.items.length} Berita Acara, period ${list.period}`);
        });
      }),
    );

  chain
    .command('acknowledge')
    .description("Acknowledge a village's signed Berita Acara (kecamatan)")
    .requiredOption('--session <id>', 'the Musdes/Muskel session id')
    .option('--note <text>', 'a note kept with the acknowledgement')
    .option(...AS)
    .action((o: { session: string; note?: string; as?: string }) =>
      run(() =>
        withContainer(o.as, 'chain-acknowledge', async (c, actor) => {
          console.log(beritaAcaraLine(await c.chain.acknowledge(actor, o.session, o.note)));
        }),
      ),
    );

  chain
    .command('return-to-village')
    .description(
      'Return a signed Berita Acara to its village with a note (kecamatan): it must be signed again',
    )
    .requiredOption('--session <id>', 'the Musdes/Muskel session id')
    .requiredOption('--note <text>', 'what the village must fix')
    .option(...AS)
    .action((o: { session: string; note: string; as?: string }) =>
      run(() =>
        withContainer(o.as, 'chain-return', async (c, actor) => {
          console.log(beritaAcaraLine(await c.chain.returnToVillage(actor, o.session, o.note)));
        }),
      ),
    );

  const step =
    (
      what: string,
      act: (c: Container, actor: Actor, s: SubmissionView, text?: string) => Promise<SubmissionView>,
    ) =>
    (o: { submission: string; note?: string; comment?: string; as?: string }) =>
      run(() =>
        withContainer(o.as, what, async (c, actor) => {
          const current = await c.submissions.get(actor, o.submission);
          const after = await act(c, actor, current, o.note ?? o.comment);
          console.log(
            `${after.regencyName} (${after.regencyCode}) ${after.period}: ${current.state} → ${after.state}`,
          );
        }),
      );

  chain
    .command('forward')
    .description('Forward a submission waiting at the province to Pusdatin (Dinas Sosial provinsi)')
    .requiredOption('--submission <id>', 'submission id')
    .option('--comment <text>', 'a comment kept with the submission')
    .option(...AS)
    .action(step('chain-forward', (c, a, s, comment) => c.submissions.forward(a, s.id, s.version, comment)));

  chain
    .command('province-return')
    .description(
      'Return a submission waiting at the province to its regency with a note (Dinas Sosial provinsi)',
    )
    .requiredOption('--submission <id>', 'submission id')
    .requiredOption('--note <text>', 'what the regency must fix')
    .option(...AS)
    .action(
      step('chain-province-return', (c, a, s, note) =>
        c.submissions.provinceReturn(a, s.id, s.version, note!),
      ),
    );

  chain
    .command('comment')
    .description('Comment on a submission (province, regency or Pusdatin)')
    .requiredOption('--submission <id>', 'submission id')
    .requiredOption('--comment <text>', 'the comment')
    .option(...AS)
    .action(step('chain-comment', (c, a, s, body) => c.submissions.addComment(a, s.id, body!)));

  chain
    .command('forward-due')
    .description(
      'Forward every submission whose province let its deadline pass (reads do this too; for a scheduler)',
    )
    .action(() =>
      run(() =>
        withContainer(undefined, 'chain-forward-due', async (c) => {
          console.log(`${await c.submissions.forwardOverdue()} submissions forwarded automatically`);
        }),
      ),
    );
}

function onOff(value: string, flag: string): boolean {
  if (value !== 'on' && value !== 'off') fail(`${flag} must be on or off (got ${value})`);
  return value === 'on';
}

function days(value: string): number | null {
  if (value === 'none') return null;
  const n = Number(value);
  if (!Number.isInteger(n)) fail(`--auto-forward-days must be a whole number of days or none (got ${value})`);
  return n;
}

function beritaAcaraLine(i: BeritaAcaraItem): string {
  const note = i.note ? ` — ${i.note}` : '';
  return `${i.sessionId}  ${i.villageCode} ${i.villageName} (${i.districtName})  ${i.state}${note}`;
}
