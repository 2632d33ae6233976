import type { Command } from 'commander';
import { withContainer } from '../context.ts';
import { fail, run, writeOut } from '../output.ts';

export function registerMusdes(program: Command): void {
  const musdes = program.command('musdes').description('Musyawarah desa/kelurahan (Musdes/Muskel) documents');

  musdes
    .command('prelist')
    .description(
      'Write the printable prelist (awal: for the meeting; akhir: the decided list) of a village and period',
    )
    .requiredOption('--village <code>', 'village code (dotted or not)')
    .requiredOption('--period <YYYY-MM>', 'period')
    .option('--stage <stage>', 'awal | akhir', 'awal')
    .option('--format <format>', 'pdf | xlsx', 'pdf')
    .requiredOption('--out <file>', 'file to write')
    .option(
      '--as <username>',
      'act as this user (their role and territory apply); default: the system operator',
    )
    .action(
      (o: { village: string; period: string; stage: string; format: string; out: string; as?: string }) =>
        run(async () => {
          if (!['awal', 'akhir'].includes(o.stage)) fail(`--stage must be awal or akhir (got ${o.stage})`);
          if (!['pdf', 'xlsx'].includes(o.format)) fail(`--format must be pdf or xlsx (got ${o.format})`);
          if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(o.period)) fail(`--period must be YYYY-MM (got ${o.period})`);
          await withContainer(o.as, 'musdes-prelist', async (c, actor) => {
            const session = await c.musdes.findFor(actor, o.village, o.period);
            const { stream } = await c.musdes.prelist(
              actor,
              session.id,
              o.stage as 'awal' | 'akhir',
              o.format as 'pdf' | 'xlsx',
            );
            await writeOut(stream, o.out);
            process.stderr.write(
              `prelist ${o.stage} of ${session.villageName} (${session.regionCode}), period ${o.period}, state ${session.state}: ${session.tally.rows} rows written to ${o.out}\n`,
            );
          });
        }),
    );
}
