/**
 * Programmes as configuration: versioned documents (src/domain/programmes) uploaded as drafts, checked with
 * the path of every problem, published (retiring the version before), and read by everyone. A version never
 * changes once stored; `markUsed` records that a recipient list was computed with it.
 *
 * Who manages what is a matter of territory, not of role names: `programme.manage` within the actor's own
 * territory exactly — national programmes (territory: the nation) by Pusdatin and admin, a provincial
 * programme (territory: its province) by that province's Dinas Sosial.
 */
import type { Kysely } from 'kysely';
import type { DB, ProgrammeRow, ProgrammeVersionRow } from '../../db/schema/index.ts';
import { can } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import type { Text } from '../../domain/errors.ts';
import { AppError, notFound, validationError } from '../../domain/errors.ts';
import { DEFAULT_PROGRAMMES } from '../../domain/programmes/defaults.ts';
import {
  fieldIssuesOf,
  type ProgrammeDocument,
  validateProgramme,
} from '../../domain/programmes/document.ts';
import { nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ProgrammesRepository } from './programmes.repository.ts';
import type {
  ProgrammeDetail,
  ProgrammeSummary,
  ProgrammeVersionDetail,
  ProgrammeVersionSummary,
} from './programmes.schemas.ts';

const PROGRAMME = label('record.programme');

/** A published version as the recipients work reads it. */
export interface CurrentProgramme {
  code: string;
  version: string;
  publishedAt: string;
  used: boolean;
  doc: ProgrammeDocument;
}

type Owner = Pick<ProgrammeRow, 'door' | 'provinceCode'>;

/** The territory a programme belongs to: '' (the nation) or its province. */
function territoryOf(p: Owner): string {
  return p.door === 'province' ? (p.provinceCode ?? '') : '';
}

function ownerText(territory: string): Text {
  return territory === ''
    ? label('programme.owner.national')
    : label('programme.owner.province', { code: territory });
}

export function mayManage(actor: Actor, p: Owner): boolean {
  return can(actor.role, 'programme.manage') && actor.regionCode === territoryOf(p);
}

function assertMayManage(actor: Actor, p: Owner): void {
  requirePermission(actor, 'programme.manage');
  if (!mayManage(actor, p)) {
    throw new AppError('forbidden', 'programme.outside_territory', {
      owner: ownerText(territoryOf(p)),
      territory: ownerText(actor.regionCode),
    });
  }
}

function versionSummary(row: ProgrammeVersionRow): ProgrammeVersionSummary {
  return {
    code: row.code,
    version: row.version,
    state: row.state,
    used: Number(row.used) === 1,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
  };
}

function versionDetail(row: ProgrammeVersionRow): ProgrammeVersionDetail {
  return { ...versionSummary(row), document: JSON.parse(row.document) as Record<string, unknown> };
}

function current(row: ProgrammeVersionRow): CurrentProgramme {
  return {
    code: row.code,
    version: row.version,
    publishedAt: row.publishedAt!,
    used: Number(row.used) === 1,
    doc: JSON.parse(row.document) as ProgrammeDocument,
  };
}

export class ProgrammesService {
  readonly #deps: { db: Kysely<DB>; repo: ProgrammesRepository; audit: AuditService };

  constructor(deps: { db: Kysely<DB>; repo: ProgrammesRepository; audit: AuditService }) {
    this.#deps = deps;
  }

