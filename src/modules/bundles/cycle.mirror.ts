/**
 * The update-cycle records of a working set mirrored into an offline installation (docs/bundles.md): open
 * proposals, assigned visits, open Musdes sessions and their rows, written into the installation's own
 * tables with the online ids and versions, so its operators work on them with the usual screens and
 * services. What arrived is noted in `offline_mirror` (migration 059): the field-changes export compares the
 * records with it to find what was recorded here since, and on which version.
 *
 * Per record: absent here → created; stored and not changed here since it was mirrored, and the bundle's is
 * newer → written over it (updated); otherwise unchanged — work recorded here is never overwritten by a
 * working set (it travels back as a change, and the online registry reports a conflict if both changed).
 * A proposal made here is noted when the field-changes export sends it (migration 061: the local version
 * sent, the online version the change leaves there); a working set takes it over only while it is still
 * the one sent (`takesOver`). Versions of the two databases are never compared. A Musdes row decided here
 * and sent is taken over once the online row was decided after the last change sent arrived there
 * (`rowTakenOver`, by the applied change ids the working set lists).
 * Visits keep their officer: assigned to the local account of the same username when there is one.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import type { OfflineMirrorRow } from '../../db/schema/bundles.table.ts';
import type {
  DB,
  MusdesRowTable,
  MusdesSessionTable,
  OfflineMirrorTable,
  RegionColumns,
  UsulanTable,
  VisitTable,
} from '../../db/schema/index.ts';
import { ChangeChain } from '../sync/sync.schemas.ts';
import type { WorkingSetStatus } from './bundles.service.ts';

export const CYCLE_TYPES = new Set(['usulan', 'visit', 'musdes', 'musdes_row', 'user']);

type Data = Record<string, unknown>;
type MirrorKind = 'usulan' | 'visit' | 'musdes' | 'musdes_row';

export function regionColumns(villageCode: string): RegionColumns {
  const [pp, kk, cc] = villageCode.split('.');
  return {
    provinceCode: pp!,
    regencyCode: `${pp}.${kk}`,
    districtCode: `${pp}.${kk}.${cc}`,
    villageCode,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** Mirrors one batch of cycle records (one type at a time is fine; order across types does not matter). */
