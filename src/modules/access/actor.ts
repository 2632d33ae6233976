/**
 * Who is asking, and the checks every service applies before touching data. Territory is enforced here for
 * every path (HTTP, CLI, jobs): an out-of-territory record is reported exactly like an absent one.
 */
import {
  can,
  isWithinTerritory,
  levelOfTerritory,
  type Permission,
  type Role,
} from '../../domain/access/roles.ts';
import { AppError, notFound, type Text } from '../../domain/errors.ts';

export interface Actor {
  userId: string | null;
  username: string;
  role: Role;
  /** Dotted region code of the actor's territory; '' is the whole nation. */
  regionCode: string;
  ip: string | null;
  userAgent: string | null;
  /** Someone not (yet) identified, e.g. a failed login for an unknown name: audited without a role. */
  anonymous?: boolean;
  /**
   * Why this request reads or changes records: the web app sends its screen's purpose (`X-Purpose`); a
   * NIK lookup requires one typed by the user. Written to the audit log and shown to citizens.
   */
  purpose?: string | null;
}

/** The actor for CLI commands and jobs run by the machine's operator (audited as such). */
export function systemActor(what = 'cli'): Actor {
  return {
    userId: null,
    username: `system:${what}`,
    role: 'admin',
    regionCode: '',
    ip: null,
    userAgent: what,
  };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) {
    throw new AppError('forbidden', 'access.forbidden', { role: actor.role, permission });
  }
}

export function isWithin(actor: Actor, regionCode: string): boolean {
  return isWithinTerritory(regionCode, actor.regionCode);
}

/** Throws the same not-found error an absent record gives. */
export function assertWithin(actor: Actor, regionCode: string, what: Text): void {
  if (!isWithin(actor, regionCode)) throw notFound(what);
}

export type RegionColumn = 'provinceCode' | 'regencyCode' | 'districtCode' | 'villageCode';
export const REGION_COLUMN_BY_LEVEL: Record<1 | 2 | 3 | 4, RegionColumn> = {
  1: 'provinceCode',
  2: 'regencyCode',
  3: 'districtCode',
  4: 'villageCode',
};

/**
 * The region filter a query must apply: the deeper of the actor's territory and the requested region.
 * `null` means no filter (national actor, nothing requested); `'empty'` means the request lies outside
 * the territory, so the answer is empty.
 */
export function regionScope(
  actor: Actor,
  requested?: string | null,
): { column: RegionColumn; value: string } | null | 'empty' {
  let code = actor.regionCode;
  if (requested) {
    if (isWithinTerritory(requested, actor.regionCode)) code = requested;
    else if (!isWithinTerritory(actor.regionCode, requested)) return 'empty';
  }
  const level = levelOfTerritory(code);
  if (level === 0) return null;
  return { column: REGION_COLUMN_BY_LEVEL[level], value: code };
}
