/**
 * The field changes an offline installation recorded in its own database since it mirrored its working set
 * (docs/bundles.md), in the sync format: proposals made or edited here (`usulan.draft`, each noted as sent
 * once the bundle is sealed: `OutgoingChange.sent`), mirrored visits
 * recorded here (`verivali.visit`) and mirrored Musdes rows decided here (`musdes.outcome`), each with the
 * version (or outcome) it was made on as noted in `offline_mirror` (cycle.mirror.ts), and the photos
 * attached here. A change's id is derived from the record's state, so exporting again before anything
 * changed gives the same ids: the online registry answers them unchanged. `recordedBy` names the online
 * account of the same username (the mirrored staff list) when there is one, else nobody (the importer).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, UsulanRow, VisitRow } from '../../db/schema/index.ts';
import type { Outcome } from '../../domain/cycle/musdes.ts';
import type { Actor } from '../access/actor.ts';
import type { AttachmentsService } from '../attachments/attachments.service.ts';
import { ChangeChain } from '../sync/sync.schemas.ts';
import type { OutgoingChange } from './bundles.service.ts';

const PAGE = 200;

/** A UUID (version 8, name-based) from the installation and what the change is: the same change, the same id. */
export function changeId(...parts: (string | number | null)[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export async function* localFieldChanges(
  d: { db: Kysely<DB>; attachments: AttachmentsService; installationId: string },
  actor: Actor,
  region: string,
): AsyncGenerator<OutgoingChange> {
  const { db } = d;
  const inRegion = (code: string) => region === '' || code === region || code.startsWith(`${region}.`);
  const onlineIds = new Map(
    (
      await db
        .selectFrom('users')
        .innerJoin('offlineMirror', (j) =>
          j.onRef('offlineMirror.username', '=', 'users.username').on('offlineMirror.kind', '=', 'user'),
        )
        .select(['users.id as localId', 'offlineMirror.id as onlineId'])
        .execute()
    ).map((r) => [r.localId, r.onlineId]),
  );
  const recordedBy = (localId: string | null) => (localId ? (onlineIds.get(localId) ?? null) : null);
  const photosOf = async (ownerId: string, kinds?: Set<string>) => {
    const out: { ref: string; name: string; kind?: string; bytes: Buffer }[] = [];
    for (const a of await d.attachments.listFor(db, ownerId)) {
      if (kinds && !kinds.has(a.kind)) continue;
      const opened = await d.attachments.open(actor, a.id, 'file');
      const chunks: Buffer[] = [];
      for await (const c of opened.stream) chunks.push(c as Buffer);
      out.push({ ref: a.sha256, name: a.originalName, kind: a.kind, bytes: Buffer.concat(chunks) });
    }
    return out;
  };

  // Proposals made here and not sent yet (base version 0, the id made here), sent and unchanged since (the
  // same change again: the online registry answers it as before), or edited here since mirrored or sent
  // (against the online version the note gives; never a version of this database).
  const proposals = byId((after) =>
    db
      .selectFrom('usulan')
      .leftJoin('offlineMirror', (j) =>
        j.onRef('offlineMirror.id', '=', 'usulan.id').on('offlineMirror.kind', '=', 'usulan'),
      )
      .selectAll('usulan')
      .select([
        'offlineMirror.version as mirroredVersion',
        'offlineMirror.localVersion as sentVersion',
        'offlineMirror.sentBase',
        'offlineMirror.sentChain',
      ])
      .where('usulan.id', '>', after)
      .where('usulan.source', '!=', 'mandiri')
      .orderBy('usulan.id')
      .limit(PAGE)
      .execute(),
  );
  for await (const u of proposals) {
    if (!inRegion(u.villageCode)) continue;
    let base: number;
    if (u.mirroredVersion === null) base = 0;
    else if (u.version !== (u.sentVersion ?? u.mirroredVersion)) base = u.mirroredVersion;
    else if (u.sentBase !== null) base = u.sentBase;
    else continue;
    const id = changeId(d.installationId, 'usulan.draft', u.id, u.version);
    const { after, chain } = chained(u.sentChain, id, {}, { baseVersion: base });
    const photos = await photosOf(u.id);
    yield {
      change: {
        id,
        kind: 'usulan.draft',
        targetId: u.id,
        baseVersion: base,
        ...(after ? { after } : {}),
        recordedAt: u.updatedAt,
        recordedBy: recordedBy(u.updatedBy),
        payload: {
          proposal: proposalOf(u),
          photos: photos.map((p) => ({ ref: p.ref, name: p.name, kind: p.kind })),
        },
      },
      photos: photos.map((p) => ({ ref: p.ref, bytes: p.bytes })),
      // Online, a creation leaves version 1 and an edit the next one (photos do not count).
      sent: { kind: 'usulan', id: u.id, version: base + 1, localVersion: u.version, sentBase: base, chain },
    };
  }

  // Mirrored visits recorded here.
  const visits = byId((after) =>
    db
      .selectFrom('visits')
      .innerJoin('offlineMirror', (j) =>
        j.onRef('offlineMirror.id', '=', 'visits.id').on('offlineMirror.kind', '=', 'visit'),
      )
      .selectAll('visits')
      .select('offlineMirror.version as mirroredVersion')
      .where('visits.id', '>', after)
      .where('visits.state', '=', 'visited')
      .orderBy('visits.id')
      .limit(PAGE)
      .execute(),
  );
  for await (const v of visits) {
    if (!inRegion(v.villageCode) || v.version <= v.mirroredVersion) continue;
    const photos = await photosOf(v.id, new Set(['visit_photo']));
    yield {
      change: {
        id: changeId(d.installationId, 'verivali.visit', v.id, v.version),
        kind: 'verivali.visit',
        targetId: v.id,
        baseVersion: v.mirroredVersion,
        recordedAt: v.visitedAt ?? v.updatedAt,
        recordedBy: recordedBy(v.updatedBy),
        payload: { ...visitRecord(v), photos: photos.map((p) => ({ ref: p.ref, name: p.name })) },
      },
      photos: photos.map((p) => ({ ref: p.ref, bytes: p.bytes })),
    };
  }

  // Mirrored Musdes rows decided here (their outcome differs from the mirrored one).
  const rows = byId((after) =>
    db
      .selectFrom('musdesRows')
      .innerJoin('musdesSessions', 'musdesSessions.id', 'musdesRows.sessionId')
      .innerJoin('offlineMirror', (j) =>
        j.onRef('offlineMirror.id', '=', 'musdesRows.id').on('offlineMirror.kind', '=', 'musdes_row'),
      )
      .select([
        'musdesRows.id',
        'musdesRows.sessionId',
        'musdesRows.outcome',
        'musdesRows.note',
        'musdesRows.decidedAt',
        'musdesRows.decidedBy',
        'musdesSessions.villageCode',
        'offlineMirror.outcome as mirroredOutcome',
        'offlineMirror.sentChain',
      ])
      .where('musdesRows.id', '>', after)
      .orderBy('musdesRows.id')
      .limit(PAGE)
      .execute(),
  );
  for await (const r of rows) {
    if (!inRegion(r.villageCode) || r.outcome === null) continue;
    if (r.sentChain === null && r.outcome === r.mirroredOutcome) continue;
    const id = changeId(d.installationId, 'musdes.outcome', r.id, r.outcome, r.decidedAt);
    const outcome = r.outcome as Outcome;
    const { after, chain, prior } = chained(
      r.sentChain,
      id,
      { outcome },
      {
        baseOutcome: r.mirroredOutcome as Outcome | null,
      },
    );
    yield {
      change: {
        id,
        kind: 'musdes.outcome',
        targetId: r.id,
        baseVersion: 0,
        recordedAt: r.decidedAt ?? '',
        recordedBy: recordedBy(r.decidedBy),
        payload: {
          sessionId: r.sessionId,
          outcome,
          ...(r.note ? { note: r.note } : {}),
          // Made on what the last decision sent from here decided, or on the outcome mirrored.
          baseOutcome: prior.length ? (prior.at(-1)!.outcome ?? null) : r.mirroredOutcome,
        },
        ...(after ? { after } : {}),
      },
      photos: [],
      sent: { kind: 'musdes_row', id: r.id, chain },
    };
  }
}

/**
 * A change to a record this installation sent changes of since it was mirrored (`sentChain`, noted when their
 * bundles were sealed): the earlier ones it follows (`after`, the change itself left out when it is sent
 * again) and the chain to note once this bundle is sealed (this change last). The first change of a chain
 * starts it with its own base. At most the last 1,000 are kept: with older ones left out, a record they
 * reached online while none of those kept did is reported as a conflict — never overwritten.
 */
function chained(
  sentChain: string | null,
  id: string,
  entry: { outcome?: Outcome },
  base: Omit<ChangeChain, 'changes'>,
): { after?: ChangeChain; chain: ChangeChain; prior: ChangeChain['changes'] } {
  const before = sentChain === null ? null : ChangeChain.parse(JSON.parse(sentChain));
  const prior = (before?.changes ?? []).filter((c) => c.id !== id).slice(-999);
  const { changes: _c, ...origin } = before ?? { changes: [], ...base };
  return {
    ...(prior.length ? { after: { changes: prior, ...origin } } : {}),
    chain: { changes: [...prior, { id, ...entry }], ...origin },
    prior,
  };
}

/** The rows `page` reads after each id, page by page in id order (never all at once). */
async function* byId<T extends { id: string }>(page: (after: string) => Promise<T[]>): AsyncGenerator<T> {
  let after = '';
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

/**
 * The body of `POST /usulan` a stored proposal was made from (its period left to the online window;
 * warnings were confirmed here).
 */
function proposalOf(u: UsulanRow): Record<string, unknown> {
  const payload = JSON.parse(u.payload) as Record<string, unknown>;
  switch (u.kind) {
    case 'baru':
      return { kind: 'baru', household: payload.household, reason: u.reason ?? '', confirmWarnings: true };
    case 'perbaikan':
      return {
        kind: 'perbaikan',
        householdId: u.householdId,
        changes: payload.changes ?? {},
        memberChanges: payload.memberChanges ?? [],
        reason: u.reason ?? '',
        confirmWarnings: true,
      };
    default:
      return {
        kind: 'dikeluarkan',
        householdId: u.householdId,
        reasonCode: payload.reasonCode,
        ...(payload.note ? { note: payload.note } : {}),
        ...(u.reason ? { reason: u.reason } : {}),
      };
  }
}

/** The body of `POST /visits/:id/record` (without the version) a recorded visit was made from. */
function visitRecord(v: VisitRow): Record<string, unknown> {
  return {
    result: v.result,
    latitude: v.latitude,
    longitude: v.longitude,
    ...(v.notes ? { notes: v.notes } : {}),
    ...(v.instrument ? { instrument: JSON.parse(v.instrument) } : {}),
    confirmWarnings: true,
  };
}
