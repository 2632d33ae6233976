import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema/index.ts';
import { passwordIssues } from '../../domain/access/password-policy.ts';
import { isUserRole, ROLE_INFO, type Role, roleFitsRegion } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { AppError, issue, validationError } from '../../domain/errors.ts';
import { normalizeRegionCode } from '../../domain/regions/region-code.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { type Actor, assertWithin, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/password.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UsersRepository } from './users.repository.ts';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string | null;
  status: 'active' | 'disabled';
}

export interface NewUserInput {
  username: string;
  password: string;
  role: string;
  regionCode: string;
  displayName?: string;
}

export class UsersService {
  readonly #db: Kysely<DB>;
  readonly #repo: UsersRepository;
  readonly #regions: RegionsService;
  readonly #audit: AuditService;

  constructor(db: Kysely<DB>, repo: UsersRepository, regions: RegionsService, audit: AuditService) {
    this.#db = db;
    this.#repo = repo;
    this.#regions = regions;
    this.#audit = audit;
  }

  async toPublic(row: UserRow): Promise<PublicUser> {
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      role: row.role as Role,
      regionCode: row.regionCode,
      regionName: row.regionCode ? ((await this.#regions.find(row.regionCode))?.name ?? null) : null,
      status: row.status,
    };
  }

  async create(actor: Actor, input: NewUserInput): Promise<PublicUser> {
    requirePermission(actor, 'user.manage');
    const issues = [];
    if (!/^[a-z0-9._-]{3,40}$/.test(input.username)) {
      issues.push(issue('username', 'user.invalid_username'));
    }
    issues.push(...passwordIssues(input.password, input));
    let regionCode = '';
    if (input.regionCode.trim() !== '') {
      const norm = normalizeRegionCode(input.regionCode);
      if (!norm.ok) issues.push(norm.issue);
      else if (!(await this.#regions.find(norm.code))) {
        issues.push(issue('regionCode', 'region.unknown', { normCode: norm.code }));
      } else regionCode = norm.code;
    }
    if (!isUserRole(input.role)) {
      issues.push(issue('role', 'user.invalid_role', { role: input.role }));
    } else if (issues.length === 0 && !roleFitsRegion(input.role, regionCode)) {
      const levels = ROLE_INFO[input.role].levels.join(', ');
      issues.push(issue('regionCode', 'user.role_region_mismatch', { role: input.role, levels }));
    }
    if (issues.length) throw validationError(issues);
    assertWithin(actor, regionCode, label('record.region'));
    if (await this.#repo.findByUsername(this.#db, input.username)) {
      throw new AppError('conflict', 'user.username_taken', { username: input.username });
    }
    const now = nowIso();
    const row: UserRow = {
      id: newId(),
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      regionCode,
      status: 'active',
      failedLogins: 0,
      lockedUntil: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await this.#db.transaction().execute(async (trx) => {
      await this.#repo.insert(trx, row);
      await this.#audit.record(trx, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        regionCode: regionCode || null,
        details: { username: row.username, role: row.role, regionCode },
      });
    });
    return this.toPublic(row);
  }

  async list(actor: Actor): Promise<PublicUser[]> {
    requirePermission(actor, 'user.manage');
    const rows = await this.#repo.list(this.#db, actor.regionCode);
    return Promise.all(rows.map((r) => this.toPublic(r)));
  }
}
