/**
 * What each kind of usulan must satisfy while it is drafted (DOMAIN.md §5.1): a new household (baru) is built
 * and checked like a registry household; a correction (perbaikan) names real members and changes that
 * validate; a removal (dikeluarkan) a known reason; every NIK and KK number they name is checked against DTKS,
 * open proposals and standing ineligibility — in detail inside the operator's territory, neutrally outside
 * it (identity-guard). UsulanService runs these inside the draft's transaction and stores the result.
 */
import type { Kysely } from 'kysely';
import type { DB, UsulanRow } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { MANDIRI_SOURCE } from '../../domain/citizen/self-proposal.ts';
import { AppError, type FieldIssue, issue, notFound, type Text } from '../../domain/errors.ts';
import { parseKk } from '../../domain/identifiers/parse-kk.ts';
import { validateHousehold } from '../../domain/instrument/validate.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import { isRemovalReason } from '../../domain/registry/removal-reasons.ts';
import { type Actor, isWithin } from '../access/actor.ts';
import type { IdentityCheck } from '../access/identity-guard.ts';
import { buildHousehold, checkMember } from '../households/households.builder.ts';
import type { HouseholdsRepository } from '../households/households.repository.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsulanRepository } from './usulan.repository.ts';
import type { UsulanCreate } from './usulan.schemas.ts';

const HOUSEHOLD: Text = label('record.household');

/** The columns of a proposal its kind decides (the rest — id, period, state, version, times — the service). */
export type DraftBase = Omit<
  UsulanRow,
  'id' | 'period' | 'kind' | 'state' | 'payload' | 'reason' | 'version' | 'createdAt' | 'updatedAt'
>;

export interface DraftParts {
  base: DraftBase;
  payload: Record<string, unknown>;
  /** The NIKs a new household's proposal reserves. */
  niks: string[];
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

export interface DraftContext {
  /** The proposal being edited (its own NIKs and household do not block it). */
  selfId: string | undefined;
  /** Where it comes from, kept across edits. */
  kept: { source: string; citizenAccountId: string | null };
  /** Where the write comes from now (a citizen's correction may only describe what is wrong). */
  source: string;
  region: Awaited<ReturnType<RegionsService['lookup']>>;
  now: string;
}

export class UsulanKindRules {
  readonly #repo: UsulanRepository;
  readonly #householdsRepo: HouseholdsRepository;
  readonly #now: () => Date;

  constructor(deps: { repo: UsulanRepository; householdsRepo: HouseholdsRepository; now: () => Date }) {
    this.#repo = deps.repo;
    this.#householdsRepo = deps.householdsRepo;
    this.#now = deps.now;
  }

