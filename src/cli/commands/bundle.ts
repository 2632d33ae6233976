/**
 * `dtks bundle`: signed transfer bundles (.siks, docs/bundles.md) through the same service as the API.
 * - `export --region CODE --out FILE [--kind working-set|field-changes]`: the territory's working set (default),
 *   or field changes: on an offline installation from its own database (what was recorded since its working
 *   set), or from `--changes FILE.ndjson` (+ `--photos DIR`, `--base ISO`).
 * - `verify FILE`: exit 0 for an intact bundle from a trusted key; exit 3 naming the part and the reason.
 * - `import FILE [--json]`: `{"created","updated","unchanged","conflicts","rejected"}`; again: all unchanged.
 * - `key show` (this installation's public key), `key list`, `key trust --name N --region CODE --public-key
 *   KEY|@FILE`, `key revoke FINGERPRINT --reason TEXT`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BUNDLE_KINDS, type BundleKind } from '../../domain/bundles/manifest.ts';
import { countsOf } from '../../modules/bundles/bundles.service.ts';
import { changesFromFile } from '../../modules/bundles/changes-file.ts';
import { withContainer } from '../context.ts';
import { fail, printJson, run, say } from '../output.ts';

interface Options {
  as?: string;
  region?: string;
  out?: string;
  kind?: string;
  changes?: string;
  photos?: string;
  base?: string;
  json?: boolean;
  name?: string;
  publicKey?: string;
  reason?: string;
}

/** Exit code of a refused bundle (tampered, untrusted, replayed, other territory). */
const REFUSED = 3;

export function registerBundle(program: Command): void {
  program
    .command('bundle <action> [args...]')
    .description(
      'Signed transfer bundles (.siks): export | verify FILE | import FILE | key show|list|trust|revoke',
    )
    .option('--region <code>', 'export: the territory')
    .option('--out <file>', 'export: where to write the bundle')
    .option('--kind <kind>', `export: ${BUNDLE_KINDS.join(' | ')} (default working-set)`)
    .option(
      '--changes <file>',
      "export field-changes: the changes, one JSON per line (sync format); default: this offline installation's own",
    )
    .option('--photos <dir>', 'export field-changes: the folder holding the photos the changes name')
    .option('--base <iso>', 'export field-changes: the changes were recorded after this instant')
    .option('--json', 'import/verify: print JSON')
    .option('--name <name>', 'key trust: a name for the installation')
    .option('--public-key <key>', 'key trust: base64 SPKI or PEM, or @FILE')
    .option('--reason <text>', 'key revoke: why')
    .option('--as <username>', 'act as this user (their role and territory apply)')
    .action((action: string, args: string[], o: Options) =>
      run(() =>
        withContainer(o.as, 'bundle', async (c, actor) => {
          const b = c.bundles;
          switch (action) {
            case 'export': {
              if (o.region === undefined || !o.out) fail('export needs --region CODE and --out FILE', 2);
              const kind = (o.kind ?? 'working-set') as BundleKind;
              if (!BUNDLE_KINDS.includes(kind)) fail(`--kind: one of ${BUNDLE_KINDS.join(', ')}`, 2);
              const out = resolve(o.out);
              const manifest =
                kind === 'working-set'
                  ? await b.exportWorkingSet(actor, o.region, out)
                  : await b.exportFieldChanges(
                      actor,
                      {
                        region: o.region,
                        base: o.base ?? null,
                        ...(o.changes ? { changes: changesFromFile(o.changes, o.photos) } : {}),
                      },
                      out,
                    );
              return printJson({ out, bundleId: manifest.bundleId, kind, counts: manifest.counts });
            }
            case 'verify': {
              const file = args[0] ?? fail('verify needs the bundle file', 2);
              const r = await b.verify(actor, resolve(file));
              if (o.json) printJson(r.ok ? { ok: true, signer: r.signer, manifest: r.manifest } : r);
              if (!r.ok) {
                if (!o.json) process.stderr.write(`refused: ${r.part}: ${say(r.message)} (${r.code})\n`);
                process.exitCode = REFUSED;
                return;
              }
              if (!o.json)
                process.stdout.write(
                  `intact: ${r.manifest.kind} ${r.manifest.bundleId} for ${r.manifest.territory || 'the nation'}, signed by ${r.signer.name} (${r.signer.fingerprint})\n`,
                );
              return;
            }
            case 'import': {
              const file = args[0] ?? fail('import needs the bundle file', 2);
              const report = await b.import(actor, resolve(file));
              if (o.json) return printJson(countsOf(report));
              return printJson(report);
            }
            case 'key':
              return keyCommand(c.bundles, actor, args, o);
            default:
              fail(`unknown action ${action}: export, verify, import or key`, 2);
          }
        }),
      ),
    );
}

async function keyCommand(
  b: import('../../modules/bundles/bundles.service.ts').BundlesService,
  actor: import('../../modules/access/actor.ts').Actor,
  args: string[],
  o: Options,
): Promise<void> {
  switch (args[0]) {
    case 'show':
      return printJson(b.installationKey());
    case 'list':
      return printJson({ items: await b.listKeys(actor) });
    case 'trust': {
      if (!o.name || o.region === undefined || !o.publicKey)
        fail('key trust needs --name, --region and --public-key', 2);
      const key = o.publicKey.startsWith('@') ? readFileSync(o.publicKey.slice(1), 'utf8') : o.publicKey;
      return printJson(await b.trustKey(actor, { name: o.name, publicKey: key, regionCode: o.region }));
    }
    case 'revoke': {
      const id = args[1] ?? fail('key revoke needs the fingerprint', 2);
      if (!o.reason) fail('key revoke needs --reason', 2);
      return printJson(await b.revokeKey(actor, id, o.reason));
    }
    default:
      fail('key: show, list, trust or revoke', 2);
  }
}
