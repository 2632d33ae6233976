/**
 * The instrument an officer records at a visit, and what it means for the registry: the household shape
 * it becomes for a new-household proposal, and the changes (household fields, member fields, new members)
 * it makes to an existing household. Validation is the households module's own (`buildHousehold`), so a
 * visit, a proposal and a direct entry obey one set of rules. Pure: no queries.
 */
import { type FieldIssue, issue } from '../../domain/errors.ts';
import {
  HOUSEHOLD_CODED,
  HOUSEHOLD_FLAGS,
  HOUSEHOLD_NUMERIC,
  HOUSEHOLD_TEXT,
  MEMBER_CODED,
  MEMBER_NUMERIC,
} from '../households/household.fields.ts';
import { type BuildContext, buildHousehold } from '../households/households.builder.ts';
import { padRtRw } from '../households/households.mapper.ts';
import type { Household, HouseholdCreate, MemberInput } from '../households/households.schemas.ts';
import type { VisitInstrument } from './verivali.schemas.ts';

export interface Gps {
  latitude: number;
  longitude: number;
}

const HOUSEHOLD_KEYS = [
  'kkNumber',
  'rw',
  'rt',
  'address',
  ...HOUSEHOLD_CODED,
  ...HOUSEHOLD_NUMERIC,
  ...HOUSEHOLD_FLAGS,
  ...HOUSEHOLD_TEXT,
] as const;
const MEMBER_KEYS = [
  'nik',
  'name',
  'birthPlace',
  'birthDate',
  'sex',
  'relationship',
  'pregnant',
  ...MEMBER_CODED,
  ...MEMBER_NUMERIC,
] as const;

/** The instrument as a household to create in `villageCode` (the visit's village: never moved by a visit). */
export function householdFromInstrument(i: VisitInstrument, villageCode: string, gps: Gps): HouseholdCreate {
  return {
    ...i.household,
    regionCode: villageCode,
    latitude: gps.latitude,
    longitude: gps.longitude,
    members: i.members.map(({ personId: _p, ...m }) => m),
  };
}

/** An existing household as an instrument to start from (members keep their person ids). */
export function instrumentFromHousehold(h: Household): VisitInstrument {
  const household: Record<string, unknown> = {};
  for (const k of HOUSEHOLD_KEYS) household[k] = h[k as keyof Household];
  household.rw = String(Number(h.rw));
  household.rt = String(Number(h.rt));
  return {
    household: household as VisitInstrument['household'],
    members: h.members
      .filter((m) => m.status === 'active')
      .map((m) => {
        const out: Record<string, unknown> = { personId: m.id };
        for (const k of MEMBER_KEYS) out[k] = m[k as keyof typeof m];
        return out as VisitInstrument['members'][number];
      }),
  };
}

/** Moves a buildHousehold issue (`members.2.nik`, `floorMaterial`) to its place in the visit request. */
function visitField(field: string): string {
  if (field === 'latitude' || field === 'longitude') return field;
  if (field === 'members' || field.startsWith('members.')) return `instrument.${field}`;
  return `instrument.household.${field}`;
}

/**
 * Checks an instrument with the household rules. `existing` is the household visited (null for a new one):
 * its members are referred to by `personId`, and members it has that the instrument leaves out are a
 * warning (they stay as they are).
 */
