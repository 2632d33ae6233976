import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect.ts';
import { GroupedRead } from '../../db/grouped-read.ts';
import type { DB, HouseholdRow, NikHolder, PersonRow } from '../../db/schema/index.ts';
import { decodeSnapshot, encodeSnapshot } from '../../db/version-snapshot.ts';
import {
  concealedOrder,
  IDENTITY_UNAVAILABLE,
  IdentityRace,
  probeLimitIssue,
} from '../../domain/access/identity.ts';
import { label } from '../../domain/catalogue.ts';
import {
  AppError,
  errorFrom,
  type FieldIssue,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { isWellFormedNik, parseNik } from '../../domain/identifiers/parse-nik.ts';
import { validateMember } from '../../domain/instrument/validate.ts';
import { foldedQueryMatchScore } from '../../domain/names/name-fold.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import { isRemovalReason, removalReason } from '../../domain/registry/removal-reasons.ts';
import { diffSnapshots, type HouseholdSnapshot } from '../../domain/registry/snapshot-diff.ts';
import type { HouseholdChange } from '../../domain/registry/version-changes.ts';
import { decodeCursor, decodeSortCursor, encodeCursor, encodeSortCursor } from '../../lib/cursor.ts';
import { isRecordId, newId, nowIso } from '../../lib/ids.ts';
import {
  type Actor,
  assertWithin,
  isWithin,
  REGION_COLUMN_BY_LEVEL,
  regionScope,
  requirePermission,
} from '../access/actor.ts';
import type { IdentityCheck, IdentityGuard } from '../access/identity-guard.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { DuplicateFinder } from '../duplicates/duplicates.finder.ts';
import type { RegionPathEntry, RegionsService } from '../regions/regions.service.ts';
import { type BuildContext, type BuiltHousehold, buildHousehold, checkMember } from './households.builder.ts';
import {
  foldName,
  householdColumns,
  householdFromRows,
  listItemFromRow,
  memberColumns,
  memberFromRow,
  searchForm,
} from './households.mapper.ts';
import type { HouseholdsRepository, NameCandidate, PersonWithHousehold } from './households.repository.ts';
import type {
  Household,
  HouseholdCreate,
  HouseholdListItem,
  HouseholdPatch,
  ListQuery,
  MemberAdd,
  MemberPatch,
  NameSearchQuery,
  Removal,
} from './households.schemas.ts';

const HOUSEHOLD: Text = label('record.household');
const PERSON: Text = label('record.person');

export type { RegionPathEntry } from '../regions/regions.service.ts';

export interface ImportRowResult {
  /** Caller's reference for the household (e.g. the CSV line numbers). */
  ref: string;
  /** `not_processed`: not checked at all, because the user reached the identity probe limit before it. */
  status: 'created' | 'unchanged' | 'rejected' | 'not_processed';
  id?: string;
  issues: FieldIssue[];
}

/** Lets another service's step (e.g. a Dinas Sosial approval) change households inside its own transaction. */
export interface WriteOptions {
  trx?: Kysely<DB>;
  /** With `trx`, for writes that check NIKs or KK numbers: the outer step's identity check (IdentityGuard). */
  identity?: IdentityCheck;
}

/** Below this match score a candidate of the tolerant search is not answered (one letter in four wrong). */
const TOLERANT_MIN_SCORE = 0.75;

export interface CountRow {
  code: string;
  name: string;
  households: number;
  persons: number;
}

export class HouseholdsService {
  readonly #db: Kysely<DB>;
  readonly #repo: HouseholdsRepository;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #identity: IdentityGuard;
  readonly #duplicates: DuplicateFinder | null;
  /** Where look-ups are round trips (PostgreSQL): NIK look-ups read with those that arrive together. */
  readonly #personsByNik: GroupedRead<PersonWithHousehold> | null;

  constructor(
    db: Kysely<DB>,
    repo: HouseholdsRepository,
    regions: RegionsService,
    audit: AuditService,
    identity: IdentityGuard,
    duplicates: DuplicateFinder | null = null,
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#regions = regions;
    this.#audit = audit;
    this.#identity = identity;
    this.#duplicates = duplicates;
    this.#personsByNik = repo.groupsLookups
      ? new GroupedRead((_, niks) => repo.personsByNiks(db, niks))
      : null;
  }

  // ---------------------------------------------------------------- reads

  async list(
    actor: Actor,
    query: ListQuery,
  ): Promise<{ items: HouseholdListItem[]; nextCursor: string | null; total: number | null }> {
    requirePermission(actor, 'registry.read');
    const first = query.cursor === undefined;
    const none = { items: [], nextCursor: null, total: first ? 0 : null };
    const requested = query.region ? this.#regions.normalize(query.region, 'region') : null;
    const scope = regionScope(actor, requested);
    if (scope === 'empty') return none;
    const q = query.q?.trim();
    const number = q && /^\d{16}$/.test(q) ? q : undefined;
    const name = q && !number ? searchForm(q) : undefined;
    // Names are searched in their folded form (punctuation removed), so a query of only `%`, `_` or other
    // punctuation matches no name; it must not fall through to an unfiltered list.
    if (q && !number && !name) return none;
    const byName = query.sort === 'name';
    const after = query.cursor
      ? byName
        ? decodeSortCursor(query.cursor)
        : { value: undefined, id: decodeCursor(query.cursor) }
      : undefined;
    const filter = {
      scope,
      rw: query.rw?.padStart(3, '0'),
      rt: query.rt?.padStart(3, '0'),
      status: query.status,
      name: name || undefined,
      number,
    };
    const { rows, total } = await this.#repo.list(
      this.#db,
      { ...filter, sort: query.sort, afterId: after?.id, afterName: after?.value, limit: query.limit + 1 },
      first,
    );
    const page = rows.slice(0, query.limit);
    const items = page.map(listItemFromRow);
    if (items.length) {
      await this.#audit.recordRead(actor, {
        action: 'household.list',
        entityType: 'household',
        regionCode: scope?.value ?? null,
        details: { query: { ...query, cursor: undefined }, ids: items.map((i) => i.id) },
        subjects: items.map((i) => i.id),
      });
    }
    const last = page.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? byName
          ? encodeSortCursor(last.headNameSearch, last.id)
          : encodeCursor(last.id)
        : null;
    return { items, nextCursor, total };
  }

  /**
   * Heads of household whose name matches `q` as typed or in another common spelling (Soewarno for
   * Suwarno, Sitti for Siti), best match first: the query's folded words against the best run of words of
   * each name (domain/names/name-fold.ts), exact spellings before folded ones at the same score, then in
   * the order the candidates' keys sort (registration order on SQLite, id on PostgreSQL). Candidates are
   * scored from their two name forms alone; only the answered page's households are read whole.
   */
  async searchNames(
    actor: Actor,
    query: NameSearchQuery,
  ): Promise<{ items: (HouseholdListItem & { score: number })[] }> {
    requirePermission(actor, 'registry.read');
    const requested = query.region ? this.#regions.normalize(query.region, 'region') : null;
    const scope = regionScope(actor, requested);
    const name = searchForm(query.q);
    const fold = foldName(query.q);
    if (scope === 'empty' || !name) return { items: [] };
    const filter = { scope, status: query.status, name, fold };
    const score = (c: NameCandidate) => ({
      key: c.key,
      score: foldedQueryMatchScore(fold, c.fold),
      exact: c.search.includes(name),
    });
    const scored = (await this.#repo.nameCandidates(this.#db, filter)).map(score);
    // A name with one letter wrong scores below 1 and is not an exact match: when the query's spellings
    // already fill the page with full scores, nothing it could find would be answered.
    if (scored.filter((r) => r.score === 1).length < query.limit) {
      const seen = new Set(scored.map((r) => r.key));
      for (const c of await this.#repo.similarNameCandidates(this.#db, filter))
        if (!seen.has(c.key)) scored.push(score(c));
    }
    const best = scored
      .filter((r) => r.exact || r.score >= TOLERANT_MIN_SCORE)
      .sort((a, b) => b.score - a.score || Number(b.exact) - Number(a.exact) || (a.key < b.key ? -1 : 1))
      .slice(0, query.limit);
    const rows = await this.#repo.householdsByKeys(
      this.#db,
      best.map((r) => r.key),
      scope,
      query.status,
    );
    const ranked = best.flatMap((r) => {
      const row = rows.get(r.key);
      return row ? [{ row, score: r.score }] : [];
    });
    const items = ranked.map((r) => ({
      ...listItemFromRow(r.row),
      score: Math.round(r.score * 1000) / 1000,
    }));
    if (items.length) {
      await this.#audit.recordRead(actor, {
        action: 'household.search',
        entityType: 'household',
        regionCode: scope?.value ?? null,
        details: { query, ids: items.map((i) => i.id) },
        subjects: items.map((i) => i.id),
      });
    }
    return { items };
  }

  /** With `opts.trx`, reads and audits inside the caller's transaction (used by other services' steps). */
  async get(
    actor: Actor,
    id: string,
    opts: WriteOptions = {},
  ): Promise<Household & { regionPath: RegionPathEntry[] }> {
    requirePermission(actor, 'registry.read');
    const db = opts.trx ?? this.#db;
    const h = await this.#visibleHousehold(db, actor, id);
    const members = await this.#repo.members(db, id);
    const event = {
      action: 'household.read',
      entityType: 'household',
      entityId: id,
      regionCode: h.villageCode,
    };
    if (opts.trx) await this.#audit.record(opts.trx, actor, event);
    else await this.#audit.recordRead(actor, event);
    return { ...householdFromRows(h, members), regionPath: await this.regionPath(h.villageCode) };
  }

  /**
   * A person by NIK: the lookup that finds anyone, so it must say why (`actor.purpose`, typed by the
   * user; at least 3 characters), which the audit entry keeps and the citizen sees (issue 14).
   */
  async personByNik(actor: Actor, nik: string) {
    requirePermission(actor, 'registry.read');
    if ((actor.purpose ?? '').trim().length < 3) {
      throw validationError([issue('purpose', 'person.purpose_required')]);
    }
    const parsed = parseNik(nik, { field: 'nik' });
    if (!parsed.ok) throw validationError(parsed.errors);
    // The NIK as parsed: surrounding whitespace (which the parameter allows) is not part of it.
    nik = parsed.value.nik;
    const found = this.#personsByNik
      ? await this.#personsByNik.read('', nik)
      : await this.#repo.personByNik(this.#db, nik);
    if (!found || !isWithin(actor, found.person.villageCode)) throw notFound(PERSON);
    const { person, household: h } = found;
    await this.#audit.recordRead(actor, {
      action: 'person.read',
      entityType: 'person',
      entityId: person.id,
      regionCode: person.villageCode,
      details: { nik },
    });
    return {
      person: memberFromRow(person),
      household: listItemFromRow(h),
      regionPath: await this.regionPath(h.villageCode),
    };
  }

  async history(actor: Actor, id: string) {
    requirePermission(actor, 'registry.read');
    const h = await this.#visibleHousehold(this.#db, actor, id);
    const versions = await this.#repo.versions(this.#db, id);
    await this.#audit.recordRead(actor, {
      action: 'household.history',
      entityType: 'household',
      entityId: id,
      regionCode: h.villageCode,
    });
    const names = await this.#repo.userNames(
      this.#db,
      versions.map((v) => v.changedBy).filter((x) => x !== null),
    );
    let prev: HouseholdSnapshot | null = null;
    const items = versions.map((v) => {
      const snap = decodeSnapshot<HouseholdSnapshot>(v.snapshot);
      const changes = diffSnapshots(prev, snap);
      prev = snap;
      return {
        version: v.version,
        changeType: v.changeType,
        reason: v.reason,
        changedBy: v.changedBy,
        changedByName: v.changedBy ? (names.get(v.changedBy) ?? null) : null,
        changedAt: v.changedAt,
        changes,
      };
    });
    return { items: items.reverse() };
  }

  /** Active households and people per child region, from the actor's territory down. */
  async counts(
    actor: Actor,
    regionInput?: string,
  ): Promise<{ region: RegionPathEntry | null; rows: CountRow[] }> {
    requirePermission(actor, 'registry.read');
    const requested = regionInput ? this.#regions.normalize(regionInput, 'region') : null;
    const scope = regionScope(actor, requested);
    if (scope === 'empty') return { region: null, rows: [] };
    const level = scope ? regionLevel(scope.value) : 0;
    if (level === 4) {
      const [row] = await this.#repo.countsBy(this.#db, scope, 'villageCode');
      const name = (await this.#regions.names([scope!.value])).get(scope!.value) ?? scope!.value;
      return {
        region: { code: scope!.value, name, level },
        rows: [{ code: scope!.value, name, households: row?.households ?? 0, persons: row?.persons ?? 0 }],
      };
    }
    const childColumn = REGION_COLUMN_BY_LEVEL[(level + 1) as 1 | 2 | 3 | 4];
    const counts = await this.#repo.countsBy(this.#db, scope, childColumn);
    const names = await this.#regions.names([...counts.map((c) => c.code), ...(scope ? [scope.value] : [])]);
    return {
      region: scope ? { code: scope.value, name: names.get(scope.value) ?? scope.value, level } : null,
      rows: counts.map((c) => ({ ...c, name: names.get(c.code) ?? c.code })),
    };
  }

  regionPath(villageCode: string): Promise<RegionPathEntry[]> {
    return this.#regions.path(villageCode);
  }

  // ---------------------------------------------------------------- writes

  async create(
    actor: Actor,
    input: HouseholdCreate,
    opts: WriteOptions = {},
  ): Promise<Household & { regionPath: RegionPathEntry[] }> {
    requirePermission(actor, 'registry.write');
    const [result] = await this.importBatch(actor, [{ ref: 'request', input }], {
      acceptWarnings: input.confirmWarnings === true,
      action: 'household.create',
      reason: input.reason ?? null,
      strict: true,
      trx: opts.trx,
      identity: opts.identity,
    });
    return this.get(actor, result!.id!, opts);
  }

  /**
   * Creates many households in one transaction; every household is checked on its own and either created,
   * recognised as already present (same KK number in the same village: a re-run adds nothing), or rejected
   * with all its issues. With `strict`, the first rejection throws instead (single create). Once the user
   * has collected as many identity refusals as the hour allows, the remaining households are not checked
   * (`not_processed`).
   */
  async importBatch(
    actor: Actor,
    rows: { ref: string; input: HouseholdCreate }[],
    opts: {
      acceptWarnings: boolean;
      action: string;
      reason: string | null;
      strict?: boolean;
      source?: string;
      trx?: Kysely<DB>;
      identity?: IdentityCheck;
      /** Runs in the batch's transaction after its writes: a job records its checkpoint with them. */
      beforeCommit?: (results: ImportRowResult[], trx: Kysely<DB>) => Promise<void>;
      /** false: likely duplicates are not looked for (synthetic seeds; `dtks duplicates scan` can later). */
      findDuplicates?: boolean;
    },
  ): Promise<ImportRowResult[]> {
    requirePermission(actor, opts.strict ? 'registry.write' : 'registry.import');
    const write = { action: opts.action, trx: opts.trx, within: opts.identity };
    return this.#identity.run(actor, write, async (check) => {
      const ctx = await this.#buildContext(actor);
      const built = rows.map((r) => ({ ref: r.ref, b: buildHousehold(r.input, ctx) }));
      const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
        opts.trx ? fn(opts.trx) : this.#db.transaction().execute(fn);
      return inTransaction(async (trx) => {
        const results: ImportRowResult[] = [];
        const accepted: BuiltHousehold[] = [];
        const nikOwners = new Map(
          (
            await this.#repo.nikEntries(
              trx,
              built.flatMap((x) => x.b.persons.map((p) => p.nik)),
            )
          ).map((e) => [e.nik, e]),
        );
        const activeByKk = new Map<string, HouseholdRow>();
        for (const h of await this.#repo.activeByKks(
          trx,
          built.map((x) => x.b.household.kkNumber),
        ))
          if (!activeByKk.has(h.kkNumber)) activeByKk.set(h.kkNumber, h);
        const seenNik = new Map<string, string>();
        for (const { ref, b } of built) {
          // A single create was let in by the limit check; an import stops once the hour's refusals are used.
          if (!opts.strict && check.remaining <= 0) {
            results.push({ ref, status: 'not_processed', issues: [probeLimitIssue('kkNumber')] });
            continue;
          }
          const issues = [...b.errors];
          if (b.household.villageCode && !isWithin(actor, b.household.villageCode)) {
            issues.push(outsideTerritory());
          }
          if (!opts.acceptWarnings && b.warnings.length && issues.length === 0)
            issues.push(...unconfirmed(b.warnings));
          if (issues.length === 0) {
            const existing = activeByKk.get(b.household.kkNumber);
            if (existing && existing.villageCode === b.household.villageCode && !opts.strict) {
              results.push({ ref, status: 'unchanged', id: existing.id, issues: [] });
              continue;
            }
            if (existing) issues.push(await this.#kkTaken(check, existing, b.household.kkNumber));
          }
          if (issues.length === 0) {
            for (const [n, p] of b.persons.entries()) {
              const owner = nikOwners.get(p.nik);
              if (owner) issues.push(await this.#nikTaken(trx, check, owner, `members.${n}.nik`));
              else if (seenNik.has(p.nik)) {
                issues.push(
                  issue(`members.${n}.nik`, 'nik.duplicate_in_file', {
                    nik: p.nik,
                    other: seenNik.get(p.nik) ?? '',
                  }),
                );
              }
            }
          }
          if (issues.length) {
            const answer = concealedOrder(issues);
            if (opts.strict) throw answer.some(isConflict) ? conflict(answer) : validationError(answer);
            results.push({ ref, status: 'rejected', issues: answer });
            continue;
          }
          for (const p of b.persons) seenNik.set(p.nik, ref);
          accepted.push(b);
          results.push({ ref, status: 'created', id: b.household.id, issues: b.warnings });
        }
        await this.#insertBuilt(trx, accepted, opts.reason, actor);
        if (this.#duplicates && opts.findDuplicates !== false)
          await this.#duplicates.flagNew(
            trx,
            accepted.map((a) => a.household),
            accepted.flatMap((a) => a.persons),
          );
        if (accepted.length) {
          await this.#audit.record(trx, actor, {
            action: opts.action,
            entityType: 'household',
            entityId: accepted.length === 1 ? accepted[0]!.household.id : null,
            regionCode: commonRegion(accepted.map((a) => a.household.villageCode)),
            details: {
              source: opts.source,
              count: accepted.length,
              ids: accepted.map((a) => a.household.id),
            },
          });
        }
        await opts.beforeCommit?.(results, trx);
        return results;
      });
    });
  }

  async #insertBuilt(
    trx: Kysely<DB>,
    accepted: BuiltHousehold[],
    reason: string | null,
    actor: Actor,
  ): Promise<void> {
    if (!accepted.length) return;
    try {
      await this.#repo.insertHouseholds(
        trx,
        accepted.map((a) => a.household),
      );
      await this.#repo.insertPersons(
        trx,
        accepted.flatMap((a) => a.persons),
      );
      await this.#repo.insertVersions(
        trx,
        accepted.map((a) => ({
          id: newId(),
          entityType: 'household',
          entityId: a.household.id,
          provinceCode: a.household.provinceCode,
          villageCode: a.household.villageCode,
          version: 1,
          changeType: 'create',
          reason,
          snapshot: encodeSnapshot(householdFromRows(a.household, a.persons)),
          changedBy: actor.userId,
          changedAt: a.household.createdAt,
        })),
      );
      const deltas = new Map<string, { households: number; persons: number }>();
      for (const { household } of accepted) {
        const d = deltas.get(household.villageCode) ?? { households: 0, persons: 0 };
        d.households += 1;
        d.persons += household.memberCount;
        deltas.set(household.villageCode, d);
      }
      await this.#repo.adjustCounts(trx, deltas);
    } catch (err) {
      // Another request registered one of these NIKs between our check and our insert (the persons' unique
      // index of active NIKs, persons_nik_active_idx, refuses the second holder).
      if (isUniqueViolation(err)) throw new IdentityRace('members', 'nik');
      throw err;
    }
  }

  async update(actor: Actor, id: string, patch: HouseholdPatch, opts: WriteOptions = {}) {
    requirePermission(actor, 'registry.write');
    await this.#guarded(actor, 'household.update', opts, patch.kkNumber !== undefined, (check) =>
      this.#mutate(
        actor,
        id,
        patch.version,
        'update',
        patch.reason,
        async (trx, h, members, ctx) => {
          const errors: FieldIssue[] = [];
          const warnings: FieldIssue[] = [];
          if (patch.kkNumber !== undefined && patch.kkNumber !== h.kkNumber) {
            const { parseKk } = await import('../../domain/identifiers/parse-kk.ts');
            const kk = parseKk(patch.kkNumber, { field: 'kkNumber', isKnownDistrict: ctx.isKnownDistrict });
            warnings.push(...kk.warnings);
            if (!kk.ok) errors.push(...kk.errors);
            else {
              const other = await this.#repo.activeByKk(trx, patch.kkNumber);
              if (other && other.id !== id) errors.push(await this.#kkTaken(check!, other, patch.kkNumber));
            }
          }
          const { validateHousehold } = await import('../../domain/instrument/validate.ts');
          errors.push(...validateHousehold(patch as unknown as Record<string, unknown>));
          this.#raise(errors, warnings, patch.confirmWarnings);
          const { version: _v, reason: _r, confirmWarnings: _c, ...fields } = patch;
          return { household: householdColumns(fields), members };
        },
        opts.trx,
      ),
    );
    return this.get(actor, id, opts);
  }

  async addMember(actor: Actor, id: string, body: MemberAdd, opts: WriteOptions = {}) {
    requirePermission(actor, 'registry.write');
    await this.#guarded(actor, 'household.member_add', opts, true, (check) =>
      this.#mutate(
        actor,
        id,
        body.version,
        'member_add',
        body.reason,
        async (trx, h, members, ctx) => {
          const active = members.filter((m) => m.status === 'active');
          const path = `member.`;
          const { errors, warnings } = checkMember(body.member, path, ctx);
          if (body.member.relationship === 1 && active.some((m) => m.relationship === 1)) {
            errors.push(issue('member.relationship', 'household.head_count'));
          }
          if (errors.length === 0) {
            const [owner] = await this.#repo.nikEntries(trx, [body.member.nik]);
            if (owner) errors.push(await this.#nikTaken(trx, check!, owner, 'member.nik'));
          }
          this.#raise(errors, warnings, body.confirmWarnings);
          const now = nowIso();
          const person = {
            maritalStatus: null,
            pregnant: null,
            disability: null,
            chronicIllness: null,
            schoolParticipation: null,
            educationLevel: null,
            highestDiploma: null,
            occupationSector: null,
            jobStatus: null,
            birthPlace: null,
            ...memberColumns(body.member),
            id: newId(),
            householdId: id,
            provinceCode: h.provinceCode,
            regencyCode: h.regencyCode,
            districtCode: h.districtCode,
            villageCode: h.villageCode,
            status: 'active',
            removalReason: null,
            removalNote: null,
            version: 1,
            createdAt: now,
            createdBy: actor.userId,
            updatedAt: now,
            updatedBy: actor.userId,
          } as PersonRow;
          await this.#repo.insertPersons(trx, [person]);
          return { household: {}, members: [...members, person] };
        },
        opts.trx,
      ),
    );
    return this.get(actor, id, opts);
  }

  async updateMember(actor: Actor, id: string, personId: string, body: MemberPatch, opts: WriteOptions = {}) {
    requirePermission(actor, 'registry.write');
    await this.#guarded(actor, 'household.member_update', opts, body.nik !== undefined, (check) =>
      this.#mutate(
        actor,
        id,
        body.version,
        'member_update',
        body.reason,
        async (trx, _h, members, ctx) => {
          const current = members.find((m) => m.id === personId && m.status === 'active');
          if (!current) throw notFound(label('record.member'));
          const { version: _v, reason: _r, confirmWarnings: _c, previousHeadRelationship, ...fields } = body;
          const merged = { ...memberFromRow(current), ...fields };
          const { errors, warnings } = checkMember(merged, '', ctx);
          const nikChanged = fields.nik !== undefined && fields.nik !== current.nik;
          if (nikChanged && errors.length === 0) {
            const [owner] = await this.#repo.nikEntries(trx, [fields.nik!]);
            if (owner) errors.push(await this.#nikTaken(trx, check!, owner, 'nik'));
          }
          // Head replacement is one step: the new head comes in and the former head takes the relationship
          // given in `previousHeadRelationship`, so the household never has zero or two heads.
          const formerHead =
            fields.relationship === 1 && current.relationship !== 1
              ? members.find((m) => m.status === 'active' && m.relationship === 1)
              : undefined;
          if (formerHead && previousHeadRelationship === undefined) {
            errors.push(issue('relationship', 'household.head_count'));
          }
          if (previousHeadRelationship !== undefined) {
            errors.push(...checkPreviousHeadRelationship(previousHeadRelationship, formerHead !== undefined));
          }
          if (fields.relationship !== undefined && fields.relationship !== 1 && current.relationship === 1) {
            errors.push(issue('relationship', 'household.head_count'));
          }
          this.#raise(errors, warnings, body.confirmWarnings);
          const now = nowIso();
          const patch = { ...memberColumns(fields), updatedAt: now, updatedBy: actor.userId };
          await this.#repo.updatePerson(trx, personId, patch);
          let demoted: PersonRow | undefined;
          if (formerHead && previousHeadRelationship !== undefined) {
            const headPatch = {
              relationship: previousHeadRelationship,
              updatedAt: now,
              updatedBy: actor.userId,
            };
            await this.#repo.updatePerson(trx, formerHead.id, headPatch);
            demoted = { ...formerHead, ...headPatch, version: formerHead.version + 1 };
          }
          const updated = { ...current, ...patch, version: current.version + 1 } as PersonRow;
          return {
            household: {},
            members: members.map((m) => (m.id === personId ? updated : m.id === demoted?.id ? demoted : m)),
          };
        },
        opts.trx,
      ),
    );
    return this.get(actor, id, opts);
  }

  async removeMember(actor: Actor, id: string, personId: string, body: Removal, opts: WriteOptions = {}) {
    requirePermission(actor, 'registry.write');
    const reason = checkRemovalReason(body.reasonCode);
    await this.#mutate(
      actor,
      id,
      body.version,
      'member_remove',
      reason.label.en,
      async (trx, _h, members) => {
        const current = members.find((m) => m.id === personId && m.status === 'active');
        if (!current) throw notFound(label('record.member'));
        if (members.filter((m) => m.status === 'active').length === 1) {
          throw validationError([issue('personId', 'household.last_member')]);
        }
        if (current.relationship === 1) {
          throw validationError([issue('personId', 'household.head_count')]);
        }
        const patch = {
          status: 'removed' as const,
          removalReason: body.reasonCode,
          removalNote: body.note ?? null,
          updatedAt: nowIso(),
          updatedBy: actor.userId,
        };
        await this.#repo.updatePerson(trx, personId, patch);
        const updated = { ...current, ...patch, version: current.version + 1 } as PersonRow;
        return { household: {}, members: members.map((m) => (m.id === personId ? updated : m)) };
      },
      opts.trx,
    );
    return this.get(actor, id, opts);
  }

  async remove(actor: Actor, id: string, body: Removal, opts: WriteOptions = {}) {
    requirePermission(actor, 'registry.write');
    const reason = checkRemovalReason(body.reasonCode);
    await this.#mutate(
      actor,
      id,
      body.version,
      'remove',
      reason.label.en,
      async (trx, h, members) => {
        if (h.status === 'removed') {
          throw new AppError('state', 'household.already_removed', undefined, {
            extra: { currentState: 'removed', allowed: [] },
          });
        }
        const now = nowIso();
        const active = members.filter((m) => m.status === 'active');
        for (const m of active) {
          await this.#repo.updatePerson(trx, m.id, {
            status: 'removed',
            removalReason: body.reasonCode,
            updatedAt: now,
            updatedBy: actor.userId,
          });
        }
        return {
          household: { status: 'removed', removalReason: body.reasonCode, removalNote: body.note ?? null },
          members: members.map((m) =>
            m.status === 'active'
              ? ({
                  ...m,
                  status: 'removed',
                  removalReason: body.reasonCode,
                  version: m.version + 1,
                } as PersonRow)
              : m,
          ),
        };
      },
      opts.trx,
    );
    return this.get(actor, id, opts);
  }

  // ---------------------------------------------------------------- internals

  /**
   * The one path every change to an existing household takes: territory check, optimistic version check,
   * the change itself, head name and member count kept in step, a new version snapshot and an audit entry,
   * all in one transaction.
   */
  async #mutate(
    actor: Actor,
    id: string,
    expectedVersion: number,
    changeType: Exclude<HouseholdChange, 'create'>,
    reason: string,
    change: (
      trx: Kysely<DB>,
      h: HouseholdRow,
      members: PersonRow[],
      ctx: BuildContext,
    ) => Promise<{ household: Partial<HouseholdRow>; members: PersonRow[] }>,
    outer?: Kysely<DB>,
  ): Promise<void> {
    await this.#visibleHousehold(outer ?? this.#db, actor, id);
    const ctx = await this.#buildContext(actor);
    const inTransaction = (fn: (trx: Kysely<DB>) => Promise<void>) =>
      outer ? fn(outer) : this.#db.transaction().execute(fn);
    await inTransaction(async (trx) => {
      const h = (await this.#repo.findById(trx, id))!;
      if (h.version !== expectedVersion) throw versionConflict(h.version);
      if (h.status === 'removed' && changeType !== 'remove') {
        throw new AppError('state', 'household.removed', undefined, {
          extra: { currentState: 'removed', allowed: [] },
        });
      }
      const members = await this.#repo.members(trx, id);
      let result: { household: Partial<HouseholdRow>; members: PersonRow[] };
      try {
        result = await change(trx, h, members, ctx);
      } catch (err) {
        if (isUniqueViolation(err))
          throw new IdentityRace(changeType === 'member_add' ? 'member.nik' : 'nik', 'nik');
        throw err;
      }
      const active = result.members.filter((m) => m.status === 'active');
      const head = active.find((m) => m.relationship === 1) ?? active[0];
      const now = nowIso();
      const patch: Partial<HouseholdRow> = {
        ...result.household,
        headName: head?.name ?? h.headName,
        headNameSearch: searchForm(head?.name ?? h.headName),
        headNameFold: foldName(head?.name ?? h.headName),
        memberCount: active.length,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      if (!(await this.#repo.updateHousehold(trx, id, expectedVersion, patch))) {
        throw versionConflict((await this.#repo.findById(trx, id))?.version ?? expectedVersion + 1);
      }
      const next = { ...h, ...patch, version: expectedVersion + 1 } as HouseholdRow;
      const counted = (x: HouseholdRow) =>
        x.status === 'active' ? { households: 1, persons: x.memberCount } : { households: 0, persons: 0 };
      const [before, after] = [counted(h), counted(next)];
      await this.#repo.adjustCounts(
        trx,
        new Map([
          [
            h.villageCode,
            { households: after.households - before.households, persons: after.persons - before.persons },
          ],
        ]),
      );
      await this.#repo.insertVersions(trx, [
        {
          id: newId(),
          entityType: 'household',
          entityId: id,
          provinceCode: h.provinceCode,
          villageCode: h.villageCode,
          version: next.version,
          changeType,
          reason,
          snapshot: encodeSnapshot(householdFromRows(next, result.members)),
          changedBy: actor.userId,
          changedAt: now,
        },
      ]);
      await this.#audit.record(trx, actor, {
        action: `household.${changeType}`,
        entityType: 'household',
        entityId: id,
        regionCode: h.villageCode,
        details: { version: next.version, reason },
      });
    });
  }

  async #visibleHousehold(db: Kysely<DB>, actor: Actor, id: string): Promise<HouseholdRow> {
    if (!isRecordId(id)) throw notFound(HOUSEHOLD);
    const h = await this.#repo.findById(db, id);
    if (!h) throw notFound(HOUSEHOLD);
    assertWithin(actor, h.villageCode, HOUSEHOLD);
    return h;
  }

  async #buildContext(actor: Actor): Promise<BuildContext> {
    const region = await this.#regions.lookup();
    return {
      now: nowIso(),
      actorId: actor.userId,
      isKnownVillage: (code) => region(code)?.level === 4,
      isKnownDistrict: (code) => region(code)?.level === 3,
    };
  }

  /** Runs a change through the identity guard when it names a NIK or KK number (`names`). */
  #guarded(
    actor: Actor,
    action: string,
    opts: WriteOptions,
    names: boolean,
    write: (check: IdentityCheck | null) => Promise<void>,
  ): Promise<void> {
    if (!names) return write(null);
    return this.#identity.run(actor, { action, trx: opts.trx, within: opts.identity }, write);
  }

  /** A NIK or KK held by another household is a conflict (409), as it is when creating a household. */
  #raise(errors: FieldIssue[], warnings: FieldIssue[], confirmed?: boolean): void {
    if (errors.length) {
      const answer = concealedOrder(errors);
      throw answer.some(isConflict) ? conflict(answer) : validationError(answer);
    }
    if (warnings.length && !confirmed) throw validationError(unconfirmed(warnings));
  }

  /**
   * A NIK registered to another household: where, when the actor may see it; otherwise the neutral answer
   * (the probe is recorded by the guard).
   */
  async #nikTaken(
    db: Kysely<DB>,
    check: IdentityCheck,
    owner: NikHolder,
    field: string,
  ): Promise<FieldIssue> {
    const hidden = check.hidden({ field, kind: 'nik', value: owner.nik }, 'household_member', {
      entityType: 'household',
      id: owner.householdId,
      villageCode: owner.villageCode,
    });
    if (hidden) return hidden;
    const h = (await this.#repo.findById(db, owner.householdId))!;
    const names = await this.#regions.names([h.villageCode]);
    const place = `${names.get(h.villageCode) ?? h.villageCode} (${h.villageCode}), RT ${h.rt}/RW ${h.rw}`;
    return issue(field, 'nik.already_registered', { kkNumber: h.kkNumber, headName: h.headName, place });
  }

  async #kkTaken(check: IdentityCheck, h: HouseholdRow, kkNumber: string): Promise<FieldIssue> {
    const hidden = check.hidden({ field: 'kkNumber', kind: 'kk', value: kkNumber }, 'household_kk', {
      entityType: 'household',
      id: h.id,
      villageCode: h.villageCode,
    });
    return (
      hidden ??
      issue('kkNumber', 'kk.already_registered', {
        headName: h.headName,
        villageCode: h.villageCode,
        rt: h.rt,
        rw: h.rw,
      })
    );
  }
}

