/**
 * Mapping a KPM to a distribution point from where they live (village, RW, RT). A point covers villages, and
 * within a village optionally some RWs, and within an RW optionally some RTs. The most specific covering point
 * wins: RT over RW over village over a kecamatan-wide point; between equally specific points the lowest code,
 * so the mapping never depends on the order points were created in.
 */

export interface Coverage {
  villageCode: string;
  /** Absent: the whole village. */
  rw?: string[];
  /** Only with exactly one RW: those RTs of it. */
  rt?: string[];
}

/** A new distribution point: where it is (never a person's address) and what it covers. */
export interface PointInput {
  code: string;
  name: string;
  districtCode: string;
  villageCode?: string;
  place: string;
  coverage: Coverage[];
}

export interface PointForMapping {
  id: string;
  code: string;
  districtCode: string;
  /** Empty: serves its whole kecamatan. */
  coverage: Coverage[];
}

export interface Residence {
  districtCode: string;
  villageCode: string;
  rt: string;
  rw: string;
}

/** RT/RW as written ("03", "3", " 003 ") compare as numbers; empty or non-numeric is missing. */
export function normaliseNeighbourhood(value: string): string | null {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n === 0 ? null : String(n).padStart(3, '0');
}

/** How specifically a point covers a residence: 4 RT, 3 RW, 2 village, 1 kecamatan, 0 not at all. */
export function coverageRank(point: PointForMapping, home: Residence): number {
  if (point.districtCode !== home.districtCode) return 0;
  if (point.coverage.length === 0) return 1;
  const rw = normaliseNeighbourhood(home.rw);
  const rt = normaliseNeighbourhood(home.rt);
  let best = 0;
  for (const c of point.coverage) {
    if (c.villageCode !== home.villageCode) continue;
    if (!c.rw || c.rw.length === 0) {
      best = Math.max(best, 2);
      continue;
    }
    if (rw === null || !c.rw.some((x) => normaliseNeighbourhood(x) === rw)) continue;
    if (!c.rt || c.rt.length === 0) {
      best = Math.max(best, 3);
      continue;
    }
    if (rt !== null && c.rt.some((x) => normaliseNeighbourhood(x) === rt)) best = 4;
  }
  return best;
}

/** The point a KPM collects from, or null when no point covers their home. */
export function mapToPoint<P extends PointForMapping>(points: readonly P[], home: Residence): P | null {
  let chosen: P | null = null;
  let chosenRank = 0;
  for (const p of points) {
    const rank = coverageRank(p, home);
    if (rank === 0) continue;
    if (rank > chosenRank || (rank === chosenRank && chosen !== null && p.code < chosen.code)) {
      chosen = p;
      chosenRank = rank;
    }
  }
  return chosen;
}

/** Problems of a coverage list (field path, code) — RTs need exactly one RW; villages must be in the kecamatan. */
export function coverageProblems(
  coverage: readonly Coverage[],
  districtCode: string,
): { field: string; code: 'distribution.coverage_invalid' }[] {
  const problems: { field: string; code: 'distribution.coverage_invalid' }[] = [];
  coverage.forEach((c, i) => {
    if (!c.villageCode.startsWith(`${districtCode}.`) || c.villageCode.split('.').length !== 4) {
      problems.push({ field: `coverage.${i}.villageCode`, code: 'distribution.coverage_invalid' });
    }
    for (const [j, v] of (c.rw ?? []).entries()) {
      if (normaliseNeighbourhood(v) === null) {
        problems.push({ field: `coverage.${i}.rw.${j}`, code: 'distribution.coverage_invalid' });
      }
    }
    if (c.rt && c.rt.length > 0) {
      if (c.rw?.length !== 1) {
        problems.push({ field: `coverage.${i}.rt`, code: 'distribution.coverage_invalid' });
      }
      for (const [j, v] of c.rt.entries()) {
        if (normaliseNeighbourhood(v) === null) {
          problems.push({ field: `coverage.${i}.rt.${j}`, code: 'distribution.coverage_invalid' });
        }
      }
    }
  });
  return problems;
}
