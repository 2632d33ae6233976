/**
 * The to-do list on each role's home page: what is waiting for the user, counted in their territory, each
 * count linking to the list that shows exactly those records. One entry of TODO_ITEMS per kind of item: a
 * new step of the cycle adds its entry (roles, count, link) and its catalogue label, nothing else.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema/index.ts';
import { can, type Role } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import { MANDIRI_SOURCE } from '../../domain/citizen/self-proposal.ts';
import { latestOpenedPeriod, windowDaysLeft, windowStatus } from '../../domain/cycle/period.ts';
import type { Text } from '../../domain/errors.ts';
import { codeAtLevel } from '../../domain/regions/region-code.ts';
import { type Actor, regionScope, requirePermission } from '../access/actor.ts';
import type { ChainService } from '../chain/chain.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { TodoRepository, TodoScope } from './todo.repository.ts';

export interface TodoItem {
  code: string;
  count: number;
  text: Text;
  /** The web app's list showing these records (its filters in the address); null when there is none. */
  link: string | null;
}

export interface Todo {
  /** The period being worked on: the latest whose proposal window has opened. */
  period: string;
  items: TodoItem[];
}

interface TodoContext {
  db: Kysely<DB>;
  repo: TodoRepository;
  regions: RegionsService;
  chain: ChainService;
  actor: Actor;
  scope: TodoScope;
  period: string;
  now: Date;
  config: Config;
}

/** A count, with the period it is of when the item concerns one period only. */
interface Counted {
  count: number;
  period?: string;
}

interface TodoItemDef {
  code: string;
  roles: readonly Role[];
  /** The count, or null when the item does not apply now (a closed window). */
  count(ctx: TodoContext): Promise<number | Counted | null>;
  text(count: number, ctx: TodoContext, counted: Counted): Text;
  link(ctx: TodoContext, counted: Counted): string | null;
}

/** The report handling level an office works at: its territory's depth. */
function reportLevelOf(regionCode: string): 'village' | 'district' | 'regency' {
  const depth = regionCode === '' ? 0 : regionCode.split('.').length;
  return depth >= 4 ? 'village' : depth === 3 ? 'district' : 'regency';
}

const usulanList = (state: string) => `/cycle/usulan?state=${state}`;

