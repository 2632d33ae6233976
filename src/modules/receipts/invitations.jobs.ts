/**
 * Invitation letters as a job (kind `distribution.invitations`, issue 15, docs/distribution.md): one PDF per
 * village of a batch PT Pos accepted (started by the Dinas Sosial or by PT Pos itself, a partner who sees
 * only its own jobs), written under `<dataDir>/invitations/<job>/` and, when every village is done, bundled
 * into one ZIP archive (stored, not compressed: the PDFs are) that the job's owner downloads from
 * GET /jobs/{id}/result — audited at each download, like the household export.
 *
 * Villages are written in parallel, one per worker thread (INVITATION_THREADS, default the available cores;
 * invitations.threads.ts), byte for byte as the job's own thread writes them when the setting is 1.
 *
 * Kill-safe: a village is written to a `.part` file of this run (attempt), renamed once complete, then the
 * checkpoint records it (one checkpoint at a time, whichever thread finished); a run that resumes after a
 * crash or a lost lease removes the `.part` files left, skips the villages recorded whose files are there
 * with the recorded size, and writes the others again from the start. Every village's
 * letters are read through ReceiptsService.invitations (territory, permission, a read audited per village).
 * Directories older than the retention (EXPORT_TTL_HOURS, as exports) are removed when a run starts.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { z } from 'zod';
import { isPartner } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { notFound } from '../../domain/errors.ts';
import { requirePermission } from '../access/actor.ts';
import { type JobKind, JobStopped } from '../jobs/jobs.service.ts';
import { inThreadWriter, threadWriter } from './invitations.threads.ts';
import type { ReceiptsService } from './receipts.service.ts';

export const DISTRIBUTION_INVITATIONS = 'distribution.invitations';

const VILLAGE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const InvitationJobParams = z.strictObject({
  batchId: z.string().max(64),
  /** Only this village (default: every village of the batch within the owner's territory). */
  village: z.string().regex(VILLAGE).optional(),
});
export type InvitationJobParams = z.infer<typeof InvitationJobParams>;

/** One village's finished file. */
export interface VillageFile {
  village: string;
  name: string;
  letters: number;
  bytes: number;
}

interface Checkpoint {
  files: VillageFile[];
}

export interface InvitationJobResult {
  batchId: string;
  files: VillageFile[];
  letters: number;
  /** The archive's name to save it under, and its size. */
  filename: string;
  bytes: number;
  expiresAt: string;
}

