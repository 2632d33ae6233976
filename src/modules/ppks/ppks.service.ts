import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, PpksCategoryRow, PpksRow } from '../../db/schema/index.ts';
import { localIsoDate } from '../../domain/calendar.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { isPpksCategory } from '../../domain/registry/ppks-psks.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { padRtRw, searchForm } from '../households/households.mapper.ts';
import type { Removal } from '../households/households.schemas.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { RecordVersionsRepository } from '../social/record-versions.repository.ts';
import {
  blankToNull,
  checkRemovalReason,
  decodeCursor,
  encodeCursor,
  historyItems,
  isRecordId,
  outsideTerritory,
  type RegionPathEntry,
  regionPath,
  removedRecordError,
  resolveVillage,
} from '../social/social-register.ts';
import { checkPpksFields, type PpksCheckContext } from './ppks.checks.ts';
import { ppksFromRows, ppksListItem } from './ppks.mapper.ts';
import type { PpksRepository } from './ppks.repository.ts';
import type { Ppks, PpksCreate, PpksListItem, PpksListQuery, PpksPatch } from './ppks.schemas.ts';

const PPKS: Text = { id: 'Data PPKS', en: 'PPKS record' };
const ENTITY = 'ppks';
/** A derived link to another register: kept in the stored snapshots, not shown in the history view. */
const HIDDEN_IN_HISTORY = ['personId'];

export type PpksDetail = Ppks & { regionPath: RegionPathEntry[] };
/** After a write: the record and any non-blocking findings about what was entered. */
export type PpksSaved = PpksDetail & { warnings: FieldIssue[] };

type PpksChange = {
  patch: Partial<PpksRow>;
  categories?: PpksCreate['categories'];
  warnings?: FieldIssue[];
};

/**
 * PPKS register: people needing social-welfare services, each with one or more categories over time.
 * Reads need `registry.read`, writes `social.write`; both stay inside the actor's territory. Every change
 * bumps `version`, stores a snapshot in `record_versions` and an audit entry in the same transaction.
 */
export class PpksService {
  readonly #db: Kysely<DB>;
  readonly #repo: PpksRepository;
  readonly #versions: RecordVersionsRepository;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;

  constructor(
    db: Kysely<DB>,
    repo: PpksRepository,
    versions: RecordVersionsRepository,
    regions: RegionsService,
    audit: AuditService,
  ) {
    this.#db = db;
    this.#repo = repo;
    this.#versions = versions;
    this.#regions = regions;
    this.#audit = audit;
  }

  // ---------------------------------------------------------------- reads

