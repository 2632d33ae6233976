import type { Kysely } from 'kysely';
import type { DB, Region } from '../../db/schema/index.ts';
import { label } from '../../domain/catalogue.ts';
import { issue, notFound, validationError } from '../../domain/errors.ts';
import {
  ancestorCodes,
  MAX_REGION_BATCH,
  normalizeRegionCode,
  regionLevel,
} from '../../domain/regions/region-code.ts';
import type { RegionsRepository } from './regions.repository.ts';

export interface RegionView {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

/** One step of the way from the province down to a record's village, as detail views show it. */
export interface RegionPathEntry {
  code: string;
  name: string;
  level: number;
}

export interface RegionDetail extends RegionView {
  ancestors: RegionView[];
  children: RegionView[];
}

interface RegionIndex {
  byCode: Map<string, Region>;
  children: Map<string | null, Region[]>;
}

const view = (r: Region): RegionView => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parentCode,
});

/**
 * Regions are public, immutable reference data (loaded by a migration): no territory check, no audit.
 * Each process reads the table once into an index (~92,000 rows), so validation inside write transactions
 * never needs a second query — on SQLite's single connection that would wait for itself.
 */
export class RegionsService {
  readonly #db: Kysely<DB>;
  readonly #repo: RegionsRepository;
  #index: Promise<RegionIndex> | null = null;
  /** Paths already built, by village code: every record view shows one (bounded by the number of regions). */
  readonly #paths = new Map<string, readonly RegionPathEntry[]>();

  constructor(db: Kysely<DB>, repo: RegionsRepository) {
    this.#db = db;
    this.#repo = repo;
  }

  #load(): Promise<RegionIndex> {
    this.#index ??= this.#repo.all(this.#db).then((rows) => {
      const byCode = new Map<string, Region>();
      const children = new Map<string | null, Region[]>();
      for (const r of rows) {
        byCode.set(r.code, r);
        const list = children.get(r.parentCode);
        if (list) list.push(r);
        else children.set(r.parentCode, [r]);
      }
      return { byCode, children };
    });
    return this.#index;
  }

  /** Accepts dotted or undotted codes; throws a validation error for a malformed one. */
  normalize(input: string, field = 'regionCode'): string {
    const n = normalizeRegionCode(input);
    if (!n.ok) throw validationError([{ ...n.issue, field }]);
    return n.code;
  }

  async find(code: string): Promise<Region | undefined> {
    return (await this.#load()).byCode.get(code);
  }

  async get(input: string): Promise<RegionDetail> {
    const code = this.normalize(input, 'code');
    const index = await this.#load();
    const region = index.byCode.get(code);
    if (!region) throw notFound(label('record.region_code', { code }));
    return {
      ...view(region),
      ancestors: ancestorCodes(code).flatMap((c) =>
        index.byCode.has(c) ? [view(index.byCode.get(c)!)] : [],
      ),
      children: (index.children.get(code) ?? []).map(view),
    };
  }

  /**
   * The regions named by `inputs` (dotted or not), in the order asked, each once; unknown codes are left out
   * (regions are public reference data, so absence tells nothing). A malformed code is a validation error.
   */
  async many(inputs: string[], field: string): Promise<RegionView[]> {
    if (inputs.length > MAX_REGION_BATCH) {
      throw validationError([issue(field, 'regions.too_many', { max: MAX_REGION_BATCH })]);
    }
    const index = await this.#load();
    const codes = new Set(inputs.map((c, i) => this.normalize(c.trim(), `${field}.${i}`)));
    return [...codes].flatMap((c) => {
      const r = index.byCode.get(c);
      return r ? [view(r)] : [];
    });
  }

  async provinces(): Promise<RegionView[]> {
    return ((await this.#load()).children.get(null) ?? []).map(view);
  }

  /**
   * Province down to `code` (itself included), with names; a code missing from the reference data keeps its
   * code as its name. Regions never change while a process runs, so each path is built once (its entries
   * are frozen and shared; the array is the caller's own).
   */
  async path(code: string): Promise<RegionPathEntry[]> {
    let path = this.#paths.get(code);
    if (!path) {
      const codes = [...ancestorCodes(code), code];
      const names = await this.names(codes);
      path = codes.map((c) => Object.freeze({ code: c, name: names.get(c) ?? c, level: regionLevel(c) }));
      this.#paths.set(code, path);
    }
    return [...path];
  }

  async names(codes: string[]): Promise<Map<string, string>> {
    const index = await this.#load();
    const out = new Map<string, string>();
    for (const c of codes) {
      const r = index.byCode.get(c);
      if (r) out.set(c, r.name);
    }
    return out;
  }

  /** Synchronous membership test for validation inside transactions. */
  async lookup(): Promise<(code: string) => Region | undefined> {
    const index = await this.#load();
    return (code) => index.byCode.get(code);
  }

  /**
   * Every village (level 4) in `input` (any level, dotted or not; '' = the whole nation), in code order;
   * a village code gives itself. Throws not-found for an unknown region.
   */
  async villagesUnder(input: string): Promise<Region[]> {
    const index = await this.#load();
    const code = input.trim() === '' ? null : this.normalize(input, 'region');
    if (code !== null && !index.byCode.has(code)) {
      throw notFound(label('record.region_code', { code }));
    }
    if (code !== null && index.byCode.get(code)!.level === 4) return [index.byCode.get(code)!];
    const out: Region[] = [];
    const walk = (parent: string | null) => {
      for (const r of index.children.get(parent) ?? []) {
        if (r.level === 4) out.push(r);
        else walk(r.code);
      }
    };
    walk(code);
    return out;
  }
}