export function invitationsJob(
  receipts: ReceiptsService,
  settings: {
    dir: string;
    ttlHours: number | undefined;
    now: () => Date;
    /** Villages written at once, each on its own worker thread (INVITATION_THREADS); 1: in the job's thread. */
    threads?: number;
  },
): JobKind<InvitationJobParams> {
  const ttlMs = (settings.ttlHours ?? 24) * 3_600_000;
  const archiveOf = (job: string) => join(settings.dir, `${job}.zip`);

  /** Removes the directories and archives of jobs older than the retention. */
  async function sweep(): Promise<void> {
    const names = await readdir(settings.dir).catch(() => [] as string[]);
    const limit = settings.now().getTime() - ttlMs;
    for (const name of names) {
      if (!JOB_ID.test(name.replace(/\.zip(\.part)?$/, ''))) continue;
      const path = join(settings.dir, name);
      const s = await stat(path).catch(() => null);
      if (s && s.mtimeMs < limit) await rm(path, { recursive: true, force: true });
    }
  }

  return {
    kind: DISTRIBUTION_INVITATIONS,
    // Staff who read distribution; of the partners, PT Pos (who prints them for its points), not procurement.
    authorize: (actor) =>
      requirePermission(actor, isPartner(actor.role) ? 'distribution.clean' : 'distribution.read'),
    partners: true,
    params: InvitationJobParams,
    check: (actor, params) => receipts.checkInvitations(actor, params.batchId),
    label: label('job_kind.distribution_invitations'),
    async run(ctx) {
      await mkdir(settings.dir, { recursive: true });
      await sweep();
      const { batchId, village } = ctx.params;
      const villages = (await receipts.invitationVillages(ctx.actor, batchId)).filter(
        (v) => !village || v.code === village,
      );
      if (village && villages.length === 0) throw notFound(label('record.region'));
      const dir = join(settings.dir, ctx.id);
      await mkdir(dir, { recursive: true });
      const done = new Map<string, VillageFile>();
      for (const f of (ctx.resume as Checkpoint | null)?.files ?? []) {
        const size = await stat(join(dir, `${f.village}.pdf`)).then(
          (s) => s.size,
          () => -1,
        );
        if (size === f.bytes) done.set(f.village, f);
      }
      // What a killed earlier attempt left half-written goes; its villages are written again below.
      for (const name of await readdir(dir)) {
        if (name.endsWith('.part')) await rm(join(dir, name), { force: true });
      }
      const progress = () => ({ phase: 'invitations', done: done.size, total: villages.length });
      const todo = villages.filter((v) => !done.has(v.code));
      const createdAt = settings.now();
      const signer = receipts.signer();
      const lanes = Math.max(1, Math.min(settings.threads ?? 1, todo.length));
      const writer = lanes > 1 ? threadWriter(signer, lanes) : inThreadWriter(signer);
      // The first failure (or a stopped job) ends the villages being written on the other threads.
      const abort = new AbortController();
      const stopped = () => abort.abort(new JobStopped('stopping'));
      ctx.signal?.addEventListener('abort', stopped);
      let failure: unknown = null;
      let saved: Promise<void> = Promise.resolve();
      const lane = async () => {
        for (let v = todo.shift(); v && failure === null; v = todo.shift()) {
          const { fileName, file, lines } = await receipts.invitations(ctx.actor, batchId, v.code, createdAt);
          const part = join(dir, `${v.code}-${ctx.attempt}.pdf.part`);
          const letters = await writer.write(part, file, lines(), abort.signal);
          const final = join(dir, `${v.code}.pdf`);
          await rename(part, final);
          done.set(v.code, { village: v.code, name: fileName, letters, bytes: (await stat(final)).size });
          // One checkpoint at a time, each with every village finished so far.
          saved = saved.then(() =>
            ctx.checkpoint(progress(), { files: [...done.values()] } satisfies Checkpoint),
          );
          await saved;
        }
      };
      try {
        await Promise.allSettled(
          Array.from({ length: writer.lanes }, () =>
            lane().catch((err: unknown) => {
              failure ??= err;
              abort.abort(err);
            }),
          ),
        );
      } finally {
        ctx.signal?.removeEventListener('abort', stopped);
        await writer.close();
      }
      if (failure !== null) {
        if (failure instanceof JobStopped && failure.reason === 'cancelled')
          await rm(dir, { recursive: true, force: true });
        throw failure;
      }
      const files = villages.map((v) => done.get(v.code)!);
      const name = files[0]
        ? files[0].name.replace(/-\d{2}\.\d{2}\.\d{2}\.\d{4}\.pdf$/, '.zip')
        : `undangan-${batchId}.zip`;
      const zip = new yazl.ZipFile();
      for (const f of files) zip.addFile(join(dir, `${f.village}.pdf`), f.name, { compress: false });
      zip.end();
      const partZip = `${archiveOf(ctx.id)}.${ctx.attempt}.part`;
      await finished(zip.outputStream.pipe(createWriteStream(partZip)));
      await rename(partZip, archiveOf(ctx.id));
      return {
        batchId,
        files,
        letters: files.reduce((s, f) => s + f.letters, 0),
        filename: name,
        bytes: (await stat(archiveOf(ctx.id))).size,
        expiresAt: new Date(settings.now().getTime() + ttlMs).toISOString(),
      } satisfies InvitationJobResult;
    },
    resultFile(result, job) {
      const r = result as InvitationJobResult;
      return {
        mime: 'application/zip',
        name: r.filename,
        async open() {
          if (Date.parse(r.expiresAt) < settings.now().getTime()) return null;
          const path = archiveOf(job.id);
          const size = await stat(path).then(
            (s) => s.size,
            () => -1,
          );
          return size < 0 ? null : { stream: createReadStream(path), size };
        },
        audit: {
          action: 'distribution.invitations',
          entityType: 'distribution_batch',
          entityId: r.batchId,
          regionCode: job.regionCode,
          details: { job: job.id, villages: r.files.map((f) => f.village), letters: r.letters },
        },
      };
    },
  };
}