/** Every kind of to-do item, in the order the home page lists them. */
export const TODO_ITEMS: readonly TodoItemDef[] = [
  {
    code: 'window_closes',
    roles: ['operator_desa'],
    count: async (ctx) => windowDaysLeft(ctx.now, ctx.config.proposalWindow),
    text: (count, ctx) => {
      const closes = windowStatus(ctx.now, ctx.config.proposalWindow).closes;
      return count === 0
        ? label('todo.window_closes_today', { closes })
        : label('todo.window_closes', { count, closes });
    },
    link: () => '/cycle/usulan/new',
  },
  {
    code: 'usulan_returned',
    roles: ['operator_desa'],
    count: (ctx) => ctx.repo.usulan(ctx.db, ctx.scope, 'returned'),
    text: (count) => label('todo.usulan_returned', { count }),
    link: () => usulanList('returned'),
  },
  {
    // Citizens' own proposals and correction requests (usulan mandiri) waiting for the operator to check,
    // complete and submit them; apart from the operator's own drafts.
    code: 'usulan_mandiri_drafts',
    roles: ['operator_desa'],
    count: (ctx) => ctx.repo.usulan(ctx.db, ctx.scope, 'draft', MANDIRI_SOURCE),
    text: (count) => label('todo.usulan_mandiri_drafts', { count }),
    link: () => `${usulanList('draft')}&source=${MANDIRI_SOURCE}`,
  },
  {
    code: 'usulan_drafts',
    roles: ['operator_desa'],
    count: (ctx) => ctx.repo.usulan(ctx.db, ctx.scope, 'draft', 'operator'),
    text: (count) => label('todo.usulan_drafts', { count }),
    link: () => `${usulanList('draft')}&source=operator`,
  },
  {
    code: 'usulan_for_musdes',
    roles: ['kepala_desa', 'operator_desa'],
    count: (ctx) => ctx.repo.usulan(ctx.db, ctx.scope, 'submitted'),
    text: (count) => label('todo.usulan_for_musdes', { count }),
    link: () => usulanList('submitted'),
  },
  {
    code: 'musdes_to_close',
    roles: ['kepala_desa', 'operator_desa'],
    count: (ctx) => ctx.repo.musdes(ctx.db, ctx.scope, 'open'),
    text: (count) => label('todo.musdes_to_close', { count }),
    link: () => '/cycle/musdes?state=open',
  },
  {
    code: 'musdes_to_sign',
    roles: ['kepala_desa', 'operator_desa'],
    count: (ctx) => ctx.repo.musdes(ctx.db, ctx.scope, 'closed'),
    text: (count) => label('todo.musdes_to_sign', { count }),
    link: () => '/cycle/musdes?state=closed',
  },
  {
    code: 'visits_assigned',
    roles: ['petugas'],
    count: (ctx) => ctx.repo.visits(ctx.db, ctx.scope, 'assigned', ctx.actor.userId ?? ''),
    text: (count) => label('todo.visits_assigned', { count }),
    link: () => '/cycle/verivali?state=assigned',
  },
  {
    code: 'visits_to_review',
    roles: ['dinsos_kab'],
    // The oldest period with visits waiting: the link opens that period's list, which shows as many.
    count: async (ctx) => (await ctx.repo.visitsByPeriod(ctx.db, ctx.scope, 'visited'))[0] ?? null,
    text: (count) => label('todo.visits_to_review', { count }),
    link: (_ctx, c) => `/cycle/verivali?period=${c.period}&state=visited`,
  },
  {
    code: 'usulan_to_approve',
    roles: ['dinsos_kab'],
    count: (ctx) => ctx.repo.usulan(ctx.db, ctx.scope, 'verified'),
    text: (count) => label('todo.usulan_to_approve', { count }),
    link: () => usulanList('verified'),
  },
  {
    code: 'usulan_to_visit',
    roles: ['dinsos_kab'],
    count: (ctx) => ctx.repo.usulan(ctx.db, ctx.scope, 'musdes_accepted'),
    text: (count) => label('todo.usulan_to_visit', { count }),
    link: () => usulanList('musdes_accepted'),
  },
  {
    code: 'villages_without_ba',
    roles: ['dinsos_kab', 'kecamatan'],
    count: async (ctx) => {
      const villages = (await ctx.regions.villagesUnder(ctx.actor.regionCode)).length;
      return villages - (await ctx.repo.signedVillages(ctx.db, ctx.scope, ctx.period));
    },
    text: (count, ctx) => label('todo.villages_without_ba', { count, period: ctx.period }),
    link: (ctx) => `/cycle/progress?period=${ctx.period}`,
  },
  {
    // Citizens of the territory who confirmed their contact and wait for the village to check them (issue 14).
    code: 'citizen_accounts',
    roles: ['operator_desa', 'kepala_desa', 'dinsos_kab'],
    count: (ctx) => ctx.repo.citizenAccounts(ctx.db, ctx.scope, 'pending_verification'),
    text: (count) => label('todo.citizen_accounts', { count }),
    link: () => '/citizen-accounts',
  },
  {
    // Citizens' reports waiting for triage at the user's own level (village, kecamatan, Dinas Sosial kab).
    code: 'reports_to_triage',
    roles: ['operator_desa', 'kepala_desa', 'kecamatan', 'dinsos_kab'],
    count: (ctx) => ctx.repo.reportsToTriage(ctx.db, ctx.scope, reportLevelOf(ctx.actor.regionCode)),
    text: (count) => label('todo.reports_to_triage', { count }),
    link: () => '/reports?status=received',
  },
  {
    // Open reports of the territory with an SLA timer run out (src/domain/reports/reports.ts).
    code: 'reports_overdue',
    roles: ['operator_desa', 'kepala_desa', 'kecamatan', 'dinsos_kab', 'dinsos_prov'],
    count: (ctx) => ctx.repo.reportsOverdue(ctx.db, ctx.scope, ctx.now.toISOString()),
    text: (count) => label('todo.reports_overdue', { count }),
    link: () => '/reports?overdue=true',
  },
  {
    // Citizens' objections to recipients, for the regency Dinas Sosial to investigate and decide (issue 14).
    code: 'sanggah_open',
    roles: ['dinsos_kab'],
    count: (ctx) => ctx.repo.sanggahOpen(ctx.db, ctx.scope),
    text: (count) => label('todo.sanggah_open', { count }),
    link: () => '/sanggah',
  },
  {
    code: 'dukcapil_findings',
    roles: ['dinsos_kab'],
    count: (ctx) => ctx.repo.dukcapilOpen(ctx.db, codeAtLevel(ctx.actor.regionCode, 2)),
    text: (count) => label('todo.dukcapil_findings', { count }),
    link: () => '/cycle/dukcapil',
  },
  {
    // Only where the regency has the kecamatan acknowledge (chain settings): elsewhere nothing is pending.
    code: 'berita_acara_to_acknowledge',
    roles: ['kecamatan'],
    count: (ctx) => ctx.chain.pendingAcknowledgementCount(ctx.actor, ctx.period),
    text: (count, ctx) => label('todo.berita_acara_to_acknowledge', { count, period: ctx.period }),
    link: (ctx) => `/cycle/berita-acara?period=${ctx.period}&state=pending`,
  },
  {
    // Submissions the province reviews before they go to Pusdatin, oldest period first.
    code: 'submissions_to_forward',
    roles: ['dinsos_prov'],
    count: async (ctx) => (await ctx.repo.submitted(ctx.db, ctx.scope, 'at_province'))[0] ?? null,
    text: (count, _ctx, c) => label('todo.submissions_to_forward', { count, period: c.period ?? '' }),
    link: (_ctx, c) => `/cycle/pengesahan?period=${c.period}`,
  },
  {
    // The oldest period with submissions waiting: penetapan goes period by period.
    code: 'submissions_to_determine',
    roles: ['pusdatin', 'dinsos_prov'],
    count: async (ctx) => (await ctx.repo.submitted(ctx.db, ctx.scope))[0] ?? null,
    text: (count, _ctx, c) => label('todo.submissions_to_determine', { count, period: c.period ?? '' }),
    link: (_ctx, c) => `/cycle/pengesahan?period=${c.period}`,
  },
  {
    // Bansos proposals at the user's door: Pusdatin approves national programmes, a province its own.
    code: 'recipients_to_approve',
    roles: ['pusdatin', 'dinsos_prov'],
    count: (ctx) =>
      ctx.repo.recipientProposals(
        ctx.db,
        ctx.scope,
        'submitted',
        can(ctx.actor.role, 'recipients.approve_national') ? 'pusdatin' : 'province',
      ),
    text: (count) => label('todo.recipients_to_approve', { count }),
    link: () => '/recipients?state=submitted',
  },
  {
    code: 'recipients_returned',
    roles: ['dinsos_kab'],
    count: (ctx) => ctx.repo.recipientProposals(ctx.db, ctx.scope, 'returned'),
    text: (count) => label('todo.recipients_returned', { count }),
    link: () => '/recipients?state=returned',
  },
];