/** The former head's new relationship: a known code other than head, and only when a head is replaced. */
function checkPreviousHeadRelationship(code: number, replacing: boolean): FieldIssue[] {
  const field = 'previousHeadRelationship';
  if (!replacing) {
    return [issue(field, 'household.head_count')];
  }
  if (code === 1) {
    return [issue(field, 'household.head_count')];
  }
  return validateMember({ relationship: code }).map((i) => ({ ...i, field }));
}

function outsideTerritory(): FieldIssue {
  return issue('regionCode', 'territory.outside');
}

function unconfirmed(warnings: FieldIssue[]): FieldIssue[] {
  return warnings.map((w) => ({ ...w, severity: 'warning' as const }));
}

/** NIK or KK held by another household: named in detail (already_registered) or neutrally (unavailable). */
function isConflict(i: FieldIssue): boolean {
  return i.code.endsWith('already_registered') || i.code === IDENTITY_UNAVAILABLE;
}

function conflict(issues: FieldIssue[]): AppError {
  const first = issues.find(isConflict) ?? issues[0]!;
  return errorFrom('conflict', first, { issues });
}

function checkRemovalReason(code: string) {
  const reason = isRemovalReason(code) ? removalReason(code) : undefined;
  if (!reason) {
    throw validationError([issue('reasonCode', 'removal.invalid_reason', { code })]);
  }
  return reason;
}

function commonRegion(codes: string[]): string | null {
  if (!codes.length) return null;
  let common = codes[0]!;
  for (const c of codes)
    while (common && c !== common && !c.startsWith(`${common}.`))
      common = common.split('.').slice(0, -1).join('.');
  return common || null;
}

export { isWellFormedNik };
