/**
 * Fills a database with synthetic households (demo, tests, benchmarks) through the same import path real
 * files take, so every generated household is validated, territory-checked, versioned and audited.
 * Households are generated and imported one chunk at a time: memory stays flat whatever the total.
 */
import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema/index.ts';
import { localIsoDate } from '../../domain/calendar.ts';
import { label } from '../../domain/catalogue.ts';
import { type FieldIssue, issue, validationError } from '../../domain/errors.ts';
import { codeAtLevel } from '../../domain/regions/region-code.ts';
import {
  createHouseholdGenerator,
  type SyntheticDistrict,
  type SyntheticVillage,
} from '../../domain/synthetic/households.ts';
import { createRng } from '../../domain/synthetic/prng.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import type { HouseholdCreate } from '../households/households.schemas.ts';
import type { HouseholdsService } from '../households/households.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { SeedRepository } from './seed.repository.ts';

export interface SeedOptions {
  households: number;
  /** Region to fill (any level, dotted or not); '' or absent = the whole nation. */
  regionCode?: string;
  /** Same seed, same date and same region: the same households. */
  seed?: string | number;
  /** The date the data describes (YYYY-MM-DD); default today. */
  asOf?: string;
  /** Households per import transaction. */
  chunkSize?: number;
}

export interface SeedProgress {
  /** Households processed so far (created + unchanged + rejected). */
  done: number;
  total: number;
  created: number;
  /** Already present (same KK in the same village): a re-run with the same seed adds nothing. */
  unchanged: number;
  rejected: number;
  /** Members of the created households. */
  persons: number;
  elapsedMs: number;
}

export interface SeedResult extends SeedProgress {
  regionCode: string;
  villages: number;
  seed: string;
  /** The first few rejected households, with their issues (a generator bug if ever non-empty). */
  rejections: { ref: string; issues: FieldIssue[] }[];
}

export const DEFAULT_SEED_CHUNK = 500;
export const MAX_SEED_HOUSEHOLDS = 100_000_000;
const KEPT_REJECTIONS = 5;

export class SeedService {
  readonly #db: Kysely<DB>;
  readonly #repo: SeedRepository;
  readonly #regions: RegionsService;
  readonly #households: HouseholdsService;

  constructor(db: Kysely<DB>, repo: SeedRepository, regions: RegionsService, households: HouseholdsService) {
    this.#db = db;
    this.#repo = repo;
    this.#regions = regions;
    this.#households = households;
  }

  /** True when the database holds no household at all (the demo seeds only then). */
  async isEmpty(): Promise<boolean> {
    return !(await this.#repo.hasHouseholds(this.#db));
  }

  async seed(actor: Actor, opts: SeedOptions, onProgress?: (p: SeedProgress) => void): Promise<SeedResult> {
    requirePermission(actor, 'registry.import');
    const plan = await this.#plan(opts);
    assertWithin(actor, plan.regionCode, label('record.region_code', { code: plan.regionCode }));
    const started = performance.now();
    const progress: SeedProgress = {
      done: 0,
      total: opts.households,
      created: 0,
      unchanged: 0,
      rejected: 0,
      persons: 0,
      elapsedMs: 0,
    };
    const rejections: SeedResult['rejections'] = [];
    for await (const chunk of this.#chunks(plan)) {
      const rows = chunk.map((input, i) => ({ ref: String(progress.done + i + 1), input }));
      const results = await this.#households.importBatch(actor, rows, {
        acceptWarnings: false,
        action: 'household.seed',
        reason: 'data contoh buatan (demo)',
        source: 'seed',
        findDuplicates: false,
      });
      results.forEach((r, i) => {
        if (r.status === 'created') {
          progress.created++;
          progress.persons += chunk[i]!.members.length;
        } else if (r.status === 'unchanged') progress.unchanged++;
        else {
          progress.rejected++;
          if (rejections.length < KEPT_REJECTIONS) rejections.push({ ref: r.ref, issues: r.issues });
        }
      });
      progress.done += chunk.length;
      progress.elapsedMs = performance.now() - started;
      onProgress?.({ ...progress });
    }
    return {
      ...progress,
      regionCode: plan.regionCode,
      villages: plan.villages.length,
      seed: plan.seed,
      rejections,
    };
  }

  /**
   * The households `seed` would import with these options, a chunk at a time and without importing them
   * (benchmarks compare the import path against plain inserts of exactly these households).
   */
  async *generate(opts: SeedOptions): AsyncGenerator<HouseholdCreate[]> {
    yield* this.#chunks(await this.#plan(opts));
  }

  async #plan(opts: SeedOptions): Promise<SeedPlan> {
    const total = opts.households;
    const chunkSize = opts.chunkSize ?? DEFAULT_SEED_CHUNK;
    if (!Number.isInteger(total) || total < 1 || total > MAX_SEED_HOUSEHOLDS) {
      throw validationError([issue('households', 'seed.invalid_count', { MAX_SEED_HOUSEHOLDS })]);
    }
    if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 10_000) {
      throw validationError([issue('chunkSize', 'seed.invalid_chunk')]);
    }
    const regionCode = opts.regionCode?.trim() ? this.#regions.normalize(opts.regionCode, 'region') : '';
    const villages = await this.#regions.villagesUnder(regionCode);
    if (villages.length === 0) {
      throw validationError([issue('region', 'seed.no_villages', { regionCode })]);
    }
    const seed = String(opts.seed ?? 1);
    return {
      total,
      chunkSize,
      regionCode,
      villages,
      seed,
      asOf: opts.asOf ?? localIsoDate(new Date()),
    };
  }

  async *#chunks(plan: SeedPlan): AsyncGenerator<HouseholdCreate[]> {
    const generator = createHouseholdGenerator({ seed: plan.seed, asOf: plan.asOf });
    const pickVillage = villagePicker(plan.villages, plan.seed);
    const places = new PlaceCache(this.#regions);
    for (let done = 0; done < plan.total; ) {
      const size = Math.min(plan.chunkSize, plan.total - done);
      const chunk: HouseholdCreate[] = [];
      for (let i = 0; i < size; i++) chunk.push(generator.next(await places.village(pickVillage())));
      done += size;
      yield chunk;
    }
  }
}