export class TodoService {
  readonly #db: Kysely<DB>;
  readonly #repo: TodoRepository;
  readonly #regions: RegionsService;
  readonly #chain: ChainService;
  readonly #config: Config;

  constructor(deps: {
    db: Kysely<DB>;
    repo: TodoRepository;
    regions: RegionsService;
    chain: ChainService;
    config: Config;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repo;
    this.#regions = deps.regions;
    this.#chain = deps.chain;
    this.#config = deps.config;
  }

  /** The user's to-do items with something waiting (counts above zero), in their territory. */
  async list(actor: Actor): Promise<Todo> {
    requirePermission(actor, 'registry.read');
    const now = this.#config.now();
    const scope = regionScope(actor);
    const ctx: TodoContext = {
      db: this.#db,
      repo: this.#repo,
      regions: this.#regions,
      chain: this.#chain,
      actor,
      scope: scope === 'empty' ? null : scope,
      period: latestOpenedPeriod(now, this.#config.proposalWindow),
      now,
      config: this.#config,
    };
    const items: TodoItem[] = [];
    for (const def of TODO_ITEMS) {
      if (!def.roles.includes(actor.role)) continue;
      const found = await def.count(ctx);
      if (found === null) continue;
      const counted = typeof found === 'number' ? { count: found } : found;
      if (counted.count === 0 && def.code !== 'window_closes') continue;
      items.push({
        code: def.code,
        count: counted.count,
        text: def.text(counted.count, ctx, counted),
        link: def.link(ctx, counted),
      });
    }
    return { period: ctx.period, items };
  }
}
