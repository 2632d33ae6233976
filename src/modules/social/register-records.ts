/**
 * The record flows the PPKS and PSKS registers share: territory-checked reads with a read audit, the
 * cursor-paginated list, and the one write path (optimistic version, removed-record guard, version snapshot
 * and audit entry in one transaction). Each register supplies what differs: its repository and how a
 * version is snapshotted. A unique violation (two requests registering one NIK at once) is an IdentityRace,
 * which the identity guard answers by running the write again.
 */

import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, RegionColumns } from '../../db/schema/index.ts';
import { encodeSnapshot } from '../../db/version-snapshot.ts';
import { IdentityRace } from '../../domain/access/identity.ts';
import {
  type CodedText,
  errorFrom,
  type FieldIssue,
  issueFrom,
  notFound,
  type Text,
  versionConflict,
} from '../../domain/errors.ts';
import type { Register, RegisterChange, RegisterRead } from '../../domain/registry/version-changes.ts';
import { decodeSortCursor, encodeSortCursor } from '../../lib/cursor.ts';
import { isRecordId, newId, nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, isWithin, type RegionColumn, regionScope } from '../access/actor.ts';
import type { IdentityCheck } from '../access/identity-guard.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { searchForm } from '../households/households.mapper.ts';
import type { Removal } from '../households/households.schemas.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { RecordVersionsRepository } from './record-versions.repository.ts';
import {
  blankToNull,
  checkRemovalReason,
  decodeCursor,
  encodeCursor,
  historyItems,
  outsideTerritory,
  type RegionPathEntry,
  removedRecordError,
  resolveVillage,
  type VillageLookup,
} from './social-register.ts';

/** The columns every register record carries. */
export interface RegisterRow extends RegionColumns {
  id: string;
  name: string;
  nameSearch: string;
  nik: string | null;
  status: 'active' | 'removed';
  removalReason: string | null;
  removalNote: string | null;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RegisterRepository<Row> {
  findById(db: Kysely<DB>, id: string): Promise<Row | undefined>;
  /** Optimistic update: false when the stored version is not `version`. */
  update(db: Kysely<DB>, id: string, version: number, patch: Partial<Row>): Promise<boolean>;
}

/** What a change to an existing record sets, plus any non-blocking findings about it. */
export interface RecordChange<Row> {
  patch: Partial<Row>;
  warnings?: FieldIssue[];
}

export interface RegisterConfig<Row, Change extends RecordChange<Row>> {
  /** Entity type in versions and audit, prefix of audit actions and state error codes. */
  entity: Register;
  /** The record, as named in not-found and removed-record errors. */
  what: Text;
  repo: RegisterRepository<Row>;
  /** After the row is written (inside the transaction): write any child rows, answer the version snapshot. */
  snapshotAfterWrite: (trx: Kysely<DB>, row: Row, change: Change) => Promise<unknown>;
}

export interface RegisterListQuery {
  region?: string;
  q?: string;
  status: 'active' | 'removed' | 'all';
  /** Registration order when left out. */
  sort?: 'created' | 'name';
  cursor?: string;
  limit: number;
}

/** The filters every register list and its count take. */
export interface RegisterFilter {
  scope: { column: RegionColumn; value: string } | null;
  status: 'active' | 'removed' | 'all';
  /** Lowercased substring of the name. */
  name?: string;
  nik?: string;
}

/** One page of a register list; `limit` already asks for one row beyond the page. */
export interface RegisterPageFilter extends RegisterFilter {
  sort: 'created' | 'name';
  afterId?: string;
  /** With `sort: 'name'`: the last row's search-form name (the keyset's first part, with `afterId`). */
  afterName?: string;
  limit: number;
}

export interface RegisterListPage<ListRow, Item> {
  /** The register's own filter checks, run after the region is parsed and before the cursor. */
  checkFilters?: () => void;
  fetch: (db: Kysely<DB>, filter: RegisterPageFilter) => Promise<ListRow[]>;
  /** How many records the same filters match over all pages (asked for the first page only). */
  count: (db: Kysely<DB>, filter: RegisterFilter) => Promise<number>;
  items: (rows: ListRow[]) => Promise<Item[]> | Item[];
}

export class RegisterRecords<Row extends RegisterRow, Change extends RecordChange<Row>> {
  readonly #db: Kysely<DB>;
  readonly #versions: RecordVersionsRepository;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;
  readonly #config: RegisterConfig<Row, Change>;

  constructor(
    db: Kysely<DB>,
    versions: RecordVersionsRepository,
    regions: RegionsService,
    audit: AuditService,
    config: RegisterConfig<Row, Change>,
  ) {
    this.#db = db;
    this.#versions = versions;
    this.#regions = regions;
    this.#audit = audit;
    this.#config = config;
  }

