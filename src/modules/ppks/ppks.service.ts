import type { Kysely } from 'kysely';
import type { DB, PpksCategoryRow, PpksRow } from '../../db/schema/index.ts';
import { localIsoDate } from '../../domain/calendar.ts';
import { label } from '../../domain/catalogue.ts';
import { coded, type FieldIssue, issue, type Text, validationError } from '../../domain/errors.ts';
import { isPpksCategory } from '../../domain/registry/ppks-psks.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, isWithin, requirePermission } from '../access/actor.ts';
import type { IdentityCheck, IdentityGuard } from '../access/identity-guard.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { padRtRw, searchForm } from '../households/households.mapper.ts';
import type { Removal } from '../households/households.schemas.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { RecordVersionsRepository } from '../social/record-versions.repository.ts';
import {
  assertNotDuplicate,
  newRecordColumns,
  RegisterRecords,
  villageWithin,
} from '../social/register-records.ts';
import { blankToNull, type RegionPathEntry, type VillageLookup } from '../social/social-register.ts';
import { checkPpksFields, type PpksCheckContext } from './ppks.checks.ts';
import { ppksFromRows, ppksListItem } from './ppks.mapper.ts';
import type { PpksRepository } from './ppks.repository.ts';
import type { Ppks, PpksCreate, PpksListItem, PpksListQuery, PpksPatch } from './ppks.schemas.ts';

const PPKS: Text = label('record.ppks');
/** A derived link to another register: kept in the stored snapshots, not shown in the history view. */
const HIDDEN_IN_HISTORY = ['personId'];

export type PpksDetail = Ppks & { regionPath: RegionPathEntry[] };
/** After a write: the record and any non-blocking findings about what was entered. */
export type PpksSaved = PpksDetail & { warnings: FieldIssue[] };

type PpksChange = {
  patch: Partial<PpksRow>;
  /** When given, replaces the record's category list. */
  categories?: PpksCreate['categories'];
  warnings?: FieldIssue[];
};

/**
 * PPKS register: people needing social-welfare services, each with one or more categories over time.
 * Reads need `registry.read`, writes `social.write`; both stay inside the actor's territory. Every change
 * bumps `version`, stores a snapshot in `record_versions` and an audit entry in the same transaction
 * (the flows shared with PSKS live in RegisterRecords).
 */
export class PpksService {
  readonly #db: Kysely<DB>;
  readonly #repo: PpksRepository;
  readonly #records: RegisterRecords<PpksRow, PpksChange>;
  readonly #identity: IdentityGuard;