  #summary(actor: Actor, p: ProgrammeRow, versions: ProgrammeVersionRow[]): ProgrammeSummary {
    const published = versions.find((v) => v.state === 'published');
    const latest = versions[0]!;
    const named = JSON.parse((published ?? latest).document) as ProgrammeDocument;
    return {
      code: p.code,
      door: p.door,
      provinceCode: p.provinceCode,
      name: named.name,
      current: published ? versionDetail(published) : null,
      latest: versionSummary(latest),
      manageable: mayManage(actor, p),
    };
  }

  async list(actor: Actor): Promise<{ items: ProgrammeSummary[] }> {
    requirePermission(actor, 'registry.read');
    const { db, repo } = this.#deps;
    const programmes = await repo.list(db);
    const items: ProgrammeSummary[] = [];
    for (const p of programmes) items.push(this.#summary(actor, p, await repo.versions(db, p.code)));
    // National programmes first (in the order DTKS lists them), then provincial ones by code.
    const rank = (s: ProgrammeSummary) => (s.door === 'pusdatin' ? 0 : 1);
    return { items: items.sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code)) };
  }

  async get(actor: Actor, code: string): Promise<ProgrammeDetail> {
    requirePermission(actor, 'registry.read');
    const { db, repo } = this.#deps;
    const p = await repo.find(db, code);
    if (!p) throw notFound(PROGRAMME);
    const versions = await repo.versions(db, code);
    return { ...this.#summary(actor, p, versions), versions: versions.map(versionSummary) };
  }

  async versions(actor: Actor, code: string): Promise<{ items: ProgrammeVersionSummary[] }> {
    return { items: (await this.get(actor, code)).versions };
  }

  async version(actor: Actor, code: string, version: string): Promise<ProgrammeVersionDetail> {
    requirePermission(actor, 'registry.read');
    const { db, repo } = this.#deps;
    const row = await repo.findVersion(db, code, version);
    if (!row) throw notFound(PROGRAMME);
    return versionDetail(row);
  }

  /**
   * Checks a document and stores it as a draft version (creating the programme with its first version).
   * Anything wrong is refused with the JSON pointer of every problem and nothing is stored; an existing
   * version is refused (409): versions are immutable.
   */
  async upload(actor: Actor, json: unknown): Promise<ProgrammeVersionDetail> {
    requirePermission(actor, 'programme.manage');
    const checked = validateProgramme(json);
    if (!checked.ok) throw validationError(fieldIssuesOf(checked.errors));
    const doc = checked.doc;
    const owner = { door: doc.door, provinceCode: doc.provinceCode ?? null };
    assertMayManage(actor, owner);
    const { db, repo, audit } = this.#deps;
    return db.transaction().execute(async (trx) => {
      const existing = await repo.findVersion(trx, doc.code, doc.version);
      if (existing) {
        const extra = { currentState: existing.state, used: Number(existing.used) === 1 };
        const params = { code: doc.code, version: doc.version };
        throw Number(existing.used) === 1
          ? new AppError('conflict', 'programme.used', params, { extra })
          : new AppError('conflict', 'programme.exists', params, { extra });
      }
      const at = nowIso();
      if (!(await repo.find(trx, doc.code))) {
        await repo.insert(trx, { code: doc.code, ...owner, createdAt: at });
      }
      const row: ProgrammeVersionRow = {
        code: doc.code,
        version: doc.version,
        document: JSON.stringify(doc),
        state: 'draft',
        used: 0,
        createdAt: at,
        createdBy: actor.userId,
        publishedAt: null,
        publishedBy: null,
      };
      await repo.insertVersion(trx, row);
      await audit.record(trx, actor, {
        action: 'programme.upload',
        entityType: 'programme',
        entityId: doc.code,
        details: { version: doc.version },
      });
      return versionDetail(row);
    });
  }

  /** Makes a draft the programme's current version, retiring the one in force (409 unless a draft). */
  async publish(actor: Actor, code: string, version: string): Promise<ProgrammeVersionDetail> {
    requirePermission(actor, 'programme.manage');
    const { db, repo, audit } = this.#deps;
    const p = await repo.find(db, code);
    if (!p) throw notFound(PROGRAMME);
    assertMayManage(actor, p);
    return db.transaction().execute(async (trx) => {
      const row = await repo.findVersion(trx, code, version);
      if (!row) throw notFound(PROGRAMME);
      const at = nowIso();
      if (row.state !== 'draft' || !(await repo.publish(trx, code, version, at, actor.userId))) {
        throw new AppError(
          'state',
          'programme.not_draft',
          { code, version, state: row.state },
          { extra: { currentState: row.state } },
        );
      }
      const previous = (await repo.versions(trx, code)).find(
        (v) => v.state === 'retired' && v.version !== version,
      );
      await audit.record(trx, actor, {
        action: 'programme.publish',
        entityType: 'programme',
        entityId: code,
        details: { version, retired: previous?.version ?? null },
      });
      return versionDetail({ ...row, state: 'published', publishedAt: at, publishedBy: actor.userId });
    });
  }

  /** The version of `code` in force now, or at `at` (ISO timestamp); null when none was published by then. */
  async current(code: string, at?: string, db: Kysely<DB> = this.#deps.db): Promise<CurrentProgramme | null> {
    const { repo } = this.#deps;
    if (at === undefined) {
      const row = (await repo.versions(db, code)).find((v) => v.state === 'published');
      return row ? current(row) : null;
    }
    const row = await repo.currentAt(db, code, at);
    return row ? current(row) : null;
  }

  /**
   * The name a reader sees for a programme: the version in force's, else the shipped default's, else the
   * code. No actor: printed on what the caller already shows (invitations, a partner's batch).
   */
  async displayName(code: string): Promise<Text> {
    const programme = await this.current(code);
    return (
      programme?.doc.name ?? DEFAULT_PROGRAMMES.find((d) => d.code === code)?.name ?? { id: code, en: code }
    );
  }

  /**
   * The document of one version (any state), for rendering what was computed with it; null when unknown.
   * No actor: the caller (recipients) has already checked the reader may see what was computed.
   */
  async document(
    code: string,
    version: string,
    db: Kysely<DB> = this.#deps.db,
  ): Promise<ProgrammeDocument | null> {
    const row = await this.#deps.repo.findVersion(db, code, version);
    return row ? (JSON.parse(row.document) as ProgrammeDocument) : null;
  }

  /** Every programme's version in force now, national programmes first. */
  async currentAll(db: Kysely<DB> = this.#deps.db): Promise<CurrentProgramme[]> {
    const rows = await this.#deps.repo.published(db);
    const rank = (c: CurrentProgramme) => (c.doc.door === 'pusdatin' ? 0 : 1);
    return rows.map(current).sort((a, b) => rank(a) - rank(b) || a.code.localeCompare(b.code));
  }

  /**
   * Records that a recipient list was computed with this version (in the caller's transaction): from then on
   * it never changes. Throws not found for an unknown or draft version.
   */
  async markUsed(code: string, version: string, db: Kysely<DB> = this.#deps.db): Promise<void> {
    if (!(await this.#deps.repo.markUsed(db, code, version))) throw notFound(PROGRAMME);
  }
}
