import type { Kysely } from 'kysely';
import type { DB, PsksRow } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { coded, type FieldIssue, issue, type Text, validationError } from '../../domain/errors.ts';
import { isPsksKind } from '../../domain/registry/ppks-psks.ts';
import { newId } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import type { IdentityCheck, IdentityGuard } from '../access/identity-guard.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { searchForm } from '../households/households.mapper.ts';
import type { Removal } from '../households/households.schemas.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { RecordVersionsRepository } from '../social/record-versions.repository.ts';
import {
  assertNotDuplicate,
  newRecordColumns,
  type RecordChange,
  RegisterRecords,
  villageWithin,
} from '../social/register-records.ts';
import { blankToNull, type RegionPathEntry, type VillageLookup } from '../social/social-register.ts';
import { checkPsksFields } from './psks.checks.ts';
import { psksFromRow, psksListItem } from './psks.mapper.ts';
import type { PsksRepository } from './psks.repository.ts';
import type { Psks, PsksCreate, PsksListItem, PsksListQuery, PsksPatch } from './psks.schemas.ts';

const PSKS: Text = label('record.psks');

export type PsksDetail = Psks & { regionPath: RegionPathEntry[] };
/** After a write: the record and any non-blocking findings about what was entered. */
export type PsksSaved = PsksDetail & { warnings: FieldIssue[] };

/**
 * PSKS register: social-welfare potentials and resources — workers (TKSK, PSM, social workers, …) and
 * institutions (LKS, karang taruna, …) with their village and contact. Same access, versioning and audit
 * rules as the PPKS register (the shared flows live in RegisterRecords).
 */
export class PsksService {
  readonly #repo: PsksRepository;
  readonly #records: RegisterRecords<PsksRow, RecordChange<PsksRow>>;
  readonly #identity: IdentityGuard;

  constructor(
    db: Kysely<DB>,
    repo: PsksRepository,
    versions: RecordVersionsRepository,
    regions: RegionsService,
    audit: AuditService,
    identity: IdentityGuard,
  ) {
    this.#repo = repo;
    this.#identity = identity;
    this.#records = new RegisterRecords(db, versions, regions, audit, {
      entity: 'psks',
      what: PSKS,
      repo,
      snapshotAfterWrite: async (_trx, row) => psksFromRow(row),
    });
  }

  // ---------------------------------------------------------------- reads

  async list(
    actor: Actor,
    query: PsksListQuery,
  ): Promise<{ items: PsksListItem[]; nextCursor: string | null; total: number | null }> {
    requirePermission(actor, 'registry.read');
    return this.#records.list(actor, query, {
      checkFilters: () => {
        if (query.kind !== undefined && !isPsksKind(query.kind)) {
          throw validationError([issue('kind', 'psks.unknown_kind', { kind: query.kind })]);
        }
      },
      fetch: (db, filter) => this.#repo.list(db, { ...filter, kind: query.kind }),
      count: (db, filter) => this.#repo.count(db, { ...filter, kind: query.kind }),
      items: (page) => page.map(psksListItem),
    });
  }

  async get(actor: Actor, id: string): Promise<PsksDetail> {
    requirePermission(actor, 'registry.read');
    return this.#detail(await this.#records.read(actor, id));
  }

  async history(actor: Actor, id: string) {
    requirePermission(actor, 'registry.read');
    return this.#records.history(actor, id);
  }

  // ---------------------------------------------------------------- writes

  async create(actor: Actor, input: PsksCreate): Promise<PsksSaved> {
    requirePermission(actor, 'social.write');
    if (!blankToNull(input.nik)) return this.#create(actor, input, null);
    return this.#identity.run(actor, { action: 'psks.create' }, (check) => this.#create(actor, input, check));
  }

  async #create(actor: Actor, input: PsksCreate, check: IdentityCheck | null): Promise<PsksSaved> {
    const lookup = await this.#records.regionLookup();
    const errors: FieldIssue[] = [];
    const village = villageWithin(actor, input.regionCode, lookup);
    if (!village.ok) errors.push(village.issue);
    const fields = textColumns(input);
    const checked = checkPsksFields(
      { kind: input.kind, nik: fields.nik ?? null, phone: fields.phone ?? null, email: fields.email ?? null },
      { kind: true, nik: true, phone: true, email: true },
      checkContext(lookup),
    );
    errors.push(...checked.errors);
    if (errors.length || !village.ok) throw validationError(errors);

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
      ...newRecordColumns(actor),
    };
    await this.#records.create(actor, row, async (trx) => {
      if (row.nik) await this.#assertNotRegistered(trx, check!, row.kind, row.nik, row.id);
      await this.#repo.insert(trx, row);
      return { patch: {} };
    });
    return { ...(await this.#detail(row)), warnings: checked.warnings };
  }

  async update(actor: Actor, id: string, body: PsksPatch): Promise<PsksSaved> {
    requirePermission(actor, 'social.write');
    if (!blankToNull(body.nik)) return this.#update(actor, id, body, null);
    return this.#identity.run(actor, { action: 'psks.update' }, (check) =>
      this.#update(actor, id, body, check),
    );
  }

  async #update(actor: Actor, id: string, body: PsksPatch, check: IdentityCheck | null): Promise<PsksSaved> {
    const { version, reason, ...input } = body;
    const ctx = checkContext(await this.#records.regionLookup());
    const fields = textColumns(input);
    const saved = await this.#records.mutate(actor, id, version, 'update', reason, async (trx, current) => {
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
        await this.#assertNotRegistered(trx, check!, after.kind, after.nik, id);
      }
      const patch: Partial<PsksRow> = {
        ...fields,
        phone: checked.values.phone,
        email: checked.values.email,
        isInstitution: checked.values.isInstitution ? 1 : 0,
      };
      if (input.kind !== undefined) patch.kind = input.kind;
      if (input.name !== undefined) patch.name = input.name;
      return { patch, warnings: checked.warnings };
    });
    return { ...(await this.#detail(saved.row)), warnings: saved.warnings ?? [] };
  }

  async remove(actor: Actor, id: string, body: Removal): Promise<PsksDetail> {
    requirePermission(actor, 'social.write');
    return this.#detail(await this.#records.remove(actor, id, body));
  }

  // ---------------------------------------------------------------- internals

  /** One active record per person and kind (the same person may be both, say, TKSK and PSM). */
  async #assertNotRegistered(
    trx: Kysely<DB>,
    check: IdentityCheck,
    kind: string,
    nik: string,
    selfId: string,
  ): Promise<void> {
    assertNotDuplicate(check, await this.#repo.activeByKindAndNik(trx, kind, nik), selfId, {
      entity: 'psks',
      duplicate: (other) =>
        coded('psks.already_registered', { kind, name: other.name, villageCode: other.villageCode }),
    });
  }

  async #detail(row: PsksRow): Promise<PsksDetail> {
    return { ...psksFromRow(row), regionPath: await this.#records.regionPath(row.villageCode) };
  }
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
