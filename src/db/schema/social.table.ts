import type { Insertable, Selectable } from 'kysely';
import type { RecordColumns, RegionColumns } from './household.table.ts';

/** PPKS: a person needing social-welfare services. */
export interface PpksTable extends RegionColumns, RecordColumns {
  id: string;
  nik: string | null;
  name: string;
  nameSearch: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  rw: string | null;
  rt: string | null;
  address: string | null;
  personId: string | null;
  notes: string | null;
}
export type PpksRow = Selectable<PpksTable>;
export type NewPpksRow = Insertable<PpksTable>;

export interface PpksCategoryTable {
  id: string;
  ppksId: string;
  provinceCode: string;
  category: string;
  startDate: string;
  endDate: string | null;
}
export type PpksCategoryRow = Selectable<PpksCategoryTable>;

/** PSKS: social-welfare potentials and resources (people such as TKSK/PSM, or institutions such as LKS). */
export interface PsksTable extends RegionColumns, RecordColumns {
  id: string;
  kind: string;
  name: string;
  nameSearch: string;
  nik: string | null;
  isInstitution: number;
  address: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
}
export type PsksRow = Selectable<PsksTable>;
export type NewPsksRow = Insertable<PsksTable>;