  // ---------------------------------------------------------------- reads

  async list<ListRow extends { id: string; nameSearch: string }, Item extends { id: string }>(
    actor: Actor,
    query: RegisterListQuery,
    page: RegisterListPage<ListRow, Item>,
  ): Promise<{ items: Item[]; nextCursor: string | null; total: number | null }> {
    const requested = query.region ? this.#regions.normalize(query.region, 'region') : null;
    page.checkFilters?.();
    const sort = query.sort ?? 'created';
    const first = query.cursor === undefined;
    const after = query.cursor
      ? sort === 'name'
        ? decodeSortCursor(query.cursor)
        : { value: undefined, id: decodeCursor(query.cursor) }
      : undefined;
    const scope = regionScope(actor, requested);
    if (scope === 'empty') return { items: [], nextCursor: null, total: first ? 0 : null };
    const q = query.q?.trim();
    const nik = q && /^\d{16}$/.test(q) ? q : undefined;
    const name = q && !nik ? searchForm(q) : undefined;
    const filter: RegisterFilter = { scope, status: query.status, name: name || undefined, nik };
    const [rows, total] = await Promise.all([
      page.fetch(this.#db, {
        ...filter,
        sort,
        afterId: after?.id,
        afterName: after?.value,
        limit: query.limit + 1,
      }),
      first ? page.count(this.#db, filter) : null,
    ]);
    const pageRows = rows.slice(0, query.limit);
    const items = await page.items(pageRows);
    if (items.length) {
      await this.#audit.recordRead(actor, {
        action: `${this.#config.entity}.list`,
        entityType: this.#config.entity,
        regionCode: scope?.value ?? null,
        details: { query: { ...query, cursor: undefined }, ids: items.map((i) => i.id) },
      });
    }
    const last = pageRows.at(-1);
    const nextCursor =
      rows.length > query.limit && last
        ? sort === 'name'
          ? encodeSortCursor(last.nameSearch, last.id)
          : encodeCursor(last.id)
        : null;
    return { items, nextCursor, total };
  }

  /** The record, when it exists inside the actor's territory; the read is audited. */
  async read(actor: Actor, id: string): Promise<Row> {
    const row = await this.visible(actor, id);
    await this.#auditRead(actor, 'read', row);
    return row;
  }

  /** Every version, newest first; `hidden` fields stay in the snapshots but are not shown. */
  async history(actor: Actor, id: string, hidden: readonly string[] = []) {
    const row = await this.visible(actor, id);
    const versions = await this.#versions.list(this.#db, this.#config.entity, id);
    await this.#auditRead(actor, 'history', row);
    return { items: historyItems(versions, hidden) };
  }

  /** Out-of-territory and absent records answer the same 404. */
  async visible(actor: Actor, id: string): Promise<Row> {
    const { what, repo } = this.#config;
    if (!isRecordId(id)) throw notFound(what);
    const row = await repo.findById(this.#db, id);
    if (!row) throw notFound(what);
    assertWithin(actor, row.villageCode, what);
    return row;
  }

  regionPath(villageCode: string): Promise<RegionPathEntry[]> {
    return this.#regions.path(villageCode);
  }

  regionLookup(): Promise<VillageLookup> {
    return this.#regions.lookup();
  }

  // ---------------------------------------------------------------- writes

  /** Inserts a new record with `insert`, then stores version 1 and the audit entry, in one transaction. */
  async create(actor: Actor, row: Row, insert: (trx: Kysely<DB>) => Promise<Change>): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      try {
        const change = await insert(trx);
        await this.#recordVersion(trx, actor, row, 'create', null, change);
      } catch (err) {
        // Another request registered the NIK between the check and the write: the guard runs it again.
        throw isUniqueViolation(err) ? new IdentityRace('nik', 'nik') : err;
      }
    });
  }

  /**
   * The one path every change to an existing record takes: territory, optimistic version, state, the
   * change, a version snapshot and an audit entry, all in one transaction.
   */
  async mutate(
    actor: Actor,
    id: string,
    expectedVersion: number,
    changeType: Exclude<RegisterChange, 'create'>,
    reason: string,
    change: (trx: Kysely<DB>, current: Row) => Promise<Change>,
  ): Promise<{ row: Row; warnings?: FieldIssue[] }> {
    const { entity, what, repo } = this.#config;
    await this.visible(actor, id);
    return this.#db.transaction().execute(async (trx) => {
      const current = (await repo.findById(trx, id))!;
      if (current.version !== expectedVersion) throw versionConflict(current.version);
      if (current.status === 'removed') throw removedRecordError(entity, what, changeType === 'remove');
      try {
        const result = await change(trx, current);
        const patch: Partial<Row> = {
          ...result.patch,
          ...(result.patch.name !== undefined ? { nameSearch: searchForm(result.patch.name) } : {}),
          updatedAt: nowIso(),
          updatedBy: actor.userId,
        };
        if (!(await repo.update(trx, id, expectedVersion, patch))) {
          throw versionConflict((await repo.findById(trx, id))?.version ?? expectedVersion + 1);
        }
        const next: Row = { ...current, ...patch, version: expectedVersion + 1 };
        await this.#recordVersion(trx, actor, next, changeType, reason, result);
        return { row: next, warnings: result.warnings };
      } catch (err) {
        // Another request registered the NIK between the check and the write: the guard runs it again.
        throw isUniqueViolation(err) ? new IdentityRace('nik', 'nik') : err;
      }
    });
  }

  /** Takes the record off the register: a status change with a reason; nothing is deleted. */
  async remove(actor: Actor, id: string, body: Removal): Promise<Row> {
    const reason = checkRemovalReason(body.reasonCode);
    const { row } = await this.mutate(
      actor,
      id,
      body.version,
      'remove',
      reason.label.en,
      async () =>
        ({
          patch: { status: 'removed', removalReason: body.reasonCode, removalNote: blankToNull(body.note) },
        }) as Change,
    );
    return row;
  }

  async #recordVersion(
    trx: Kysely<DB>,
    actor: Actor,
    row: Row,
    changeType: RegisterChange,
    reason: string | null,
    change: Change,
  ): Promise<void> {
    const { entity } = this.#config;
    const snapshot = await this.#config.snapshotAfterWrite(trx, row, change);
    await this.#versions.insert(trx, {
      id: newId(),
      entityType: entity,
      entityId: row.id,
      provinceCode: row.provinceCode,
      villageCode: row.villageCode,
      version: row.version,
      changeType,
      reason,
      snapshot: encodeSnapshot(snapshot),
      changedBy: actor.userId,
      changedAt: row.updatedAt,
    });
    await this.#audit.record(trx, actor, {
      action: `${entity}.${changeType}`,
      entityType: entity,
      entityId: row.id,
      regionCode: row.villageCode,
      details: { version: row.version, reason },
    });
  }

  async #auditRead(actor: Actor, what: RegisterRead, row: Row): Promise<void> {
    await this.#audit.recordRead(actor, {
      action: `${this.#config.entity}.${what}`,
      entityType: this.#config.entity,
      entityId: row.id,
      regionCode: row.villageCode,
    });
  }
}

