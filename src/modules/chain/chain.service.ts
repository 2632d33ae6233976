/**
 * The kecamatan step of the update cycle and the chain's settings (src/domain/cycle/chain.ts). The kecamatan
 * reads its villages' signed Berita Acara and acknowledges each one, or returns it to the village with a note
 * (the village's session is closed again, to be signed anew); where the regency uses this step its pengesahan
 * counts only acknowledged Berita Acara (SubmissionsService asks `countingSessions`). The province step is a
 * step of the submission itself (pengesahan.service.ts).
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { BeritaAcaraAcknowledgementRow, ChainSettingsRow, DB } from '../../db/schema/index.ts';
import { isWithinTerritory } from '../../domain/access/roles.ts';
import { label, message } from '../../domain/catalogue.ts';
import {
  acknowledgementState,
  type ChainSettings,
  checkChainSettings,
  countsForPengesahan,
  effectiveSettings,
} from '../../domain/cycle/chain.ts';
import { checkPeriod, latestOpenedPeriod } from '../../domain/cycle/period.ts';
import { AppError, issue, notFound, type Text, validationError } from '../../domain/errors.ts';
import {
  type AcknowledgementAction,
  type AcknowledgementState,
  acknowledgementMachine,
  musdesMachine,
} from '../../domain/lifecycle/machines.ts';
import { transition } from '../../domain/lifecycle/state-machine.ts';
import { regionLevel } from '../../domain/regions/region-code.ts';
import { isRecordId } from '../../lib/ids.ts';
import { type Actor, isWithin, regionScope, requirePermission } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { ChainRepository, SignedBeritaAcara } from './chain.repository.ts';
import type {
  BeritaAcaraItem,
  BeritaAcaraList,
  BeritaAcaraListQuery,
  ChainSettingsUpdate,
  ChainSettingsView,
} from './chain.schemas.ts';

const BERITA_ACARA: Text = label('record.berita_acara');
/** Thrown inside the decision's transaction when another decision got there first (rolls it back). */
const RACE = Symbol('acknowledgement race');

/** The signed Berita Acara of a regency's period split by whether its pengesahan may count them. */
export interface CountingSessions {
  settings: ChainSettings;
  counted: SignedBeritaAcara[];
  /** Signed, or returned and not yet signed again, and not (yet) acknowledged by the kecamatan. */
  awaiting: {
    session: SignedBeritaAcara | null;
    villageCode: string;
    sessionId: string;
    state: AcknowledgementState;
  }[];
}

export interface ChainDeps {
  db: Kysely<DB>;
  repo: ChainRepository;
  regions: RegionsService;
  notifications: NotificationsService;
  audit: AuditService;
  config: Config;
}

export class ChainService {
  readonly #deps: ChainDeps;

  constructor(deps: ChainDeps) {
    this.#deps = deps;
  }

  // ---------------------------------------------------------------- settings

  /** The settings that govern a regency: its own and its province's. */
  async settingsFor(db: Kysely<DB>, regencyCode: string): Promise<ChainSettings> {
    const province = regencyCode.slice(0, 2);
    const rows = await this.#deps.repo.settingsOf(db, [regencyCode, province]);
    const of = (code: string) => rows.find((r) => r.regionCode === code);
    return effectiveSettings(fromRow(of(regencyCode)), fromRow(of(province)));
  }

  /** A regency's or a province's own settings; readable by anyone whose territory meets the region. */
  async getSettings(actor: Actor, regionInput: string): Promise<ChainSettingsView> {
    requirePermission(actor, 'registry.read');
    const code = await this.#settingsRegion(regionInput);
    if (!isWithin(actor, code) && !isWithinTerritory(actor.regionCode, code)) {
      throw notFound(label('record.region'));
    }
    const [row] = await this.#deps.repo.settingsOf(this.#deps.db, [code]);
    return settingsView(code, row);
  }

