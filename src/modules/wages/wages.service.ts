/**
 * Regional minimum wages (UMP per province, UMK per regency) per year: reference data a province's Dinas
 * Sosial keeps for its province (Pusdatin for any). Figures are published by decree, so every user reads
 * every figure; a change is checked against the writer's territory (a region outside it is refused like an
 * absent one), versioned and audited.
 */
import type { Kysely } from 'kysely';
import type { DB, MinimumWageRow } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { issue, notFound, validationError, versionConflict } from '../../domain/errors.ts';
import { type MinimumWage, wageKind } from '../../domain/wages/minimum-wage.ts';
import { nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { WagesRepository } from './wages.repository.ts';
import type { Wage, WageListQuery, WageSet } from './wages.schemas.ts';

export class WagesService {
  readonly #deps: { db: Kysely<DB>; repo: WagesRepository; regions: RegionsService; audit: AuditService };

  constructor(deps: { db: Kysely<DB>; repo: WagesRepository; regions: RegionsService; audit: AuditService }) {
    this.#deps = deps;
  }

  /** Figures of the province `region` lies in (its UMP and its regencies' UMK), or all; newest year first. */
  async list(actor: Actor, query: WageListQuery): Promise<{ items: Wage[] }> {
    requirePermission(actor, 'registry.read');
    const { db, repo, regions } = this.#deps;
    const code = query.region ? regions.normalize(query.region, 'region') : '';
    const rows = await repo.list(db, { provinceCode: code ? code.slice(0, 2) : undefined, year: query.year });
    const [, kk] = code.split('.');
    const regency = kk === undefined ? null : code.slice(0, 5);
    const shown = regency ? rows.filter((r) => r.regionCode.length === 2 || r.regionCode === regency) : rows;
    const names = await regions.names(shown.map((r) => r.regionCode));
    return { items: shown.map((r) => view(r, names.get(r.regionCode) ?? r.regionCode)) };
  }

  /** Every figure as the pure rules take them (for ranking and programme rules). */
  async all(): Promise<MinimumWage[]> {
    const { db, repo } = this.#deps;
    return (await repo.list(db, {})).map((r) => ({
      regionCode: r.regionCode,
      year: r.year,
      monthlyAmount: r.monthlyAmount,
    }));
  }

  /** Sets a region's figure for a year: a new one, or a change to the version the writer read. */
  async set(actor: Actor, input: WageSet): Promise<Wage> {
    requirePermission(actor, 'reference.write');
    const { db, repo, regions, audit } = this.#deps;
    const code = regions.normalize(input.regionCode, 'regionCode');
    if (!wageKind(code)) throw validationError([issue('regionCode', 'wage.region_level', { code })]);
    const what = label('record.region_code', { code });
    const region = await regions.find(code);
    if (!region) throw notFound(what);
    assertWithin(actor, code, what);
    const now = nowIso();
    return db.transaction().execute(async (trx) => {
      const current = await repo.find(trx, code, input.year);
      if (current && input.version !== current.version) throw versionConflict(current.version);
      const row = {
        regionCode: code,
        year: input.year,
        provinceCode: code.slice(0, 2),
        monthlyAmount: input.monthlyAmount,
        decree: input.decree?.trim() || null,
        version: (current?.version ?? 0) + 1,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      if (!current) await repo.insert(trx, row);
      else if (!(await repo.update(trx, row, current.version))) throw versionConflict(current.version + 1);
      await audit.record(trx, actor, {
        action: 'minimum_wage.set',
        entityType: 'minimum_wage',
        entityId: `${code}/${input.year}`,
        regionCode: code,
        details: { before: current?.monthlyAmount ?? null, after: row.monthlyAmount, decree: row.decree },
      });
      return view(row, region.name);
    });
  }
}

function view(r: MinimumWageRow, regionName: string): Wage {
  return {
    regionCode: r.regionCode,
    regionName,
    kind: wageKind(r.regionCode) ?? 'UMP',
    year: r.year,
    monthlyAmount: r.monthlyAmount,
    decree: r.decree,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}
