/** PSKS rows ↔ API objects: the institution flag is 0/1 in the database, a boolean in the API. */
import type { PsksRow } from '../../db/schema/index.ts';
import { recordState } from '../social/register-records.ts';
import type { Psks, PsksListItem } from './psks.schemas.ts';

/** The columns a record and its list item both show, as the API names them. */
function psksHeading(r: Pick<PsksRow, 'id' | 'kind' | 'isInstitution' | 'name' | 'nik' | 'villageCode'>) {
  return {
    id: r.id,
    kind: r.kind,
    isInstitution: r.isInstitution === 1,
    name: r.name,
    nik: r.nik,
    regionCode: r.villageCode,
  };
}

export function psksFromRow(r: PsksRow): Psks {
  return {
    ...psksHeading(r),
    address: r.address,
    phone: r.phone,
    email: r.email,
    notes: r.notes,
    ...recordState(r),
  };
}

export function psksListItem(
  r: Pick<
    PsksRow,
    | 'id'
    | 'kind'
    | 'isInstitution'
    | 'name'
    | 'nik'
    | 'villageCode'
    | 'phone'
    | 'email'
    | 'status'
    | 'version'
    | 'updatedAt'
  >,
): PsksListItem {
  return {
    ...psksHeading(r),
    phone: r.phone,
    email: r.email,
    status: r.status,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}
