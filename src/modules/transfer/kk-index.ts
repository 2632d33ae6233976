/**
 * KK number → the line its rows started on, for every household already read from an import file: how a
 * KK whose rows come back later in the file is recognised. A national file holds millions of households,
 * so a well-formed 16-digit number is kept as two 32-bit halves in typed arrays (12 bytes a household,
 * about a fifth of a Map of strings); anything else (rejected anyway) goes to a small Map.
 */
export class KkLineIndex {
  #keys = new Uint32Array(2 * 1024);
  #lines = new Uint32Array(1024);
  #size = 0;
  readonly #other = new Map<string, number>();

  get size(): number {
    return this.#size + this.#other.size;
  }

  get(kk: string): number | undefined {
    const halves = split(kk);
    if (!halves) return this.#other.get(kk);
    const slot = this.#find(halves[0], halves[1]);
    return this.#lines[slot] ? this.#lines[slot] : undefined;
  }

  /** Remembers the first line of `kk` (lines start at 1); a KK already present keeps its first line. */
  set(kk: string, line: number): void {
    const halves = split(kk);
    if (!halves) {
      if (!this.#other.has(kk)) this.#other.set(kk, line);
      return;
    }
    if ((this.#size + 1) * 2 > this.#lines.length) this.#grow();
    const slot = this.#find(halves[0], halves[1]);
    if (this.#lines[slot]) return;
    this.#keys[2 * slot] = halves[0];
    this.#keys[2 * slot + 1] = halves[1];
    this.#lines[slot] = line;
    this.#size++;
  }

  /** Open addressing with linear probing; a slot is free when its line is 0. */
  #find(hi: number, lo: number): number {
    const mask = this.#lines.length - 1;
    let slot = (Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca77)) >>> 0;
    slot = (slot ^ (slot >>> 15)) & mask;
    while (this.#lines[slot] && (this.#keys[2 * slot] !== hi || this.#keys[2 * slot + 1] !== lo)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  #grow(): void {
    const keys = this.#keys;
    const lines = this.#lines;
    this.#keys = new Uint32Array(keys.length * 2);
    this.#lines = new Uint32Array(lines.length * 2);
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]) continue;
      const slot = this.#find(keys[2 * i]!, keys[2 * i + 1]!);
      this.#keys[2 * slot] = keys[2 * i]!;
      this.#keys[2 * slot + 1] = keys[2 * i + 1]!;
      this.#lines[slot] = lines[i]!;
    }
  }
}

function split(kk: string): [number, number] | null {
  if (!/^\d{16}$/.test(kk)) return null;
  return [Number(kk.slice(0, 8)), Number(kk.slice(8))];
}
