/**
 * Serial numbers (the last four digits) for synthetic NIK and KK numbers. A real serial counts people
 * registered in one district on one date; here one counter per district and month does the same job in a
 * fixed amount of memory (1,536 months × 2 bytes per district, whatever the number of households), and the
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
  readonly #seed: number;
  /** District code → [its number, the hash of its code]. */
  readonly #districts = new Map<string, readonly [number, number]>();
  /** Each district's SLOTS counters: how many serials each month has handed out (mod 9,999). */
  readonly #blocks: Uint16Array[] = [];

  /** `kind` separates independent number spaces (NIK and KK) under one seed. */
  constructor(seed: number | string, kind: string) {
    this.#seed = hashSeed(seed, kind);
  }

  /** The next serial (1–9999) for a number issued in `districtCode` (dotted) with the date `isoDate`. */
  next(districtCode: string, isoDate: string): number {
    const year = Number(isoDate.slice(0, 4));
    const month = Number(isoDate.slice(5, 7));
    let district = this.#districts.get(districtCode);
    if (district === undefined) {
      const n = this.#districts.size;
      district = [n, hashSeed(this.#seed, districtCode)];
      this.#districts.set(districtCode, district);
      if (n % BLOCK === 0) this.#blocks.push(new Uint16Array(BLOCK * SLOTS));
    }
    const [n, districtHash] = district;
    const month0 = (((year % YEARS) + YEARS) % YEARS) * 12 + (month - 1);
    const counters = this.#blocks[Math.floor(n / BLOCK)]!;
    const slot = (n % BLOCK) * SLOTS + month0;
    const k = counters[slot]!;
    counters[slot] = (k + 1) % SERIALS;
    const start = mix(districtHash ^ Math.imul(year * 12 + month, 0x9e3779b1)) % SERIALS;
    return 1 + ((start + k) % SERIALS);
  }
}

/** murmur3's 32-bit finalizer: a cheap, well-spread integer hash. */
function mix(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
