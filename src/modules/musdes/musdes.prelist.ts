/**
 * The prelist of a Musdes/Muskel session (DOMAIN.md §5.2): generated when the session opens (the village's
 * active DTKS households, then the period's submitted proposals), extended by proposals that arrive while
 * it is open, and read back page by page for the documents. One record, one row, one outcome.
 */
import type { Kysely } from 'kysely';
import type { DB, MusdesRowRow, MusdesSessionRow, UsulanRow } from '../../db/schema/index.ts';
import { type Placement, placeProposal } from '../../domain/cycle/placement.ts';
import type { MusdesState } from '../../domain/lifecycle/machines.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import type { MusdesRepository, PrelistRow } from './musdes.repository.ts';

/** Rows inserted per statement when generating the prelist (14 columns: far below both engines' limits). */
const INSERT_BATCH = 1000;
/** Rows read per page when walking a session's rows. */
export const PAGE = 1000;
/** Proposal rows follow the existing records: new households, then corrections, then removals. */
const KIND_ORDER = ['baru', 'perbaikan', 'dikeluarkan'] as const;

export class MusdesPrelist {
  readonly #repo: MusdesRepository;
  readonly #usulan: UsulanService;
  readonly #audit: AuditService;

  constructor(deps: { repo: MusdesRepository; usulan: UsulanService; audit: AuditService }) {
    this.#repo = deps.repo;
    this.#usulan = deps.usulan;
    this.#audit = deps.audit;
  }

  /**
   * The prelist awal: the village's active households (RW, RT, name order), then the period's submitted
   * proposals. A household that is itself the subject of a submitted proposal appears once, as the proposal
   * row, so each record gets exactly one outcome. Read and written in pages: a village may hold thousands.
   */
  async generate(trx: Kysely<DB>, s: MusdesSessionRow) {
    const proposals = await this.#usulan.submittedFor(trx, s.villageCode, s.period);
    const proposed = new Set(proposals.flatMap((u) => (u.householdId ? [u.householdId] : [])));
    let rowNo = 0;
    let existing = 0;
    let batch: MusdesRowRow[] = [];
    const flush = async () => {
      await this.#repo.insertRows(trx, batch);
      batch = [];
    };
    let after = null;
    for (;;) {
      const page = await this.#repo.existingPage(trx, s.villageCode, after, PAGE);
      if (!page.length) break;
      after = page.at(-1)!;
      for (const h of page) {
        if (proposed.has(h.id)) continue;
        batch.push(
          newRow(s, ++rowNo, {
            source: 'existing',
            householdId: h.id,
            usulanId: null,
            kkNumber: h.kkNumber,
            headName: h.headName,
            memberCount: h.memberCount,
          }),
        );
        existing++;
        if (batch.length >= INSERT_BATCH) await flush();
      }
    }
    for (const row of await this.#proposalRows(trx, s, proposals, rowNo)) {
      batch.push(row);
      if (batch.length >= INSERT_BATCH) await flush();
    }
    rowNo += proposals.length;
    await flush();
    return { rows: rowNo, existing, proposals: proposals.length };
  }