export function checkInstrument(
  i: VisitInstrument,
  villageCode: string,
  gps: Gps,
  ctx: BuildContext,
  existing: Household | null,
): { errors: FieldIssue[]; warnings: FieldIssue[] } {
  const built = buildHousehold(householdFromInstrument(i, villageCode, gps), ctx);
  const errors = built.errors.map((e) => ({ ...e, field: visitField(e.field) }));
  const warnings = built.warnings.map((w) => ({ ...w, field: visitField(w.field) }));
  const active = existing?.members.filter((m) => m.status === 'active') ?? [];
  const seen = new Set<string>();
  i.members.forEach((m, n) => {
    if (m.personId === undefined) return;
    const field = `instrument.members.${n}.personId`;
    if (!existing || !active.some((a) => a.id === m.personId)) {
      errors.push(issue(field, 'visit.unknown_member'));
    } else if (seen.has(m.personId)) {
      errors.push(issue(field, 'visit.duplicate_member'));
    }
    seen.add(m.personId);
  });
  i.members.forEach((m, n) => {
    if (m.personId !== undefined) return;
    const same = active.find((a) => a.nik === m.nik);
    if (same) {
      errors.push(
        issue(`instrument.members.${n}.nik`, 'visit.member_already_in_household', { sameName: same.name }),
      );
    }
  });
  const unlisted = active.filter((a) => !seen.has(a.id));
  if (unlisted.length) {
    warnings.push(
      issue(
        'instrument.members',
        'visit.member_not_listed',
        { unlisted: unlisted.map((m) => m.name).join(', ') },
        'warning',
      ),
    );
  }
  return { errors, warnings };
}

export type MemberChange = { personId: string; previousHeadRelationship?: number } & Partial<MemberInput>;

export interface InstrumentChanges {
  /** Household fields that differ (HouseholdPatch / usulan `changes` shape). */
  changes: Record<string, unknown>;
  /** Per existing member, the fields that differ; a new head comes first, naming the former head's new role. */
  memberChanges: MemberChange[];
  /** Members the instrument adds. */
  memberAdds: MemberInput[];
}

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);

/**
 * What the recorded instrument changes in `h`. Fields the officer left out (undefined) are not changes;
 * the visit's GPS becomes the household's position.
 */
export function instrumentChanges(h: Household, i: VisitInstrument, gps: Gps): InstrumentChanges {
  const changes: Record<string, unknown> = {};
  const recorded = i.household as Record<string, unknown>;
  for (const k of HOUSEHOLD_KEYS) {
    const v = recorded[k];
    if (v === undefined) continue;
    const before = h[k as keyof Household];
    const differs = k === 'rw' || k === 'rt' ? padRtRw(String(v)) !== before : !same(v, before);
    if (differs) changes[k] = v;
  }
  if (!same(gps.latitude, h.latitude)) changes.latitude = gps.latitude;
  if (!same(gps.longitude, h.longitude)) changes.longitude = gps.longitude;

  const memberChanges: MemberChange[] = [];
  const memberAdds: MemberInput[] = [];
  for (const { personId, ...m } of i.members) {
    if (personId === undefined) {
      memberAdds.push(m);
      continue;
    }
    const current = h.members.find((x) => x.id === personId);
    if (!current) continue;
    const fields: Record<string, unknown> = {};
    for (const k of MEMBER_KEYS) {
      const v = (m as Record<string, unknown>)[k];
      if (v !== undefined && !same(v, current[k as keyof typeof current])) fields[k] = v;
    }
    if (Object.keys(fields).length) memberChanges.push({ personId, ...fields });
  }

  // Head replacement is one step in the registry: the new head's change carries the former head's new role.
  const newHead = memberChanges.find((c) => c.relationship === 1);
  const formerHead = h.members.find((m) => m.status === 'active' && m.relationship === 1);
  if (newHead && formerHead && formerHead.id !== newHead.personId) {
    const formerChange = memberChanges.find((c) => c.personId === formerHead.id);
    if (formerChange?.relationship !== undefined) {
      newHead.previousHeadRelationship = formerChange.relationship;
      delete formerChange.relationship;
    }
    const ordered = [newHead, ...memberChanges.filter((c) => c !== newHead)].filter(
      (c) => Object.keys(c).length > 1 || c === newHead,
    );
    return { changes, memberChanges: ordered, memberAdds };
  }
  return { changes, memberChanges, memberAdds };
}

export function hasChanges(c: InstrumentChanges): boolean {
  return Object.keys(c.changes).length > 0 || c.memberChanges.length > 0 || c.memberAdds.length > 0;
}