  constructor(
    db: Kysely<DB>,
    repo: PpksRepository,
    versions: RecordVersionsRepository,
    regions: RegionsService,
    audit: AuditService,
    identity: IdentityGuard,
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#identity = identity;
    this.#records = new RegisterRecords(db, versions, regions, audit, {
      entity: 'ppks',
      what: PPKS,
      repo,
      snapshotAfterWrite: async (trx, row, change) => {
        let categories: PpksCategoryRow[];
        if (change.categories) {
          categories = categoryRows(row, change.categories);
          await repo.replaceCategories(trx, row.id, categories);
        } else categories = await repo.categories(trx, [row.id]);
        return ppksFromRows(row, categories);
      },
    });
  }

  // ---------------------------------------------------------------- reads

  async list(
    actor: Actor,
    query: PpksListQuery,
  ): Promise<{ items: PpksListItem[]; nextCursor: string | null; total: number | null }> {
    requirePermission(actor, 'registry.read');
    const category = () =>
      query.category ? { code: query.category, asOf: localIsoDate(new Date()) } : undefined;
    return this.#records.list(actor, query, {
      checkFilters: () => {
        if (query.category !== undefined && !isPpksCategory(query.category)) {
          throw validationError([issue('category', 'ppks.unknown_category', { category: query.category })]);
        }
      },
      fetch: (db, filter) => this.#repo.list(db, { ...filter, category: category() }),
      count: (db, filter) => this.#repo.count(db, { ...filter, category: category() }),
      items: async (page) => {
        const categories = groupBy(
          await this.#repo.categories(
            this.#db,
            page.map((r) => r.id),
          ),
        );
        return page.map((r) => ppksListItem(r, categories.get(r.id) ?? []));
      },
    });
  }

  async get(actor: Actor, id: string): Promise<PpksDetail> {
    requirePermission(actor, 'registry.read');
    return this.#detail(actor, await this.#records.read(actor, id));
  }

  async history(actor: Actor, id: string) {
    requirePermission(actor, 'registry.read');
    return this.#records.history(actor, id, HIDDEN_IN_HISTORY);
  }

  // ---------------------------------------------------------------- writes

  async create(actor: Actor, input: PpksCreate): Promise<PpksSaved> {
    requirePermission(actor, 'social.write');
    if (!blankToNull(input.nik)) return this.#create(actor, input, null);
    return this.#identity.run(actor, { action: 'ppks.create' }, (check) => this.#create(actor, input, check));
  }

  async #create(actor: Actor, input: PpksCreate, check: IdentityCheck | null): Promise<PpksSaved> {
    const lookup = await this.#records.regionLookup();
    const ctx = checkContext(lookup);
    const errors: FieldIssue[] = [];
    const village = villageWithin(actor, input.regionCode, lookup);
    if (!village.ok) errors.push(village.issue);
    const fields = personColumns(input);
    const person = { nik: fields.nik ?? null, birthDate: fields.birthDate ?? null, sex: fields.sex ?? null };
    const checked = checkPpksFields(person, { nik: true, birthDate: true, sex: true }, input.categories, ctx);
    errors.push(...checked.errors);
    if (errors.length || !village.ok) throw validationError(errors);

    const row: PpksRow = {
      id: newId(),
      nik: null,
      name: input.name,
      nameSearch: searchForm(input.name),
      birthDate: null,
      sex: null,
      rw: null,
      rt: null,
      address: null,
      notes: null,
      personId: null,
      ...fields,
      ...village.columns,
      ...newRecordColumns(actor),
    };
    await this.#records.create(actor, row, async (trx) => {
      if (row.nik) {
        await this.#assertNikFree(trx, check!, row.nik, row.id);
        row.personId = await this.#repo.dtksPersonId(trx, row.nik);
      }
      await this.#repo.insert(trx, row);
      return { patch: {}, categories: input.categories };
    });
    return { ...(await this.#detail(actor, row)), warnings: checked.warnings };
  }

  async update(actor: Actor, id: string, body: PpksPatch): Promise<PpksSaved> {
    requirePermission(actor, 'social.write');
    if (!blankToNull(body.nik)) return this.#update(actor, id, body, null);
    return this.#identity.run(actor, { action: 'ppks.update' }, (check) =>
      this.#update(actor, id, body, check),
    );
  }

  async #update(actor: Actor, id: string, body: PpksPatch, check: IdentityCheck | null): Promise<PpksSaved> {
    const { version, reason, categories, ...input } = body;
    const ctx = checkContext(await this.#records.regionLookup());
    const fields = personColumns(input);
    const saved = await this.#records.mutate(actor, id, version, 'update', reason, async (trx, current) => {
      const after = {
        nik: 'nik' in fields ? (fields.nik ?? null) : current.nik,
        birthDate: 'birthDate' in fields ? (fields.birthDate ?? null) : current.birthDate,
        sex: 'sex' in fields ? (fields.sex ?? null) : current.sex,
      };
      const changed = {
        nik: after.nik !== current.nik,
        birthDate: after.birthDate !== current.birthDate,
        sex: after.sex !== current.sex,
      };
      const checked = checkPpksFields(after, changed, categories, ctx);
      if (checked.errors.length) throw validationError(checked.errors);
      const patch: Partial<PpksRow> = { ...fields };
      if (after.nik) {
        if (changed.nik) await this.#assertNikFree(trx, check!, after.nik, id);
        patch.personId = await this.#repo.dtksPersonId(trx, after.nik);
      } else patch.personId = null;
      return { patch, categories, warnings: checked.warnings };
    });
    return { ...(await this.#detail(actor, saved.row)), warnings: saved.warnings ?? [] };
  }

  async remove(actor: Actor, id: string, body: Removal): Promise<PpksDetail> {
    requirePermission(actor, 'social.write');
    return this.#detail(actor, await this.#records.remove(actor, id, body));
  }

  // ---------------------------------------------------------------- internals

  /** One active PPKS per NIK: the person's categories all go on that record. */
  async #assertNikFree(trx: Kysely<DB>, check: IdentityCheck, nik: string, selfId: string): Promise<void> {
    assertNotDuplicate(check, await this.#repo.activeByNik(trx, nik), selfId, {
      entity: 'ppks',
      duplicate: (other) =>
        coded('ppks.nik_already_registered', { name: other.name, villageCode: other.villageCode }),
    });
  }

  async #detail(actor: Actor, row: PpksRow): Promise<PpksDetail> {
    const categories = await this.#repo.categories(this.#db, [row.id]);
    const out = ppksFromRows(row, categories);
    if (out.personId) {
      // The link names a record in another register: shown only when that person is in the territory.
      const village = await this.#repo.personVillage(this.#db, out.personId);
      if (!village || !isWithin(actor, village)) out.personId = null;
    }
    return { ...out, regionPath: await this.#records.regionPath(row.villageCode) };
  }
}

function checkContext(lookup: VillageLookup): PpksCheckContext {
  const now = new Date();
  return { now, today: localIsoDate(now), isKnownDistrict: (code) => lookup(code)?.level === 3 };
}

/** Columns for the person fields present in the input; blank optional text is stored as null. */
function personColumns(input: Partial<PpksCreate>): Partial<PpksRow> {
  const out: Partial<PpksRow> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.nik !== undefined) out.nik = blankToNull(input.nik);
  if (input.birthDate !== undefined) out.birthDate = input.birthDate ?? null;
  if (input.sex !== undefined) out.sex = input.sex ?? null;
  for (const k of ['rw', 'rt'] as const) {
    if (input[k] !== undefined) {
      const v = blankToNull(input[k]);
      out[k] = v === null ? null : padRtRw(v);
    }
  }
  if (input.address !== undefined) out.address = blankToNull(input.address);
  if (input.notes !== undefined) out.notes = blankToNull(input.notes);
  return out;
}

function categoryRows(row: PpksRow, periods: PpksCreate['categories']): PpksCategoryRow[] {
  return periods.map(
    (p): PpksCategoryRow => ({
      id: newId(),
      ppksId: row.id,
      provinceCode: row.provinceCode,
      category: p.category,
      startDate: p.startDate,
      endDate: p.endDate ?? null,
    }),
  );
}

function groupBy(rows: PpksCategoryRow[]): Map<string, PpksCategoryRow[]> {
  const out = new Map<string, PpksCategoryRow[]>();
  for (const r of rows) {
    const list = out.get(r.ppksId);
    if (list) list.push(r);
    else out.set(r.ppksId, [r]);
  }
  return out;
}