/** Where a stored record stands, as the API answers it (`RecordState` in social.schemas.ts). */
export function recordState(r: RegisterRow) {
  return {
    status: r.status,
    removalReason: r.removalReason,
    removalNote: r.removalNote,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The columns of a record registered now by `actor`: active, version 1. */
export function newRecordColumns(actor: Actor) {
  const now = nowIso();
  return {
    status: 'active' as const,
    removalReason: null,
    removalNote: null,
    version: 1,
    createdAt: now,
    createdBy: actor.userId,
    updatedAt: now,
    updatedBy: actor.userId,
  };
}

/** The village a new record names, which must be known and inside the actor's territory. */
export function villageWithin(actor: Actor, regionCode: string, lookup: VillageLookup) {
  const village = resolveVillage(regionCode, lookup);
  if (village.ok && !isWithin(actor, village.columns.villageCode)) {
    return { ok: false as const, issue: outsideTerritory() };
  }
  return village;
}

/**
 * A second active registration of the same NIK. Inside the actor's territory the error names the
 * existing record (`detailed`); outside it is the neutral identity answer, the same for every register and
 * every other cause (the guard records the probe and tells the record's village).
 */
export function assertNotDuplicate<Other extends { id: string; villageCode: string; nik: string | null }>(
  check: IdentityCheck,
  other: Other | undefined,
  selfId: string,
  register: { entity: Register; duplicate: (other: Other) => CodedText },
): void {
  if (!other || other.id === selfId) return;
  const hidden = check.hidden({ field: 'nik', kind: 'nik', value: other.nik! }, register.entity, {
    entityType: register.entity,
    id: other.id,
    villageCode: other.villageCode,
  });
  if (hidden) throw errorFrom('conflict', hidden, { issues: [hidden] });
  const duplicate = register.duplicate(other);
  throw errorFrom('conflict', duplicate, {
    issues: [issueFrom('nik', duplicate)],
    extra: { existingId: other.id },
  });
}