  /**
   * Proposals that reach an open session after its prelist awal was generated (submitted late, or left out
   * before this rule existed): appended after the last row. A correction or removal of a household the
   * prelist already lists takes over that household's row, undecided again, so each record keeps exactly
   * one outcome. Audited on the session.
   */
  async append(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow, proposals: readonly UsulanRow[]) {
    if (proposals.length === 0) return 0;
    const fresh: UsulanRow[] = [];
    const tookOver: { rowNo: number; usulanId: string; previousOutcome: string | null }[] = [];
    for (const u of proposals) {
      const row = u.householdId ? await this.#repo.existingRowFor(trx, s.id, u.householdId) : undefined;
      if (row) {
        await this.#repo.rowBecomesProposal(trx, row.id, u.id);
        tookOver.push({ rowNo: row.rowNo, usulanId: u.id, previousOutcome: row.outcome });
      } else {
        fresh.push(u);
      }
    }
    const rows = await this.#proposalRows(trx, s, fresh, await this.#repo.maxRowNo(trx, s.id));
    await this.#repo.insertRows(trx, rows);
    await this.#audit.record(trx, actor, {
      action: 'musdes.add_proposals',
      entityType: 'musdes',
      entityId: s.id,
      regionCode: s.villageCode,
      details: {
        added: rows.map((r) => ({ rowNo: r.rowNo, usulanId: r.usulanId })),
        tookOver,
      },
    });
    return proposals.length;
  }

  /** Submitted proposals of the session's village and period that its prelist does not hold yet. */
  async appendMissing(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow) {
    const held = await this.#repo.usulanIdsIn(trx, s.id);
    const missing = (await this.#usulan.submittedFor(trx, s.villageCode, s.period)).filter(
      (u) => !held.has(u.id),
    );
    return this.append(trx, actor, s, missing);
  }

  /**
   * Where a proposal being submitted goes (src/domain/cycle/placement.ts): it waits for its village's
   * session of `period`, joins the open one's prelist now, or is carried over past a deliberation that is
   * over. Runs inside the submit's transaction (UsulanService), so the row and the proposal commit together.
   */
  async placeSubmitted(trx: Kysely<DB>, actor: Actor, u: UsulanRow, period: string): Promise<Placement> {
    const sessions = await this.#repo.villageSessionsFrom(trx, u.villageCode, period);
    const determined = new Set(await this.#repo.determinedFrom(trx, period));
    const placement = placeProposal(period, (p) => {
      const s = sessions.find((x) => x.period === p);
      return {
        sessionId: s?.id ?? null,
        sessionState: (s?.state as MusdesState | undefined) ?? null,
        determined: determined.has(p),
      };
    });
    if (placement.joinsSession) {
      const s = (await this.#repo.findSession(trx, placement.joinsSession))!;
      await this.append(trx, actor, s, [{ ...u, period: placement.period }]);
    }
    return placement;
  }

  /** Every row in number order, read page by page (for documents). */
  async *rows(db: Kysely<DB>, sessionId: string): AsyncGenerator<PrelistRow> {
    let after = 0;
    for (;;) {
      const page = await this.#repo.listRows(db, sessionId, { afterRowNo: after, limit: PAGE });
      if (!page.length) return;
      yield* page;
      after = page.at(-1)!.rowNo;
    }
  }

  /** Prelist rows for proposals, numbered from `after` + 1: new households, then corrections, then removals. */
  async #proposalRows(
    trx: Kysely<DB>,
    s: MusdesSessionRow,
    proposals: readonly UsulanRow[],
    after: number,
  ): Promise<MusdesRowRow[]> {
    const householdIds = proposals.flatMap((u) => (u.householdId ? [u.householdId] : []));
    const sizes = new Map(
      (await this.#repo.memberCounts(trx, householdIds)).map((h) => [h.id, h.memberCount] as const),
    );
    const ordered = [...proposals].sort(
      (a, b) =>
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.headName.localeCompare(b.headName, 'id'),
    );
    return ordered.map((u, n) =>
      newRow(s, after + n + 1, {
        source: 'usulan',
        householdId: u.householdId,
        usulanId: u.id,
        kkNumber: u.kkNumber,
        headName: u.headName,
        memberCount:
          u.kind === 'baru'
            ? ((JSON.parse(u.payload) as { household?: { members?: unknown[] } }).household?.members
                ?.length ?? 0)
            : (sizes.get(u.householdId ?? '') ?? 0),
      }),
    );
  }
}

/** An undecided prelist row of session `s`. */
function newRow(
  s: MusdesSessionRow,
  rowNo: number,
  r: Pick<MusdesRowRow, 'source' | 'householdId' | 'usulanId' | 'kkNumber' | 'headName' | 'memberCount'>,
): MusdesRowRow {
  return {
    id: newId(),
    sessionId: s.id,
    provinceCode: s.provinceCode,
    rowNo,
    outcome: null,
    note: null,
    decidedBy: null,
    decidedAt: null,
    ...r,
  };
}
