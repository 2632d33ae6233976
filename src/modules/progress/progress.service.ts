/**
 * Where a region stands in a period's cycle, village by village: proposals per state, the Musdes/Muskel
 * session, verivali visits per state and Dukcapil findings still open, with totals. Counts only (no
 * personal data). For a regency and anything below it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { issue, notFound, validationError } from '../../domain/errors.ts';
import { codeAtLevel, regionLevel } from '../../domain/regions/region-code.ts';
import { type Actor, assertWithin, REGION_COLUMN_BY_LEVEL, requirePermission } from '../access/actor.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsulanService } from '../usulan/usulan.service.ts';
import type { ProgressRepository } from './progress.repository.ts';
import type { Progress, ProgressRow } from './progress.schemas.ts';

export class ProgressService {
  readonly #db: Kysely<DB>;
  readonly #repo: ProgressRepository;
  readonly #usulan: UsulanService;
  readonly #regions: RegionsService;

  constructor(deps: {
    db: Kysely<DB>;
    repo: ProgressRepository;
    usulan: UsulanService;
    regions: RegionsService;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#usulan = deps.usulan;
    this.#regions = deps.regions;
  }

  async progress(actor: Actor, regionInput: string | undefined, period: string): Promise<Progress> {
    requirePermission(actor, 'registry.read');
    const input = regionInput ?? actor.regionCode;
    const code = input.trim() === '' ? '' : this.#regions.normalize(input, 'region');
    const level = code === '' ? 0 : regionLevel(code);
    if (level < 2) {
      throw validationError([issue('region', 'progress.region_too_large')]);
    }
    const what = label('record.region_code', { code });
    const region = await this.#regions.find(code);
    if (!region) throw notFound(what);
    assertWithin(actor, code, what);
    const scope = { column: REGION_COLUMN_BY_LEVEL[level as 2 | 3 | 4], value: code };

    const villages = await this.#regions.villagesUnder(code);
    const districtNames = await this.#regions.names([
      ...new Set(villages.map((v) => codeAtLevel(v.code, 3))),
    ]);
    const [usulan, musdes, visits, dukcapil] = await Promise.all([
      this.#usulan.progress(actor, code, period),
      this.#repo.musdesSessions(this.#db, scope, period),
      this.#repo.visits(this.#db, scope, period),
      this.#repo.dukcapilOpen(this.#db, codeAtLevel(code, 2), scope),
    ]);

    const rows = new Map<string, ProgressRow>(
      villages.map((v) => {
        const district = codeAtLevel(v.code, 3);
        return [
          v.code,
          {
            code: v.code,
            name: v.name,
            districtCode: district,
            districtName: districtNames.get(district) ?? district,
            usulan: {},
            musdes: null,
            visits: {},
            dukcapilOpen: 0,
          },
        ];
      }),
    );
    const totals: Progress['totals'] = { usulan: {}, musdes: {}, visits: {}, dukcapilOpen: 0 };
    const add = (into: Record<string, number>, key: string, n: number) => {
      into[key] = (into[key] ?? 0) + n;
    };
    for (const u of usulan) {
      const row = rows.get(u.villageCode);
      if (!row) continue;
      add(row.usulan, u.state, u.count);
      add(totals.usulan, u.state, u.count);
    }
    for (const s of musdes) {
      const row = rows.get(s.villageCode);
      if (row) row.musdes = { id: s.id, state: s.state, heldOn: s.heldOn };
    }
    for (const v of visits) {
      const row = rows.get(v.villageCode);
      if (!row) continue;
      add(row.visits, v.state, v.count);
      add(totals.visits, v.state, v.count);
    }
    for (const d of dukcapil) {
      const row = rows.get(d.villageCode);
      if (!row) continue;
      row.dukcapilOpen += d.count;
      totals.dukcapilOpen += d.count;
    }
    for (const row of rows.values()) add(totals.musdes, row.musdes?.state ?? 'none', 1);
    return {
      region: { code, name: region.name, level },
      period,
      villages: [...rows.values()],
      totals,
    };
  }
}
