import type { Selectable } from 'kysely';

/** Kemendagri region: province (1), regency/city (2), district (3), village (4). Codes are dotted. */
export interface RegionTable {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  provinceCode: string;
}
export type Region = Selectable<RegionTable>;