  async list(
    actor: Actor,
    query: PpksListQuery,
  ): Promise<{ items: PpksListItem[]; nextCursor: string | null }> {
    requirePermission(actor, 'registry.read');
    const requested = query.region ? this.#regions.normalize(query.region, 'region') : null;
    if (query.category !== undefined && !isPpksCategory(query.category)) {
      throw validationError([
        issue('category', 'ppks.unknown_category', {
          id: `Kategori PPKS tidak dikenal: ${query.category}`,
          en: `Unknown PPKS category: ${query.category}`,
        }),
      ]);
    }
    const afterId = query.cursor ? decodeCursor(query.cursor) : undefined;
    const scope = regionScope(actor, requested);
    if (scope === 'empty') return { items: [], nextCursor: null };
    const q = query.q?.trim();
    const nik = q && /^\d{16}$/.test(q) ? q : undefined;
    const name = q && !nik ? searchForm(q) : undefined;
    const rows = await this.#repo.list(this.#db, {
      scope,
      status: query.status,
      category: query.category ? { code: query.category, asOf: localIsoDate(new Date()) } : undefined,
      name: name || undefined,
      nik,
      afterId,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const categories = groupBy(
      await this.#repo.categories(
        this.#db,
        page.map((r) => r.id),
      ),
    );
    const items = page.map((r) => ppksListItem(r, categories.get(r.id) ?? []));
    if (items.length) {
      await this.#audit.recordRead(actor, {
        action: 'ppks.list',
        entityType: ENTITY,
        regionCode: scope?.value ?? null,
        details: { query: { ...query, cursor: undefined }, ids: items.map((i) => i.id) },
      });
    }
    return { items, nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.id) : null };
  }

  async get(actor: Actor, id: string): Promise<PpksDetail> {
    requirePermission(actor, 'registry.read');
    const row = await this.#visible(actor, id);
    await this.#audit.recordRead(actor, {
      action: 'ppks.read',
      entityType: ENTITY,
      entityId: id,
      regionCode: row.villageCode,
    });
    return this.#detail(actor, row);
  }

  async history(actor: Actor, id: string) {
    requirePermission(actor, 'registry.read');
    const row = await this.#visible(actor, id);
    const versions = await this.#versions.list(this.#db, ENTITY, id);
    await this.#audit.recordRead(actor, {
      action: 'ppks.history',
      entityType: ENTITY,
      entityId: id,
      regionCode: row.villageCode,
    });
    return { items: historyItems(versions, HIDDEN_IN_HISTORY) };
  }

  // ---------------------------------------------------------------- writes

  async create(actor: Actor, input: PpksCreate): Promise<PpksSaved> {
    requirePermission(actor, 'social.write');
    const lookup = await this.#regions.lookup();
    const ctx = checkContext(lookup);
    const errors: FieldIssue[] = [];
    const village = resolveVillage(input.regionCode, lookup);
    if (!village.ok) errors.push(village.issue);
    else if (!isWithin(actor, village.columns.villageCode)) errors.push(outsideTerritory());
    const fields = personColumns(input);
    const person = { nik: fields.nik ?? null, birthDate: fields.birthDate ?? null, sex: fields.sex ?? null };
    const checked = checkPpksFields(person, { nik: true, birthDate: true, sex: true }, input.categories, ctx);
    errors.push(...checked.errors);
    if (errors.length || !village.ok) throw validationError(errors);

    const now = nowIso();
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
      status: 'active',
      removalReason: null,
      removalNote: null,
      version: 1,
      createdAt: now,
      createdBy: actor.userId,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    const categories = categoryRows(row, input.categories);
    await this.#db.transaction().execute(async (trx) => {
      try {
        if (row.nik) {
          await this.#assertNikFree(trx, actor, row.nik, row.id);
          row.personId = await this.#repo.dtksPersonId(trx, row.nik);
        }
        await this.#repo.insert(trx, row);
        await this.#repo.replaceCategories(trx, row.id, categories);
        await this.#snapshot(trx, actor, row, categories, 'create', null);
      } catch (err) {
        throw isUniqueViolation(err) ? nikTaken() : err;
      }
    });
    return { ...(await this.#detail(actor, row)), warnings: checked.warnings };
  }

  async update(actor: Actor, id: string, body: PpksPatch): Promise<PpksSaved> {
    requirePermission(actor, 'social.write');
    const { version, reason, categories, ...input } = body;
    const ctx = checkContext(await this.#regions.lookup());
    const fields = personColumns(input);
    const saved = await this.#mutate(actor, id, version, 'update', reason, async (trx, current) => {
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
        if (changed.nik) await this.#assertNikFree(trx, actor, after.nik, id);
        patch.personId = await this.#repo.dtksPersonId(trx, after.nik);
      } else patch.personId = null;
      return { patch, categories, warnings: checked.warnings };
    });
    return { ...(await this.#detail(actor, saved.row)), warnings: saved.warnings ?? [] };
  }

  async remove(actor: Actor, id: string, body: Removal): Promise<PpksDetail> {
    requirePermission(actor, 'social.write');
    const reason = checkRemovalReason(body.reasonCode);
    const { row } = await this.#mutate(actor, id, body.version, 'remove', reason.label.en, async () => ({
      patch: { status: 'removed', removalReason: body.reasonCode, removalNote: blankToNull(body.note) },
    }));
    return this.#detail(actor, row);
  }

  // ---------------------------------------------------------------- internals

  /**
   * The one path every change to an existing record takes: territory, optimistic version, state, the
   * change, a version snapshot and an audit entry, all in one transaction.
   */
  async #mutate(
    actor: Actor,
    id: string,
    expectedVersion: number,
    changeType: 'update' | 'remove',
    reason: string,
    change: (trx: Kysely<DB>, current: PpksRow) => Promise<PpksChange>,
  ): Promise<{ row: PpksRow; warnings?: FieldIssue[] }> {
    await this.#visible(actor, id);
    return this.#db.transaction().execute(async (trx) => {
      const current = (await this.#repo.findById(trx, id))!;
      if (current.version !== expectedVersion) throw versionConflict(current.version);
      if (current.status === 'removed') throw removedRecordError(ENTITY, PPKS, changeType === 'remove');
      try {
        const result = await change(trx, current);
        const patch: Partial<PpksRow> = {
          ...result.patch,
          ...(result.patch.name !== undefined ? { nameSearch: searchForm(result.patch.name) } : {}),
          updatedAt: nowIso(),
          updatedBy: actor.userId,
        };
        if (!(await this.#repo.update(trx, id, expectedVersion, patch))) {
          throw versionConflict((await this.#repo.findById(trx, id))?.version ?? expectedVersion + 1);
        }
        const next: PpksRow = { ...current, ...patch, version: expectedVersion + 1 };
        let categories: PpksCategoryRow[];
        if (result.categories) {
          categories = categoryRows(next, result.categories);
          await this.#repo.replaceCategories(trx, id, categories);
        } else categories = await this.#repo.categories(trx, [id]);
        await this.#snapshot(trx, actor, next, categories, changeType, reason);
        return { row: next, warnings: result.warnings };
      } catch (err) {
        throw isUniqueViolation(err) ? nikTaken() : err;
      }
    });
  }

  async #snapshot(
    trx: Kysely<DB>,
    actor: Actor,
    row: PpksRow,
    categories: PpksCategoryRow[],
    changeType: string,
    reason: string | null,
  ): Promise<void> {
    await this.#versions.insert(trx, {
      id: newId(),
      entityType: ENTITY,
      entityId: row.id,
      provinceCode: row.provinceCode,
      villageCode: row.villageCode,
      version: row.version,
      changeType,
      reason,
      snapshot: JSON.stringify(ppksFromRows(row, categories)),
      changedBy: actor.userId,
      changedAt: row.updatedAt,
    });
    await this.#audit.record(trx, actor, {
      action: `ppks.${changeType}`,
      entityType: ENTITY,
      entityId: row.id,
      regionCode: row.villageCode,
      details: { version: row.version, reason },
    });
  }

  /** One active PPKS per NIK: the person's categories all go on that record. */
  async #assertNikFree(trx: Kysely<DB>, actor: Actor, nik: string, selfId: string): Promise<void> {
    const other = await this.#repo.activeByNik(trx, nik);
    if (!other || other.id === selfId) return;
    if (isWithin(actor, other.villageCode)) {
      throw new AppError(
        'conflict',
        'ppks.nik_already_registered',
        {
          id: `NIK ini sudah terdaftar sebagai PPKS aktif atas nama ${other.name} (${other.villageCode}); tambahkan kategori pada data tersebut`,
          en: `This NIK is already registered as an active PPKS, ${other.name} (${other.villageCode}); add the category to that record`,
        },
        { issues: [issue('nik', 'ppks.nik_already_registered', NIK_TAKEN)], extra: { existingId: other.id } },
      );
    }
    throw nikTaken();
  }

  async #visible(actor: Actor, id: string): Promise<PpksRow> {
    if (!isRecordId(id)) throw notFound(PPKS);
    const row = await this.#repo.findById(this.#db, id);
    if (!row) throw notFound(PPKS);
    assertWithin(actor, row.villageCode, PPKS);
    return row;
  }

  async #detail(actor: Actor, row: PpksRow): Promise<PpksDetail> {
    const categories = await this.#repo.categories(this.#db, [row.id]);
    const out = ppksFromRows(row, categories);
    if (out.personId) {
      // The link names a record in another register: shown only when that person is in the territory.
      const village = await this.#repo.personVillage(this.#db, out.personId);
      if (!village || !isWithin(actor, village)) out.personId = null;
    }
    return { ...out, regionPath: await regionPath(this.#regions, row.villageCode) };
  }
}

const NIK_TAKEN: Text = {
  id: 'NIK ini sudah terdaftar sebagai PPKS aktif',
  en: 'This NIK is already registered as an active PPKS',
};

function nikTaken(): AppError {
  return new AppError('conflict', 'ppks.nik_already_registered', NIK_TAKEN, {
    issues: [issue('nik', 'ppks.nik_already_registered', NIK_TAKEN)],
  });
}

function checkContext(lookup: Awaited<ReturnType<RegionsService['lookup']>>): PpksCheckContext {
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
