import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, PsksRow } from '../../db/schema/index.ts';
import {
  AppError,
  type FieldIssue,
  issue,
  notFound,
  type Text,
  validationError,
  versionConflict,
} from '../../domain/errors.ts';
import { isPsksKind } from '../../domain/registry/ppks-psks.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { searchForm } from '../households/households.mapper.ts';
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
  type VillageLookup,
} from '../social/social-register.ts';
import { checkPsksFields } from './psks.checks.ts';
import { psksFromRow, psksListItem } from './psks.mapper.ts';
import type { PsksRepository } from './psks.repository.ts';
import type { Psks, PsksCreate, PsksListItem, PsksListQuery, PsksPatch } from './psks.schemas.ts';

const PSKS: Text = { id: 'Data PSKS', en: 'PSKS record' };
const ENTITY = 'psks';

export type PsksDetail = Psks & { regionPath: RegionPathEntry[] };
/** After a write: the record and any non-blocking findings about what was entered. */
export type PsksSaved = PsksDetail & { warnings: FieldIssue[] };

/**
 * PSKS register: social-welfare potentials and resources — workers (TKSK, PSM, social workers, …) and
 * institutions (LKS, karang taruna, …) with their village and contact. Same access, versioning and audit
 * rules as the PPKS register.
 */
export class PsksService {
  readonly #db: Kysely<DB>;
  readonly #repo: PsksRepository;
  readonly #versions: RecordVersionsRepository;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;

  constructor(
    db: Kysely<DB>,
    repo: PsksRepository,
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
    query: PsksListQuery,
  ): Promise<{ items: PsksListItem[]; nextCursor: string | null }> {
    requirePermission(actor, 'registry.read');
    const requested = query.region ? this.#regions.normalize(query.region, 'region') : null;
    if (query.kind !== undefined && !isPsksKind(query.kind)) {
      throw validationError([
        issue('kind', 'psks.unknown_kind', {
          id: `Jenis PSKS tidak dikenal: ${query.kind}`,
          en: `Unknown PSKS kind: ${query.kind}`,
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
      kind: query.kind,
      name: name || undefined,
      nik,
      afterId,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const items = page.map(psksListItem);
    if (items.length) {
      await this.#audit.recordRead(actor, {
        action: 'psks.list',
        entityType: ENTITY,
        regionCode: scope?.value ?? null,
        details: { query: { ...query, cursor: undefined }, ids: items.map((i) => i.id) },
      });
    }
    return { items, nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.id) : null };
  }

  async get(actor: Actor, id: string): Promise<PsksDetail> {
    requirePermission(actor, 'registry.read');
    const row = await this.#visible(actor, id);
    await this.#audit.recordRead(actor, {
      action: 'psks.read',
      entityType: ENTITY,
      entityId: id,
      regionCode: row.villageCode,
    });
    return this.#detail(row);
  }