export async function mirrorCycle(
  db: Kysely<DB>,
  records: readonly { type: string; data: Data }[],
  ctx: { bundleId: string; now: string },
): Promise<Map<string, WorkingSetStatus>> {
  const statuses = new Map<string, WorkingSetStatus>();
  if (!records.length) return statuses;
  const byType = Map.groupBy(records, (r) => r.type);
  await db.transaction().execute(async (trx) => {
    const mirror = async (
      rows: Omit<OfflineMirrorTable, 'bundleId' | 'mirroredAt' | 'localVersion' | 'sentBase' | 'sentChain'>[],
    ) => {
      for (const r of rows)
        await trx
          .insertInto('offlineMirror')
          .values({
            ...r,
            localVersion: null,
            sentBase: null,
            sentChain: null,
            bundleId: ctx.bundleId,
            mirroredAt: ctx.now,
          })
          .onConflict((oc) =>
            oc.columns(['kind', 'id']).doUpdateSet({
              version: r.version,
              outcome: r.outcome,
              username: r.username,
              localVersion: null,
              sentBase: null,
              sentChain: null,
              bundleId: ctx.bundleId,
              mirroredAt: ctx.now,
            }),
          )
          .execute();
    };
    const users = (byType.get('user') ?? []).map((r) => r.data);
    await mirror(
      users.map((u) => ({
        kind: 'user',
        id: String(u.id),
        version: 0,
        outcome: null,
        username: str(u.username),
      })),
    );
    for (const u of users) statuses.set(`user:${u.id}`, 'unchanged');

    const mirrored = async (kind: MirrorKind, ids: string[]) =>
      ids.length
        ? new Map(
            (
              await trx
                .selectFrom('offlineMirror')
                .selectAll()
                .where('kind', '=', kind)
                .where('id', 'in', ids)
                .execute()
            ).map((m) => [m.id, m]),
          )
        : new Map();

    // Versioned records: proposals, visits, sessions.
    const versioned: {
      kind: MirrorKind & ('usulan' | 'visit' | 'musdes');
      table: 'usulan' | 'visits' | 'musdesSessions';
      row: (d: Data) => Promise<UsulanTable | VisitTable | MusdesSessionTable>;
    }[] = [
      { kind: 'usulan', table: 'usulan', row: async (d) => usulanRow(d) },
      { kind: 'visit', table: 'visits', row: (d) => visitRow(trx, d) },
      { kind: 'musdes', table: 'musdesSessions', row: async (d) => sessionRow(d) },
    ];
    for (const v of versioned) {
      const list = (byType.get(v.kind) ?? []).map((r) => r.data);
      if (!list.length) continue;
      const ids = list.map((d) => String(d.id));
      const stored = new Map(
        (await trx.selectFrom(v.table).select(['id', 'version']).where('id', 'in', ids).execute()).map(
          (r) => [r.id, r.version],
        ),
      );
      const mirroredRows = await mirrored(v.kind, ids);
      for (const d of list) {
        const id = String(d.id);
        const version = Number(d.version);
        const here = stored.get(id);
        const seen = mirroredRows.get(id);
        let status: WorkingSetStatus = 'unchanged';
        if (here === undefined) {
          await trx
            .insertInto(v.table)
            .values((await v.row(d)) as never)
            .execute();
          status = 'created';
        } else if (seen && (await takesOver(trx, v.kind, seen, here, version, d))) {
          const { id: _id, createdAt: _c, createdBy: _b, ...patch } = await v.row(d);
          await trx
            .updateTable(v.table)
            .set(patch as never)
            .where('id', '=', id)
            .execute();
          status = 'updated';
        }
        // A record made here and not sent yet (no note) stays as it is, and so does one changed here since
        // it was mirrored or sent: it travels back as a change (versions of the two databases are never
        // compared).
        if (status !== 'unchanged')
          await mirror([{ kind: v.kind, id, version, outcome: null, username: null }]);
        statuses.set(`${v.kind}:${id}`, status);
      }
    }

    // Musdes rows: by outcome (a row has no version of its own).
    const rows = (byType.get('musdes_row') ?? []).map((r) => r.data);
    if (rows.length) {
      const ids = rows.map((d) => String(d.id));
      const stored = new Map(
        (
          await trx
            .selectFrom('musdesRows')
            .select(['id', 'outcome', 'note'])
            .where('id', 'in', ids)
            .execute()
        ).map((r) => [r.id, r]),
      );
      const seen = await mirrored('musdes_row', ids);
      const sessions = new Map(
        (
          await trx
            .selectFrom('musdesSessions')
            .select(['id', 'provinceCode'])
            .where('id', 'in', [...new Set(rows.map((d) => String(d.sessionId)))])
            .execute()
        ).map((s) => [s.id, s.provinceCode]),
      );
      for (const d of rows) {
        const id = String(d.id);
        const outcome = str(d.outcome);
        const here = stored.get(id);
        const before = seen.get(id);
        let status: WorkingSetStatus = 'unchanged';
        if (!here) {
          const province = sessions.get(String(d.sessionId));
          if (!province) {
            statuses.set(`musdes_row:${id}`, 'skipped');
            continue;
          }
          await trx.insertInto('musdesRows').values(musdesRowRow(d, province)).execute();
          status = 'created';
        } else if (before && rowTakenOver(before, here, d)) {
          await trx
            .updateTable('musdesRows')
            .set({ outcome, note: str(d.note), decidedAt: str(d.decidedAt), decidedBy: null })
            .where('id', '=', id)
            .execute();
          status = 'updated';
        }
        // Decided here and sent, and the bundle has it as decided here: it arrived; mirrored as it is now,
        // so it is not sent again (a later decision here goes out against it).
        const arrived =
          status === 'unchanged' &&
          before?.sentChain != null &&
          here !== undefined &&
          outcome === here.outcome &&
          str(d.note) === (here.note ?? null);
        if (status !== 'unchanged' || arrived)
          await mirror([{ kind: 'musdes_row', id, version: 0, outcome, username: null }]);
        statuses.set(`musdes_row:${id}`, status);
      }
    }
  });
  return statuses;
}

/**
 * Whether the bundle's Musdes row is written over the one stored here. Mirrored and not decided here since
 * (nothing sent, the outcome still the one mirrored): when the bundle's outcome differs. Decided here and sent
 * (`sentChain`), and not decided here since the last change sent: when that change arrived online (the working
 * set's `syncChanges`, the ids of the changes applied to the row there) and the row there differs from it —
 * decided online after it, like a proposal whose online version moved past the one the sent change leaves.
 * Otherwise the decision made here is kept (a decision back to the mirrored outcome too) and sent again:
 * applied on what arrived of the chain, or reported online as a conflict with a decision made there.
 */
function rowTakenOver(
  before: OfflineMirrorRow,
  here: { outcome: string | null; note: string | null },
  d: Data,
): boolean {
  const outcome = str(d.outcome);
  if (before.sentChain === null) return here.outcome === before.outcome && outcome !== here.outcome;
  const last = ChangeChain.parse(JSON.parse(before.sentChain)).changes.at(-1);
  if (!last || here.outcome !== (last.outcome ?? null)) return false;
  const arrived = Array.isArray(d.syncChanges) && d.syncChanges.includes(last.id);
  return arrived && (outcome !== here.outcome || str(d.note) !== (here.note ?? null));
}