  /** The proposal's columns and payload with every problem its kind has (nothing is written). */
  async check(
    trx: Kysely<DB>,
    actor: Actor,
    input: UsulanCreate,
    check: IdentityCheck,
    ctx: DraftContext,
  ): Promise<DraftParts> {
    const { selfId, kept, region, now } = ctx;
    let base: Omit<
      UsulanRow,
      'id' | 'period' | 'kind' | 'state' | 'payload' | 'reason' | 'version' | 'createdAt' | 'updatedAt'
    >;
    let payload: Record<string, unknown>;
    let niks: string[] = [];
    const errors: FieldIssue[] = [];
    const warnings: FieldIssue[] = [];
    if (input.kind === 'baru') {
      const built = buildHousehold(
        { ...input.household },
        {
          now,
          actorId: actor.userId,
          isKnownVillage: (c) => region(c)?.level === 4,
          isKnownDistrict: (c) => region(c)?.level === 3,
          today: this.#now(),
        },
      );
      errors.push(...built.errors.map((i) => ({ ...i, field: `household.${i.field}` })));
      warnings.push(...built.warnings.map((i) => ({ ...i, field: `household.${i.field}` })));
      const village = built.household.villageCode;
      if (village && !isWithin(actor, village)) errors.push(outside('household.regionCode'));
      niks = built.persons.map((p) => p.nik);
      if (errors.length === 0) {
        await this.#checkNiks(
          trx,
          check,
          niks.map((nik, n) => ({ nik, field: `household.members.${n}.nik` })),
          { village, household: null, usulan: selfId },
          errors,
        );
        await this.#checkKk(trx, check, built.household.kkNumber, 'household.kkNumber', null, errors);
      }
      base = draftBase(actor, kept, {
        villageCode: village,
        householdId: null,
        kkNumber: input.household.kkNumber,
        headName: built.household.headName,
      });
      payload = { household: input.household };
    } else {
      const h = await this.#householdsRepo.findById(trx, input.householdId);
      if (!h || !isWithin(actor, h.villageCode)) throw notFound(HOUSEHOLD);
      if (h.status !== 'active') {
        throw new AppError('state', 'usulan.household_removed', undefined, {
          extra: { currentState: h.status, allowed: [] },
        });
      }
      const open = await this.#repo.openForHousehold(trx, h.id, selfId);
      if (open)
        errors.push(
          issue('householdId', 'usulan.household_already_proposed', {
            kind: open.kind,
            period: open.period,
            state: open.state,
          }),
        );
      if (input.kind === 'perbaikan') {
        errors.push(...validateHousehold(input.changes as Record<string, unknown>, 'changes'));
        const members = await this.#householdsRepo.members(trx, h.id);
        input.memberChanges.forEach((mc, n) => {
          const current = members.find((m) => m.id === mc.personId && m.status === 'active');
          if (!current) {
            errors.push(issue(`memberChanges.${n}.personId`, 'usulan.unknown_member'));
            return;
          }
          const { personId: _p, ...fields } = mc;
          const merged = {
            nik: current.nik,
            name: current.name,
            birthDate: current.birthDate,
            sex: current.sex,
            relationship: current.relationship,
            ...fields,
          };
          const r = checkMember(merged, `memberChanges.${n}.`, {
            now,
            actorId: actor.userId,
            isKnownVillage: () => true,
            isKnownDistrict: (c) => region(c)?.level === 3,
            today: this.#now(),
          });
          errors.push(...r.errors);
          warnings.push(...r.warnings);
        });
        if (input.changes.kkNumber !== undefined && input.changes.kkNumber.trim() !== h.kkNumber) {
          const kk = parseKk(input.changes.kkNumber, {
            field: 'changes.kkNumber',
            isKnownDistrict: (c) => region(c)?.level === 3,
            today: this.#now(),
          });
          warnings.push(...kk.warnings);
          if (!kk.ok) errors.push(...kk.errors);
          else if (errors.length === 0)
            await this.#checkKk(trx, check, kk.value.kk, 'changes.kkNumber', h.id, errors);
        }
        const nikChanges = input.memberChanges.flatMap((mc, n) => {
          const current = members.find((m) => m.id === mc.personId);
          return mc.nik !== undefined && current && mc.nik !== current.nik
            ? [{ nik: mc.nik, field: `memberChanges.${n}.nik` }]
            : [];
        });
        if (nikChanges.length && errors.length === 0) {
          await this.#checkNiks(
            trx,
            check,
            nikChanges,
            { village: h.villageCode, household: h.id, usulan: selfId },
            errors,
          );
        }
        // A citizen may only describe what is wrong (the reason); the visit then records the truth.
        const described = ctx.source === MANDIRI_SOURCE;
        if (!described && Object.keys(input.changes).length === 0 && input.memberChanges.length === 0) {
          errors.push(issue('changes', 'usulan.no_changes'));
        }
        payload = { changes: input.changes, memberChanges: input.memberChanges };
      } else {
        if (!isRemovalReason(input.reasonCode)) {
          errors.push(issue('reasonCode', 'removal.invalid_reason', { code: input.reasonCode }));
        }
        payload = { reasonCode: input.reasonCode, note: input.note ?? null };
      }
      base = draftBase(actor, kept, {
        villageCode: h.villageCode,
        householdId: h.id,
        kkNumber: h.kkNumber,
        headName: h.headName,
      });
    }
    return { base, payload, niks, errors, warnings };
  }

  /**
   * NIKs the proposal names that DTKS, another open proposal or an ineligibility already holds. The
   * operator's own village is answered in detail; a holder outside the territory with the neutral issue.
   * `target.household` is the household a correction changes (its own records do not block it).
   */
  async #checkNiks(
    trx: Kysely<DB>,
    check: IdentityCheck,
    uses: { nik: string; field: string }[],
    target: { village: string; household: string | null; usulan?: string },
    errors: FieldIssue[],
  ) {
    const niks = uses.map((u) => u.nik);
    const use = (nik: string) => {
      const u = uses.find((x) => x.nik === nik)!;
      return { kind: 'nik' as const, value: nik, field: u.field };
    };
    for (const e of await this.#householdsRepo.nikEntries(trx, niks)) {
      if (e.householdId === target.household) continue;
      const hidden = check.hidden(use(e.nik), 'household_member', {
        entityType: 'household',
        id: e.householdId,
        villageCode: e.villageCode,
      });
      errors.push(
        hidden ??
          (e.villageCode === target.village
            ? issue(use(e.nik).field, 'usulan.nik_in_dtks', {
                advice: label(
                  target.household ? 'usulan.with_another_household' : 'usulan.propose_correction',
                ),
              })
            : issue(use(e.nik).field, 'usulan.nik_registered_elsewhere', { villageCode: e.villageCode })),
      );
    }
    for (const p of await this.#repo.openByNiks(trx, niks, target.usulan)) {
      const hidden = check.hidden(use(p.nik), 'open_usulan', {
        entityType: 'usulan',
        id: p.id,
        villageCode: p.villageCode,
      });
      errors.push(
        hidden ??
          issue(use(p.nik).field, 'usulan.nik_already_proposed', { period: p.period, state: p.state }),
      );
    }
    for (const x of await this.#repo.ineligibleByNiks(trx, niks)) {
      if (x.householdId === target.household) continue;
      const hidden = check.hidden(use(x.nik), 'ineligible', {
        entityType: 'household',
        id: x.householdId,
        villageCode: x.villageCode,
      });
      errors.push(
        hidden ?? issue(use(x.nik).field, 'usulan.ineligible', { period: x.period, reason: x.reason }),
      );
    }
  }

  /** A KK number an active DTKS household other than `self` holds: in detail inside the territory. */
  async #checkKk(
    trx: Kysely<DB>,
    check: IdentityCheck,
    kkNumber: string,
    field: string,
    self: string | null,
    errors: FieldIssue[],
  ) {
    const h = await this.#householdsRepo.activeByKk(trx, kkNumber);
    if (!h || h.id === self) return;
    const hidden = check.hidden({ kind: 'kk', value: kkNumber, field }, 'household_kk', {
      entityType: 'household',
      id: h.id,
      villageCode: h.villageCode,
    });
    errors.push(
      hidden ??
        issue(field, 'usulan.kk_in_dtks', {
          advice: self
            ? label('usulan.kk_other_household', { headName: h.headName, villageCode: h.villageCode })
            : label('usulan.propose_correction'),
        }),
    );
  }
}

/** A fresh draft's columns: where it is, whom it names, where it comes from. */
function draftBase(
  actor: Actor,
  kept: DraftContext['kept'],
  r: { villageCode: string; householdId: string | null; kkNumber: string; headName: string },
): DraftBase {
  return {
    ...regionOf(r.villageCode),
    householdId: r.householdId,
    kkNumber: r.kkNumber,
    headName: r.headName,
    returnNote: null,
    ...kept,
    musdesSessionId: null,
    carriedFrom: null,
    withdrawalNote: null,
    createdBy: actor.userId,
    updatedBy: actor.userId,
  };
}

export function regionOf(villageCode: string) {
  if (!villageCode || regionLevel(villageCode) !== 4) {
    return { provinceCode: '', regencyCode: '', districtCode: '', villageCode: '' };
  }
  const parts = villageCode.split('.');
  return {
    provinceCode: parts[0]!,
    regencyCode: parts.slice(0, 2).join('.'),
    districtCode: parts.slice(0, 3).join('.'),
    villageCode,
  };
}

function outside(field: string): FieldIssue {
  return issue(field, 'territory.outside');
}