  /**
   * Changes a region's settings: a regency (Dinas Sosial kab/kota) whether its kecamatan acknowledge, a
   * province (Dinas Sosial provinsi) whether it reviews and after how many days it forwards by itself.
   */
  async updateSettings(
    actor: Actor,
    regionInput: string,
    patch: ChainSettingsUpdate,
  ): Promise<ChainSettingsView> {
    requirePermission(actor, 'cycle.chain_settings');
    const code = await this.#settingsRegion(regionInput);
    if (!isWithin(actor, code)) throw notFound(label('record.region'));
    const level = regionLevel(code);
    const wrong =
      level === 2
        ? patch.provinceReview !== undefined || patch.autoForwardDays !== undefined
        : patch.kecamatanAcknowledgement !== undefined;
    if (wrong)
      throw validationError([
        issue(level === 2 ? 'provinceReview' : 'kecamatanAcknowledgement', 'chain.wrong_level'),
      ]);
    const issues = checkChainSettings(patch);
    if (issues.length) throw validationError(issues);
    return this.#deps.db.transaction().execute(async (trx) => {
      const [before] = await this.#deps.repo.settingsOf(trx, [code]);
      const row: ChainSettingsRow = {
        regionCode: code,
        kecamatanAcknowledgement: flag(patch.kecamatanAcknowledgement, before?.kecamatanAcknowledgement),
        provinceReview: flag(patch.provinceReview, before?.provinceReview),
        autoForwardDays:
          patch.autoForwardDays !== undefined ? patch.autoForwardDays : (before?.autoForwardDays ?? null),
        updatedAt: this.#deps.config.now().toISOString(),
        updatedBy: actor.userId,
      };
      await this.#deps.repo.upsertSettings(trx, row);
      await this.#deps.audit.record(trx, actor, {
        action: 'chain.settings',
        entityType: 'region',
        entityId: null,
        regionCode: code,
        details: { before: before ? settingsView(code, before) : null, after: settingsView(code, row) },
      });
      return settingsView(code, row);
    });
  }

  async #settingsRegion(input: string): Promise<string> {
    const code = this.#deps.regions.normalize(input, 'regionCode');
    const level = regionLevel(code);
    if ((level !== 1 && level !== 2) || !(await this.#deps.regions.find(code))) {
      throw validationError([issue('regionCode', 'chain.wrong_level')]);
    }
    return code;
  }

  // ---------------------------------------------------------------- kecamatan

  /**
   * The signed Berita Acara (and returned ones awaiting a new signature) of a period in the territory; without
   * a period, of the newest one with a signed Berita Acara there (else the period the to-do list works on).
   */
  async beritaAcara(actor: Actor, q: BeritaAcaraListQuery): Promise<BeritaAcaraList> {
    requirePermission(actor, 'registry.read');
    if (q.period) {
      const periodIssues = checkPeriod(q.period);
      if (periodIssues.length) throw validationError(periodIssues);
    }
    const scope = regionScope(actor, q.region ? this.#deps.regions.normalize(q.region, 'region') : null);
    const { db, repo, config } = this.#deps;
    const period =
      q.period ??
      (scope === 'empty' ? undefined : await repo.newestSignedPeriod(db, scope)) ??
      latestOpenedPeriod(config.now(), config.proposalWindow);
    if (scope === 'empty') return { period, items: [] };
    const sessions = await repo.signedSessions(db, period, scope);
    const acks = new Map((await repo.acknowledgementsIn(db, period, scope)).map((a) => [a.sessionId, a]));
    // Returned Berita Acara whose session is not signed again yet: still listed, as returned.
    const signedIds = new Set(sessions.map((s) => s.id));
    const returned = [...acks.values()].filter((a) => a.state === 'returned' && !signedIds.has(a.sessionId));
    const regencies = [...new Set(sessions.map((s) => s.regencyCode))];
    const settingsByRegency = new Map<string, ChainSettings>();
    for (const r of new Set([...regencies, ...returned.map((a) => a.regencyCode)])) {
      settingsByRegency.set(r, await this.settingsFor(db, r));
    }
    const codes = [...new Set([...sessions, ...returned].flatMap((s) => [s.villageCode, s.districtCode]))];
    const names = await this.#deps.regions.names(codes);
    const items: BeritaAcaraItem[] = [
      ...sessions.map((s) => itemOf(s, acks.get(s.id), settingsByRegency.get(s.regencyCode)!, names)),
      ...returned.map((a) => returnedItem(a, settingsByRegency.get(a.regencyCode)!, names)),
    ]
      .filter((i) => !q.state || i.state === q.state)
      .sort((a, b) => a.villageCode.localeCompare(b.villageCode));
    return { period, items };
  }

  /**
   * How many signed Berita Acara of a period in the actor's territory wait for the kecamatan's decision,
   * counted only where the regency has its kecamatan acknowledge (elsewhere nothing waits). One count query,
   * not the list: the to-do list asks it on every home page.
   */
  async pendingAcknowledgementCount(actor: Actor, period: string): Promise<number> {
    requirePermission(actor, 'registry.read');
    const scope = regionScope(actor, null);
    if (scope === 'empty') return 0;
    const { db, repo } = this.#deps;
    let total = 0;
    for (const { regencyCode, count } of await repo.pendingAcknowledgementCounts(db, period, scope)) {
      if ((await this.settingsFor(db, regencyCode)).kecamatanAcknowledgement) total += count;
    }
    return total;
  }

  async acknowledge(actor: Actor, sessionId: string, note?: string): Promise<BeritaAcaraItem> {
    return this.#decide(actor, sessionId, 'acknowledge', note ?? null);
  }

  async returnToVillage(actor: Actor, sessionId: string, note: string): Promise<BeritaAcaraItem> {
    return this.#decide(actor, sessionId, 'return', note);
  }

  /**
   * The newest period with a signed Berita Acara in a province or regency (`regionCode`; the nation when
   * none): where pengesahan has work waiting (SubmissionsService's `workPeriod`).
   */
  newestSignedPeriod(regionCode: string | undefined): Promise<string | undefined> {
    const { db, repo } = this.#deps;
    if (regionCode === undefined) return repo.newestSignedPeriod(db, null);
    const column = regionCode.includes('.') ? 'regencyCode' : 'provinceCode';
    return repo.newestSignedPeriod(db, { column, value: regionCode });
  }

  /** Which signed Berita Acara a regency's pengesahan counts now, and which still wait for the kecamatan. */
  async countingSessions(db: Kysely<DB>, regencyCode: string, period: string): Promise<CountingSessions> {
    const settings = await this.settingsFor(db, regencyCode);
    const sessions = await this.#deps.repo.signedSessions(db, period, {
      column: 'regencyCode',
      value: regencyCode,
    });
    if (!settings.kecamatanAcknowledgement) return { settings, counted: sessions, awaiting: [] };
    const acks = new Map(
      (await this.#deps.repo.acknowledgements(db, regencyCode, period)).map((a) => [a.sessionId, a]),
    );
    const counted: SignedBeritaAcara[] = [];
    const awaiting: CountingSessions['awaiting'] = [];
    for (const s of sessions) {
      const state = acknowledgementState(s, recordOf(acks.get(s.id)));
      if (countsForPengesahan(settings, state)) counted.push(s);
      else awaiting.push({ session: s, villageCode: s.villageCode, sessionId: s.id, state });
    }
    const signedIds = new Set(sessions.map((s) => s.id));
    for (const a of acks.values()) {
      if (a.state === 'returned' && !signedIds.has(a.sessionId)) {
        awaiting.push({
          session: null,
          villageCode: a.villageCode,
          sessionId: a.sessionId,
          state: 'returned',
        });
      }
    }
    awaiting.sort((a, b) => a.villageCode.localeCompare(b.villageCode));
    return { settings, counted, awaiting };
  }

  async #decide(
    actor: Actor,
    sessionId: string,
    action: AcknowledgementAction,
    note: string | null,
  ): Promise<BeritaAcaraItem> {
    requirePermission(actor, 'registry.read');
    const { db, repo, audit, notifications, config, regions } = this.#deps;
    const session = await this.#visibleSigned(db, actor, sessionId, action);
    const settings = await this.settingsFor(db, session.regencyCode);
    if (!settings.kecamatanAcknowledgement) throw new AppError('state', 'acknowledgement.not_used');
    const names = await regions.names([session.villageCode, session.districtCode]);
    const villageName = names.get(session.villageCode) ?? session.villageCode;
    try {
      return await db.transaction().execute(async (trx) => {
        const current = await repo.findSignedSession(trx, sessionId);
        const [stored] = await repo.acknowledgementsOfSessions(trx, [sessionId]);
        // A session returned and not yet signed again is no longer signed: its state is the stored decision.
        const state: AcknowledgementState = current
          ? acknowledgementState(current, recordOf(stored))
          : 'returned';
        const next = transition(acknowledgementMachine, state, action, actor.role);
        const s = current!;
        const now = config.now().toISOString();
        const row: BeritaAcaraAcknowledgementRow = {
          sessionId,
          period: s.period,
          regencyCode: s.regencyCode,
          districtCode: s.districtCode,
          villageCode: s.villageCode,
          state: next,
          signedScanId: s.signedScanId,
          note,
          version: (stored?.version ?? 0) + 1,
          decidedAt: now,
          decidedBy: actor.userId,
        };
        if (!(await repo.saveAcknowledgement(trx, row, stored?.version ?? null))) throw RACE;
        if (next === 'returned') {
          transition(musdesMachine, 'signed', 'return_signed', actor.role);
          const stamp = { updatedAt: now, updatedBy: actor.userId };
          if (!(await repo.reopenForSigning(trx, s.id, s.version, stamp))) throw RACE;
        }
        await audit.record(trx, actor, {
          action: `berita_acara.${action}`,
          entityType: 'musdes',
          entityId: sessionId,
          regionCode: s.villageCode,
          details: { period: s.period, signedScanId: s.signedScanId, state: next, note },
        });
        await notifications.notify(trx, {
          regionCode: s.villageCode,
          kind: `berita_acara.${action}`,
          message:
            next === 'returned'
              ? message('notice.berita_acara_returned', {
                  name: villageName,
                  period: s.period,
                  note: note ?? '',
                })
              : message('notice.berita_acara_acknowledged', { name: villageName, period: s.period }),
          link: `/cycle/musdes/${sessionId}`,
        });
        return next === 'returned' ? returnedItem(row, settings, names) : itemOf(s, row, settings, names);
      });
    } catch (err) {
      // Two decisions at once (double click, two tabs): one wins; the other answers the state it left.
      if (err !== RACE && !isUniqueViolation(err)) throw err;
      const [won] = await repo.acknowledgementsOfSessions(db, [sessionId]);
      throw alreadyDecided((won?.state ?? 'acknowledged') as AcknowledgementState, action, actor);
    }
  }

  /** A signed session (or one its kecamatan returned) in the actor's territory; otherwise not found. */
  async #visibleSigned(
    db: Kysely<DB>,
    actor: Actor,
    id: string,
    action: AcknowledgementAction,
  ): Promise<SignedBeritaAcara> {
    if (!isRecordId(id)) throw notFound(BERITA_ACARA);
    const s = await this.#deps.repo.findSignedSession(db, id);
    if (s && isWithin(actor, s.villageCode)) return s;
    const [ack] = await this.#deps.repo.acknowledgementsOfSessions(db, [id]);
    if (ack && isWithin(actor, ack.villageCode)) {
      // Returned and not signed again: any further decision is refused with its current state.
      throw alreadyDecided(ack.state as AcknowledgementState, action, actor);
    }
    throw notFound(BERITA_ACARA);
  }
}

