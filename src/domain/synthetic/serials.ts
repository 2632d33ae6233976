/**
 * Serial numbers (the last four digits) for synthetic NIK and KK numbers. A real serial counts people
 * registered in one district on one date; here one counter per district and month does the same job in a
 * fixed amount of memory (1,536 months × 2 counters of 2 bytes per district, whatever the number of households), and the
 * first serial of each counter is drawn from the seed, so:
 * - within one run a number repeats only if more than 9,999 people of one district share a birth month;
 * - runs with different seeds use different serial ranges, so they rarely collide either.
 */
import { hashSeed } from './prng.ts';

const SERIALS = 9999;
const YEARS = 128;
const SLOTS = YEARS * 12;

/** Districts per allocated block of counters: one allocation per 64 districts, not one per district. */
const BLOCK = 64;

export class SerialAllocator {
  readonly #seed: string;
  /** District code → its slot number; the district's counters start at slot × 2 × SLOTS in its block. */
  readonly #districts = new Map<string, number>();
  /** Per district: each month's next offset, then (from SLOTS on) each month's seed-drawn start + 1. */
  readonly #blocks: Uint16Array[] = [];

  /** `kind` separates independent number spaces (NIK and KK) under one seed. */
  constructor(seed: number | string, kind: string) {
    this.#seed = `${seed}/${kind}`;
  }

  /** The next serial (1–9999) for a number issued in `districtCode` (dotted) with the date `isoDate`. */
  next(districtCode: string, isoDate: string): number {
    const year = Number(isoDate.slice(0, 4));
    const month = Number(isoDate.slice(5, 7));
    let district = this.#districts.get(districtCode);
    if (district === undefined) {
      district = this.#districts.size;
      this.#districts.set(districtCode, district);
      if (district % BLOCK === 0) this.#blocks.push(new Uint16Array(BLOCK * 2 * SLOTS));
    }
    const counters = this.#blocks[Math.floor(district / BLOCK)]!;
    const base = (district % BLOCK) * 2 * SLOTS;
    const slot = base + (((year % YEARS) + YEARS) % YEARS) * 12 + (month - 1);
    let start = counters[SLOTS + slot]! - 1;
    if (start < 0) {
      start = hashSeed(this.#seed, districtCode, year, month) % SERIALS;
      counters[SLOTS + slot] = start + 1;
    }
    const k = counters[slot]!;
    counters[slot] = (k + 1) % SERIALS;
    return 1 + ((start + k) % SERIALS);
  }
}
