/**
 * Pure helpers of the proposal forms: the correction body (only what changed, per household and per member)
 * and the mapping of the API's issue paths onto the form's inputs. A proposal nests the household under
 * `household.` (baru) or names changes by their position in `memberChanges` (perbaikan); the inputs are the
 * shared household form's (`kkNumber`, `members.2.nik`), so the paths are rewritten before display.
 */
import type { Lang } from '../../../../../src/domain/errors.ts';
import { ApiError } from '../../../api/client.ts';
import type { Translate } from '../../../i18n/index.tsx';
import { type FieldErrors, mergeErrors } from '../../../lib/form-errors.ts';
import {
  changedOnly,
  type HouseholdValues,
  householdBody,
  type MemberValues,
  memberBody,
  memberProblems,
  prefixed,
} from '../../../lib/household-form.ts';

/** A copy of `err` whose issue paths went through `map` (anything else is returned as it is). */
export function remapIssues(err: unknown, map: (field: string) => string): unknown {
  if (!(err instanceof ApiError) || err.issues.length === 0) return err;
  return new ApiError(err.status, {
    ...err.problem,
    errors: err.issues.map((i) => ({ ...i, field: map(i.field) })),
  });
}

/**
 * Takes the issues about `field` out of an answer (e.g. `householdId`: the chosen household is already in
 * an open proposal), to show them as a message of their own; `rest` is null when nothing else remains.
 */
export function splitIssues(err: unknown, field: string): { rest: unknown; lifted: string[] } {
  if (!(err instanceof ApiError)) return { rest: err, lifted: [] };
  const lifted = err.issues.filter((i) => i.field === field).map((i) => i.message);
  if (lifted.length === 0) return { rest: err, lifted };
  const others = err.issues.filter((i) => i.field !== field);
  return {
    rest: others.length ? new ApiError(err.status, { ...err.problem, errors: others }) : null,
    lifted,
  };
}

/** `household.members.2.nik` → `members.2.nik`, `household.kkNumber` → `kkNumber`. */
export function baruField(field: string): string {
  return field.startsWith('household.') ? field.slice('household.'.length) : field;
}

/**
 * `changes.address` → `address`; `memberChanges.1.nik` → `members.<i>.nik` where `i` is the position on the
 * form of the member sent second (`memberIndex[1]`).
 */
export function perbaikanField(field: string, memberIndex: readonly number[]): string {
  if (field.startsWith('changes.')) return field.slice('changes.'.length);
  const m = /^memberChanges\.(\d+)(\..*)?$/.exec(field);
  const i = m ? memberIndex[Number(m[1])] : undefined;
  return m && i !== undefined ? `members.${i}${m[2] ?? ''}` : field;
}

export interface MemberEdit {
  personId: string;
  before: MemberValues;
  after: MemberValues;
}

export interface CorrectionBody {
  changes: Record<string, unknown>;
  memberChanges: ({ personId: string } & Record<string, unknown>)[];
  /** For each entry of `memberChanges`, the member's position on the form. */
  memberIndex: number[];
  /** Inputs that cannot be sent (not a number, a required answer emptied, a bad NIK). */
  errors: FieldErrors;
}

/** A correction proposal: the household fields and, per member, only the fields that differ from DTKS. */
export function correctionBody(
  before: HouseholdValues,
  after: HouseholdValues,
  members: readonly MemberEdit[],
  t: Translate,
  lang: Lang,
): CorrectionBody {
  const base = householdBody(before, t).body;
  const edited = householdBody(after, t);
  const errors: FieldErrors[] = [edited.errors];
  const changes = changedOnly(base, edited.body);
  for (const field of Object.keys(edited.errors)) delete changes[field];
  const memberChanges: CorrectionBody['memberChanges'] = [];
  const memberIndex: number[] = [];
  members.forEach((m, i) => {
    const diff = changedOnly(
      memberBody(m.before) as unknown as Record<string, unknown>,
      memberBody(m.after) as unknown as Record<string, unknown>,
    );
    if (Object.keys(diff).length === 0) return;
    errors.push(prefixed(memberProblems(m.after, t, lang), `members.${i}.`));
    memberChanges.push({ personId: m.personId, ...diff });
    memberIndex.push(i);
  });
  return { changes, memberChanges, memberIndex, errors: mergeErrors(...errors) };
}

/** How many answers a correction changes (household fields plus member fields). */
export function countChanges(body: Pick<CorrectionBody, 'changes' | 'memberChanges'>): number {
  return (
    Object.keys(body.changes).length + body.memberChanges.reduce((n, mc) => n + Object.keys(mc).length - 1, 0)
  );
}