/**
 * What a decision on an already decided Berita Acara answers: the machine's own 409 (`currentState`,
 * `allowed`), so a double click or a second tab sees the current state.
 */
function alreadyDecided(state: AcknowledgementState, action: AcknowledgementAction, actor: Actor): unknown {
  try {
    transition(acknowledgementMachine, state, action, actor.role);
  } catch (e) {
    return e;
  }
  throw new Error(`acknowledgement ${action} from ${state} should have been refused`);
}

function flag(value: boolean | undefined, stored: number | undefined): number {
  if (value !== undefined) return value ? 1 : 0;
  return stored ?? 0;
}

function fromRow(row: ChainSettingsRow | undefined): Partial<ChainSettings> | undefined {
  if (!row) return undefined;
  return {
    kecamatanAcknowledgement: row.kecamatanAcknowledgement === 1,
    provinceReview: row.provinceReview === 1,
    autoForwardDays: row.autoForwardDays,
  };
}

function settingsView(code: string, row: ChainSettingsRow | undefined): ChainSettingsView {
  const level = regionLevel(code) === 1 ? 'province' : 'regency';
  return {
    regionCode: code,
    level,
    kecamatanAcknowledgement: level === 'regency' ? row?.kecamatanAcknowledgement === 1 : null,
    provinceReview: level === 'province' ? row?.provinceReview === 1 : null,
    autoForwardDays: level === 'province' ? (row?.autoForwardDays ?? null) : null,
    updatedAt: row?.updatedAt ?? null,
  };
}