/**
 * Whether the bundle's record is written over the one stored here. Mirrored and not changed here since
 * (`here` still the version mirrored): when the bundle's is newer. A proposal sent from here and not changed
 * here since (`here` still the local version sent): when the online one moved past the version the sent
 * change leaves there, or is at it with the content sent (the change was applied) — an online version equal
 * to it with other content may be an online edit the sent change was refused against as a conflict, and the
 * work recorded here is kept (it is sent again; the online registry keeps reporting the conflict).
 */
async function takesOver(
  db: Kysely<DB>,
  kind: MirrorKind,
  seen: OfflineMirrorRow,
  here: number,
  version: number,
  d: Data,
): Promise<boolean> {
  if (seen.localVersion === null) return here === seen.version && version > here;
  if (here !== seen.localVersion) return false;
  if (version > seen.version) return true;
  if (version < seen.version || kind !== 'usulan') return false;
  const local = await db
    .selectFrom('usulan')
    .select(['kind', 'householdId', 'payload', 'reason'])
    .where('id', '=', String(d.id))
    .executeTakeFirstOrThrow();
  return (
    local.kind === d.kind &&
    local.householdId === str(d.householdId) &&
    local.reason === str(d.reason) &&
    isDeepStrictEqual(JSON.parse(local.payload), d.payload ?? {})
  );
}

function usulanRow(d: Data): UsulanTable {
  return {
    ...regionColumns(String(d.regionCode)),
    id: String(d.id),
    period: String(d.period),
    kind: d.kind as UsulanTable['kind'],
    state: String(d.state),
    householdId: str(d.householdId),
    kkNumber: String(d.kkNumber),
    headName: String(d.headName),
    payload: JSON.stringify(d.payload ?? {}),
    reason: str(d.reason),
    returnNote: str(d.returnNote),
    source: String(d.source),
    musdesSessionId: str(d.musdesSessionId),
    carriedFrom: str(d.carriedFrom),
    withdrawalNote: str(d.withdrawalNote),
    citizenAccountId: null,
    version: Number(d.version),
    createdAt: String(d.createdAt),
    createdBy: null,
    updatedAt: String(d.updatedAt),
    updatedBy: null,
  };
}

async function visitRow(db: Kysely<DB>, d: Data): Promise<VisitTable> {
  const officer = (d.assignedTo ?? {}) as { id?: string; username?: string };
  const local = officer.username
    ? await db.selectFrom('users').select('id').where('username', '=', officer.username).executeTakeFirst()
    : undefined;
  return {
    ...regionColumns(String(d.regionCode)),
    id: String(d.id),
    period: String(d.period),
    householdId: str(d.householdId),
    usulanId: str(d.usulanId),
    assignedTo: local?.id ?? String(officer.id),
    state: String(d.state),
    result: str(d.result),
    visitedAt: str(d.visitedAt),
    latitude: typeof d.latitude === 'number' ? d.latitude : null,
    longitude: typeof d.longitude === 'number' ? d.longitude : null,
    instrument: json(d.instrument),
    notes: str(d.notes),
    reviewNote: str(d.reviewNote),
    version: Number(d.version),
    createdAt: String(d.createdAt),
    createdBy: null,
    updatedAt: String(d.updatedAt),
    updatedBy: null,
  };
}

function sessionRow(d: Data): MusdesSessionTable {
  return {
    ...regionColumns(String(d.regionCode)),
    id: String(d.id),
    period: String(d.period),
    state: String(d.state),
    heldOn: str(d.heldOn),
    place: str(d.place),
    participants: JSON.stringify(d.participants ?? []),
    counts: json(d.counts),
    beritaAcaraId: null,
    signedScanId: null,
    version: Number(d.version),
    createdAt: String(d.createdAt ?? d.updatedAt),
    createdBy: null,
    updatedAt: String(d.updatedAt),
    updatedBy: null,
  };
}

function musdesRowRow(d: Data, provinceCode: string): MusdesRowTable {
  return {
    id: String(d.id),
    sessionId: String(d.sessionId),
    provinceCode,
    rowNo: Number(d.rowNo),
    source: d.source as MusdesRowTable['source'],
    householdId: str(d.householdId),
    usulanId: str(d.usulanId),
    kkNumber: String(d.kkNumber),
    headName: String(d.headName),
    memberCount: Number(d.memberCount),
    outcome: str(d.outcome),
    note: str(d.note),
    decidedBy: null,
    decidedAt: str(d.decidedAt),
  };
}
