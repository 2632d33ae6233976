/**
 * The outcomes of a Musdes/Muskel session (DOMAIN.md §5.2): one per prelist row while the session is open;
 * on closing, what they mean for proposals (accepted / not accepted, new proposals from decisions on existing
 * records); on reopening, that undone. Every write runs inside the caller's transaction.
 */
import type { Kysely } from 'kysely';
import type { DB, MusdesSessionRow } from '../../db/schema/index.ts';
import {
  isAccepted,
  noteRequired,
  type Outcome,
  outcomeIssue,
  proposalFromDecision,
  type RowKind,
} from '../../domain/cycle/musdes.ts';
import { AppError, type FieldIssue, issue, validationError } from '../../domain/errors.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { UsulanRepository } from '../usulan/usulan.repository.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import { PAGE } from './musdes.prelist.ts';
import type { MusdesRepository, PrelistRow } from './musdes.repository.ts';
import type { BulkDecision, RowDecision } from './musdes.schemas.ts';

export class MusdesDecisions {
  readonly #repo: MusdesRepository;
  readonly #usulan: UsulanService;
  readonly #usulanRepo: UsulanRepository;
  readonly #audit: AuditService;
  readonly #now: () => Date;

  constructor(deps: {
    repo: MusdesRepository;
    usulan: UsulanService;
    usulanRepo: UsulanRepository;
    audit: AuditService;
    now: () => Date;
  }) {
    this.#repo = deps.repo;
    this.#usulan = deps.usulan;
    this.#usulanRepo = deps.usulanRepo;
    this.#audit = deps.audit;
    this.#now = deps.now;
  }

  /** One row's outcome (the session is open; the caller checked it): validated, stored, audited. */
  async decide(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow, r: PrelistRow, input: RowDecision) {
    const errors = await this.#check(trx, r, input.outcome, input.note);
    if (errors.length) throw validationError(errors);
    const patch = {
      outcome: input.outcome,
      note: input.note ?? null,
      decidedBy: actor.userId,
      decidedAt: this.#now().toISOString(),
    };
    await this.#repo.decide(trx, r.id, patch);
    await this.#audit.record(trx, actor, {
      action: 'musdes.decide',
      entityType: 'musdes',
      entityId: s.id,
      regionCode: s.villageCode,
      details: { rowId: r.id, rowNo: r.rowNo, outcome: input.outcome, previous: r.outcome, note: patch.note },
    });
    return { ...r, ...patch };
  }

  /** One outcome for every undecided existing record (the "all remaining → tetap" button). */
  async decideUndecided(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow, input: BulkDecision) {
    const n = await this.#repo.decideUndecidedExisting(trx, s.id, {
      outcome: input.outcome,
      note: input.note ?? null,
      decidedBy: actor.userId,
      decidedAt: this.#now().toISOString(),
    });
    await this.#audit.record(trx, actor, {
      action: 'musdes.decide_bulk',
      entityType: 'musdes',
      entityId: s.id,
      regionCode: s.villageCode,
      details: { outcome: input.outcome, filter: input.filter, rows: n, note: input.note ?? null },
    });
    return n;
  }

  /** Closing's effects on proposals, walking only the rows that have any. */
  async apply(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow) {
    let after = 0;
    let accepted = 0;
    let rejected = 0;
    let created = 0;
    const skippedWithdrawn: number[] = [];
    for (;;) {
      const page = await this.#repo.rowsToApply(trx, s.id, after, PAGE);
      if (!page.length) break;
      for (const r of page) {
        after = r.rowNo;
        const outcome = r.outcome as Outcome;
        const note = r.note ?? undefined;
        if (r.source === 'usulan') {
          if (r.usulanState === 'withdrawn') {
            skippedWithdrawn.push(r.rowNo);
            continue;
          }
          const ok = isAccepted(r.kind as Exclude<RowKind, 'existing'>, outcome);
          await this.#usulan.advance(trx, actor, r.usulanId!, ok ? 'musdes_accept' : 'musdes_reject', {
            note,
            musdesSessionId: s.id,
          });
          if (ok) accepted++;
          else rejected++;
          continue;
        }
        const kind = proposalFromDecision(outcome);
        if (!kind || !r.householdId) continue;
        const open = await this.#usulanRepo.openForHousehold(trx, r.householdId);
        if (open) {
          throw validationError([
            issue(`rows.${r.rowNo}`, 'musdes.household_already_proposed', {
              kind: open.kind,
              period: open.period,
              state: open.state,
            }),
          ]);
        }
        const u = await this.#usulan.createFromMusdes(trx, actor, {
          householdId: r.householdId,
          kind,
          period: s.period,
          sessionId: s.id,
          note: r.note,
        });
        await this.#repo.setRowProposal(trx, r.id, u.id);
        created++;
      }
    }
    return { accepted, rejected, created, skippedWithdrawn };
  }

  /**
   * Reopening's effects: proposals back to submitted, proposals created from decisions withdrawn. Refused
   * (nothing changed) when a proposal has moved on since the close.
   */
  async undo(trx: Kysely<DB>, actor: Actor, s: MusdesSessionRow) {
    let after = 0;
    let reopened = 0;
    let cancelled = 0;
    const blocked: string[] = [];
    for (;;) {
      const page = await this.#repo.rowsWithProposal(trx, s.id, after, PAGE);
      if (!page.length) break;
      for (const r of page) {
        after = r.rowNo;
        if (r.source === 'usulan') {
          if (r.usulanState === 'withdrawn') continue;
          if (r.usulanState !== 'musdes_accepted' && r.usulanState !== 'musdes_rejected') {
            blocked.push(`${r.rowNo} (${r.usulanState})`);
            continue;
          }
          await this.#usulan.advance(trx, actor, r.usulanId!, 'musdes_reopen', {
            note: 'Musdes dibuka kembali',
          });
          reopened++;
        } else {
          if (r.usulanState !== 'musdes_accepted') {
            blocked.push(`${r.rowNo} (${r.usulanState})`);
            continue;
          }
          await this.#usulan.advance(trx, actor, r.usulanId!, 'musdes_cancel', {
            note: 'Musdes dibuka kembali',
          });
          await this.#repo.setRowProposal(trx, r.id, null);
          cancelled++;
        }
      }
    }
    if (blocked.length) {
      throw new AppError(
        'state',
        'musdes.reopen_blocked',
        { blocked: blocked.join(', ') },
        { extra: { currentState: s.state, allowed: [] } },
      );
    }
    return { reopened, cancelled };
  }

  async #check(trx: Kysely<DB>, r: PrelistRow, outcome: Outcome, note: string | undefined) {
    const errors: FieldIssue[] = [];
    const bad = outcomeIssue(r.kind, outcome);
    if (bad) return [bad];
    if (noteRequired(r.kind, outcome) && !(note && note.length >= 3)) {
      errors.push(issue('note', 'musdes.note_required'));
    }
    if (r.source === 'existing' && proposalFromDecision(outcome) && r.householdId) {
      const open = await this.#usulanRepo.openForHousehold(trx, r.householdId);
      if (open) {
        errors.push(
          issue('outcome', 'musdes.household_already_proposed', {
            kind: open.kind,
            period: open.period,
            state: open.state,
          }),
        );
      }
    }
    return errors;
  }
}