  async history(actor: Actor, id: string) {
    requirePermission(actor, 'registry.read');
    const row = await this.#visible(actor, id);
    const versions = await this.#versions.list(this.#db, ENTITY, id);
    await this.#audit.recordRead(actor, {
      action: 'psks.history',
      entityType: ENTITY,
      entityId: id,
      regionCode: row.villageCode,
    });
    return { items: historyItems(versions) };
  }

  // ---------------------------------------------------------------- writes

  async create(actor: Actor, input: PsksCreate): Promise<PsksSaved> {
    requirePermission(actor, 'social.write');
    const lookup = await this.#regions.lookup();
    const errors: FieldIssue[] = [];
    const village = resolveVillage(input.regionCode, lookup);
    if (!village.ok) errors.push(village.issue);
    else if (!isWithin(actor, village.columns.villageCode)) errors.push(outsideTerritory());
    const fields = textColumns(input);
    const checked = checkPsksFields(
      { kind: input.kind, nik: fields.nik ?? null, phone: fields.phone ?? null, email: fields.email ?? null },
      { kind: true, nik: true, phone: true, email: true },
      checkContext(lookup),
    );
    errors.push(...checked.errors);
    if (errors.length || !village.ok) throw validationError(errors);

    const now = nowIso();
    const row: PsksRow = {
      id: newId(),
      kind: input.kind,
      name: input.name,
      nameSearch: searchForm(input.name),
      nik: null,
      address: null,
      notes: null,
      ...fields,
      phone: checked.values.phone,
      email: checked.values.email,
      isInstitution: checked.values.isInstitution ? 1 : 0,
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
    await this.#db.transaction().execute(async (trx) => {
      try {
        if (row.nik) await this.#assertNotRegistered(trx, actor, row.kind, row.nik, row.id);
        await this.#repo.insert(trx, row);
        await this.#snapshot(trx, actor, row, 'create', null);
      } catch (err) {
        throw isUniqueViolation(err) ? alreadyRegistered() : err;
      }
    });
    return { ...(await this.#detail(row)), warnings: checked.warnings };
  }

  async update(actor: Actor, id: string, body: PsksPatch): Promise<PsksSaved> {
    requirePermission(actor, 'social.write');
    const { version, reason, ...input } = body;
    const ctx = checkContext(await this.#regions.lookup());
    const fields = textColumns(input);
    return this.#mutate(actor, id, version, 'update', reason, async (trx, current) => {
      const after = {
        kind: input.kind ?? current.kind,
        nik: 'nik' in fields ? (fields.nik ?? null) : current.nik,
        phone: 'phone' in fields ? (fields.phone ?? null) : current.phone,
        email: 'email' in fields ? (fields.email ?? null) : current.email,
      };
      const checked = checkPsksFields(
        after,
        {
          kind: after.kind !== current.kind,
          nik: after.nik !== current.nik,
          phone: after.phone !== current.phone,
          email: after.email !== current.email,
        },
        ctx,
      );
      if (checked.errors.length) throw validationError(checked.errors);
      if (after.nik && (after.nik !== current.nik || after.kind !== current.kind)) {
        await this.#assertNotRegistered(trx, actor, after.kind, after.nik, id);
      }
      const patch: Partial<PsksRow> = {
        ...fields,
        phone: checked.values.phone,
        email: checked.values.email,
        isInstitution: checked.values.isInstitution ? 1 : 0,
      };
      if (input.kind !== undefined) patch.kind = input.kind;
      if (input.name !== undefined) {
        patch.name = input.name;
        patch.nameSearch = searchForm(input.name);
      }
      return { patch, warnings: checked.warnings };
    });
  }

  async remove(actor: Actor, id: string, body: Removal): Promise<PsksDetail> {
    requirePermission(actor, 'social.write');
    const reason = checkRemovalReason(body.reasonCode);
    const { warnings: _w, ...detail } = await this.#mutate(
      actor,
      id,
      body.version,
      'remove',
      reason.label.en,
      async () => ({
        patch: { status: 'removed', removalReason: body.reasonCode, removalNote: blankToNull(body.note) },
      }),
    );
    return detail;
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
    change: (
      trx: Kysely<DB>,
      current: PsksRow,
    ) => Promise<{ patch: Partial<PsksRow>; warnings?: FieldIssue[] }>,
  ): Promise<PsksSaved> {
    await this.#visible(actor, id);
    const { row, warnings } = await this.#db.transaction().execute(async (trx) => {
      const current = (await this.#repo.findById(trx, id))!;
      if (current.version !== expectedVersion) throw versionConflict(current.version);
      if (current.status === 'removed') throw removedRecordError(ENTITY, PSKS, changeType === 'remove');
      try {
        const result = await change(trx, current);
        const patch = { ...result.patch, updatedAt: nowIso(), updatedBy: actor.userId };
        if (!(await this.#repo.update(trx, id, expectedVersion, patch))) {
          throw versionConflict((await this.#repo.findById(trx, id))?.version ?? expectedVersion + 1);
        }
        const next: PsksRow = { ...current, ...patch, version: expectedVersion + 1 };
        await this.#snapshot(trx, actor, next, changeType, reason);
        return { row: next, warnings: result.warnings };
      } catch (err) {
        throw isUniqueViolation(err) ? alreadyRegistered() : err;
      }
    });
    return { ...(await this.#detail(row)), warnings: warnings ?? [] };
  }

  async #snapshot(
    trx: Kysely<DB>,
    actor: Actor,
    row: PsksRow,
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
      snapshot: JSON.stringify(psksFromRow(row)),
      changedBy: actor.userId,
      changedAt: row.updatedAt,
    });
    await this.#audit.record(trx, actor, {
      action: `psks.${changeType}`,
      entityType: ENTITY,
      entityId: row.id,
      regionCode: row.villageCode,
      details: { version: row.version, reason },
    });
  }

  /** One active record per person and kind (the same person may be both, say, TKSK and PSM). */
  async #assertNotRegistered(
    trx: Kysely<DB>,
    actor: Actor,
    kind: string,
    nik: string,
    selfId: string,
  ): Promise<void> {
    const other = await this.#repo.activeByKindAndNik(trx, kind, nik);
    if (!other || other.id === selfId) return;
    if (isWithin(actor, other.villageCode)) {
      throw new AppError(
        'conflict',
        'psks.already_registered',
        {
          id: `NIK ini sudah terdaftar sebagai ${kind} aktif atas nama ${other.name} (${other.villageCode})`,
          en: `This NIK is already registered as an active ${kind}, ${other.name} (${other.villageCode})`,
        },
        { issues: [issue('nik', 'psks.already_registered', ALREADY)], extra: { existingId: other.id } },
      );
    }
    throw alreadyRegistered();
  }

  async #visible(actor: Actor, id: string): Promise<PsksRow> {
    if (!isRecordId(id)) throw notFound(PSKS);
    const row = await this.#repo.findById(this.#db, id);
    if (!row) throw notFound(PSKS);
    assertWithin(actor, row.villageCode, PSKS);
    return row;
  }

  async #detail(row: PsksRow): Promise<PsksDetail> {
    return { ...psksFromRow(row), regionPath: await regionPath(this.#regions, row.villageCode) };
  }
}

const ALREADY: Text = {
  id: 'NIK ini sudah terdaftar untuk jenis PSKS yang sama',
  en: 'This NIK is already registered for the same PSKS kind',
};

function alreadyRegistered(): AppError {
  return new AppError('conflict', 'psks.already_registered', ALREADY, {
    issues: [issue('nik', 'psks.already_registered', ALREADY)],
  });
}

function checkContext(lookup: VillageLookup) {
  return { now: new Date(), isKnownDistrict: (code: string) => lookup(code)?.level === 3 };
}

/** Columns for the optional text fields present in the input; blank text is stored as null. */
function textColumns(input: Partial<PsksCreate>): Partial<PsksRow> {
  const out: Partial<PsksRow> = {};
  for (const k of ['nik', 'address', 'phone', 'email', 'notes'] as const) {
    if (input[k] !== undefined) out[k] = blankToNull(input[k]);
  }
  return out;
}