interface SeedPlan {
  total: number;
  chunkSize: number;
  regionCode: string;
  villages: Region[];
  seed: string;
  asOf: string;
}

/**
 * Draws villages for successive households. Villages differ in size: each gets a fixed weight from its
 * code (not from the seed: a village is as big in every run), so households cluster realistically.
 */
function villagePicker(villages: readonly Region[], seed: string): () => Region {
  const cumulative = new Float64Array(villages.length);
  let sum = 0;
  villages.forEach((v, i) => {
    const u = createRng('village-size', v.code).next();
    sum += 0.25 + 2.5 * u * u;
    cumulative[i] = sum;
  });
  const rng = createRng(seed, 'village');
  return () => {
    const target = rng.next() * sum;
    let lo = 0;
    let hi = villages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return villages[lo]!;
  };
}

/** What the generator needs to know about a village, built once per village and per province. */
class PlaceCache {
  readonly #regions: RegionsService;
  readonly #villages = new Map<string, SyntheticVillage>();
  readonly #provinces = new Map<string, SyntheticDistrict[]>();
  readonly #districts = new Map<string, SyntheticDistrict>();

  constructor(regions: RegionsService) {
    this.#regions = regions;
  }

  async village(v: Region): Promise<SyntheticVillage> {
    const cached = this.#villages.get(v.code);
    if (cached) return cached;
    const provinceDistricts = await this.#provinceDistricts(v.provinceCode);
    const districtCode = codeAtLevel(v.code, 3);
    const district = this.#districts.get(districtCode) ?? {
      code: districtCode,
      regencyName: birthPlaceName((await this.#regions.find(codeAtLevel(v.code, 2)))?.name ?? ''),
    };
    const place = { code: v.code, name: v.name, district, provinceDistricts };
    this.#villages.set(v.code, place);
    return place;
  }

  async #provinceDistricts(provinceCode: string): Promise<SyntheticDistrict[]> {
    const cached = this.#provinces.get(provinceCode);
    if (cached) return cached;
    const out: SyntheticDistrict[] = [];
    for (const regency of (await this.#regions.get(provinceCode)).children) {
      const regencyName = birthPlaceName(regency.name);
      for (const d of (await this.#regions.get(regency.code)).children) {
        const district = { code: d.code, regencyName };
        out.push(district);
        this.#districts.set(d.code, district);
      }
    }
    this.#provinces.set(provinceCode, out);
    return out;
  }
}

/** "Kabupaten Aceh Selatan" → "Aceh Selatan", "Kota Administrasi Jakarta Pusat" → "Jakarta Pusat". */
export function birthPlaceName(regencyName: string): string {
  return regencyName.replace(/^(Kabupaten|Kota)\s+(Administrasi\s+)?/i, '').trim() || regencyName;
}