function recordOf(a: BeritaAcaraAcknowledgementRow | undefined) {
  return a ? { state: a.state as 'acknowledged' | 'returned', signedScanId: a.signedScanId } : undefined;
}

function itemOf(
  s: SignedBeritaAcara,
  ack: BeritaAcaraAcknowledgementRow | undefined,
  settings: ChainSettings,
  names: Map<string, string>,
): BeritaAcaraItem {
  const state = acknowledgementState(s, recordOf(ack));
  const current = state !== 'pending';
  return {
    sessionId: s.id,
    period: s.period,
    regencyCode: s.regencyCode,
    districtCode: s.districtCode,
    districtName: names.get(s.districtCode) ?? s.districtCode,
    villageCode: s.villageCode,
    villageName: names.get(s.villageCode) ?? s.villageCode,
    heldOn: s.heldOn,
    beritaAcaraId: s.beritaAcaraId,
    signedScanId: s.signedScanId,
    signedAt: s.updatedAt,
    required: settings.kecamatanAcknowledgement,
    state,
    note: current ? (ack?.note ?? null) : null,
    decidedAt: current ? (ack?.decidedAt ?? null) : null,
    previousNote: !current && ack?.state === 'returned' ? ack.note : null,
    allowedActions: settings.kecamatanAcknowledgement && state === 'pending' ? ['acknowledge', 'return'] : [],
  };
}

function returnedItem(
  a: BeritaAcaraAcknowledgementRow,
  settings: ChainSettings,
  names: Map<string, string>,
): BeritaAcaraItem {
  return {
    sessionId: a.sessionId,
    period: a.period,
    regencyCode: a.regencyCode,
    districtCode: a.districtCode,
    districtName: names.get(a.districtCode) ?? a.districtCode,
    villageCode: a.villageCode,
    villageName: names.get(a.villageCode) ?? a.villageCode,
    heldOn: null,
    beritaAcaraId: null,
    signedScanId: a.signedScanId,
    signedAt: null,
    required: settings.kecamatanAcknowledgement,
    state: 'returned',
    note: a.note,
    decidedAt: a.decidedAt,
    previousNote: null,
    allowedActions: [],
  };
}
