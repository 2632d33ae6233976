/**
 * Invitations and proof of receipt (issue 15, docs/distribution.md). Every entitlement gets an invitation whose
 * QR code carries a signed payload (src/domain/distribution/qr.ts); at the point an officer (role `pos`) scans
 * it, sees the KPM and records the receipt with evidence: a photo, and the recipient's signature or a
 * representative with a proof document. One receipt per entitlement, guaranteed by the unique constraint on
 * `receipts.entitlement_id`: of two concurrent scans (or two offline devices syncing) exactly one wins, the
 * other is told when and where it was received (409 `distribution.already_received`). Undelivered entitlements
 * whose schedule has ended are returned with a reason.
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { DB, EntitlementRow, ReceiptRow } from '../../db/schema/index.ts';
import { isWithinTerritory } from '../../domain/access/roles.ts';
import { label } from '../../domain/catalogue.ts';
import type { AttachmentKind } from '../../domain/cycle/attachments.ts';
import { verifyInvitation } from '../../domain/distribution/qr.ts';
import { acceptedForReceipt, type UndeliveredReason } from '../../domain/distribution/states.ts';
import { AppError, issue, notFound, validationError } from '../../domain/errors.ts';
import { isRecordId, newId, nowIso } from '../../lib/ids.ts';
import { type Actor, requirePermission } from '../access/actor.ts';
import type { AttachmentsService, Ingested } from '../attachments/attachments.service.ts';
import type { Ed25519Keys } from '../audit/audit.keys.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { ProgrammesService } from '../programmes/programmes.service.ts';
import {
  type InvitationFile,
  type InvitationSigner,
  invitationQr,
  writeInvitationsPdf,
} from './invitations.pdf.ts';

const BATCH = label('record.distribution_batch');
/** Invitation lines read per statement. */
const PAGE = 500;

export interface ReceiptsDeps {
  db: Kysely<DB>;
  /** The installation's `distribution` key: signs the invitations' QR codes (published for offline checks). */
  keys: Ed25519Keys;
  audit: AuditService;
  attachments: AttachmentsService;
  /** The programme's name printed on the invitations. */
  programmes: Pick<ProgrammesService, 'displayName'>;
  now?: () => Date;
}

/** Evidence as the phone sends it: files base64-encoded (a photo, a canvas PNG, a proof document). */
export interface ReceiptInput {
  qr: string;
  photo?: string;
  signature?: string;
  representative?: { name: string; proof: string };
  note?: string;
  deviceId?: string;
  /** The offline queue's key: a device re-sending its own receipt gets it back instead of a 409. */
  clientId?: string;
  /** When the receipt was recorded on the device (offline); defaults to now. Must lie in the schedule. */
  receivedAt?: string;
}

export interface ReceiptView {
  id: string;
  entitlementId: string;
  pointId: string;
  receivedAt: string;
  representative: boolean;
  representativeName: string | null;
  clientId: string | null;
  amount: number;
  packages: number;
}

/** What the officer sees after scanning: the KPM and what they are entitled to. */
export interface ScanView {
  entitlementId: string;
  kkNumber: string;
  headName: string;
  address: string;
  villageCode: string;
  period: string;
  programme: string;
  tranche: number;
  amount: number;
  packages: number;
  pointId: string | null;
  state: EntitlementRow['state'];
  stopped: boolean;
  /** Whether PT Pos accepted the KPM's record (`acceptedForReceipt`): only then can it be received. */
  accepted: boolean;
  receivedAt: string | null;
  receivedPointId: string | null;
}

export interface InvitationLine {
  entitlementId: string;
  kkNumber: string;
  headName: string;
  address: string;
  rt: string;
  rw: string;
  villageCode: string;
  districtCode: string;
  pointId: string | null;
  period: string;
  programme: string;
  tranche: number;
  amount: number;
  packages: number;
  /** The schedule's end (expiry of the code); the period's last day when unscheduled. */
  until: string;
  startsAt: string | null;
}

export class ReceiptsService {
  readonly #d: ReceiptsDeps;

  constructor(deps: ReceiptsDeps) {
    this.#d = deps;
  }

  #now(): Date {
    return this.#d.now ? this.#d.now() : new Date();
  }

  publicKey() {
    const k = this.#d.keys.get();
    return { keyId: k.keyId, algorithm: 'Ed25519' as const, pem: k.publicKeyPem, jwk: k.publicKeyJwk };
  }

  /** The key the invitations' QR codes are signed with (handed to the letters' worker threads). */
  signer(): InvitationSigner {
    const { keyId, privateKey } = this.#d.keys.get();
    return { keyId, privateKey };
  }

  /** The QR text of one invitation. */
  qrFor(line: InvitationLine): string {
    return invitationQr(line, this.signer());
  }

  /**
   * Invitations are printed for a batch PT Pos accepted (cleaning done, every KPM mapped as it will be):
   * 404 outside the territory, 409 `distribution.batch_not_accepted` before. Checked before the job is queued.
   */
  async checkInvitations(actor: Actor, batchId: string): Promise<void> {
    requirePermission(actor, 'distribution.read');
    const batch = await this.#batch(actor, batchId);
    if (batch.state !== 'accepted') throw new AppError('state', 'distribution.batch_not_accepted');
  }

  /** The batch, 404 when absent or outside the actor's territory (like every record). */
  async #batch(actor: Actor, batchId: string) {
    if (!isRecordId(batchId)) throw notFound(BATCH);
    const batch = await this.#d.db
      .selectFrom('distributionBatches')
      .select(['id', 'regencyCode', 'period', 'programmeCode', 'tranches', 'state'])
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch || !isWithinTerritory(batch.regencyCode, actor.regionCode)) throw notFound(BATCH);
    return batch;
  }

  /** The villages of a batch (within the actor's territory) with their number of entitlements. */
  async invitationVillages(
    actor: Actor,
    batchId: string,
  ): Promise<{ code: string; name: string; letters: number }[]> {
    requirePermission(actor, 'distribution.read');
    await this.#batch(actor, batchId);
    const rows = await this.#d.db
      .selectFrom('entitlements as e')
      .leftJoin('regions as g', 'g.code', 'e.villageCode')
      .select(['e.villageCode as code', 'g.name', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('e.batchId', '=', batchId)
      .groupBy(['e.villageCode', 'g.name'])
      .orderBy('e.villageCode')
      .execute();
    return rows
      .filter((r) => isWithinTerritory(r.code, actor.regionCode))
      .map((r) => ({ code: r.code, name: r.name ?? r.code, letters: Number(r.n) }));
  }

  /** A village's invitation lines, read page by page in entitlement order. */
  async *invitationLines(
    batchId: string,
    villageCode: string,
    until: string,
  ): AsyncGenerator<InvitationLine> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.#d.db
        .selectFrom('entitlements as e')
        .innerJoin('distributionRecords as r', (j) =>
          j.onRef('r.batchId', '=', 'e.batchId').onRef('r.householdId', '=', 'e.householdId'),
        )
        .leftJoin('distributionSchedules as s', (j) =>
          j
            .onRef('s.pointId', '=', 'e.pointId')
            .onRef('s.batchId', '=', 'e.batchId')
            .onRef('s.tranche', '=', 'e.tranche'),
        )
        .select([
          'e.id',
          'e.period',
          'e.programmeCode',
          'e.tranche',
          'e.amount',
          'e.packages',
          'e.pointId',
          'e.villageCode',
          'e.districtCode',
          'r.kkNumber',
          'r.headName',
          'r.address',
          'r.rt',
          'r.rw',
          's.startsAt',
          's.endsAt',
        ])
        .where('e.batchId', '=', batchId)
        .where('e.villageCode', '=', villageCode)
        .where('e.state', '=', 'allocated')
        .$if(after !== undefined, (q) => q.where('e.id', '>', after!))
        .orderBy('e.id')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        yield {
          entitlementId: r.id,
          kkNumber: r.kkNumber,
          headName: r.headName,
          address: r.address,
          rt: r.rt,
          rw: r.rw,
          villageCode: r.villageCode,
          districtCode: r.districtCode,
          pointId: r.pointId,
          period: r.period,
          programme: r.programmeCode,
          tranche: r.tranche,
          amount: r.amount,
          packages: r.packages,
          until: r.endsAt ? new Date(r.endsAt).toISOString() : until,
          startsAt: r.startsAt ? new Date(r.startsAt).toISOString() : null,
        };
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  /**
   * One village's invitation letters (PDF), streamed by `write(out)` after the checks: the outstanding
   * (allocated) entitlements of a batch PT Pos accepted (409 `distribution.batch_not_accepted` before).
   * Audited (the letters carry names, KK and addresses); 404 for a village or batch outside the territory.
   * `write` returns the number of letters. `file` and `lines` are the same letters for a writer on another
   * thread (invitations.threads.ts); `createdAt` (default now) dates the PDF.
   */
  async invitations(
    actor: Actor,
    batchId: string,
    villageCode: string,
    createdAt: Date = this.#now(),
  ): Promise<{
    fileName: string;
    file: InvitationFile;
    lines: () => AsyncGenerator<InvitationLine>;
    write: (out: Writable) => Promise<number>;
  }> {
    requirePermission(actor, 'distribution.read');
    const batch = await this.#batch(actor, batchId);
    if (batch.state !== 'accepted') throw new AppError('state', 'distribution.batch_not_accepted');
    const { db, audit } = this.#d;
    if (
      !villageCode.startsWith(`${batch.regencyCode}.`) ||
      !isWithinTerritory(villageCode, actor.regionCode)
    ) {
      throw notFound(label('record.region'));
    }
    const [village, points, programmeName] = await Promise.all([
      db.selectFrom('regions').select('name').where('code', '=', villageCode).executeTakeFirst(),
      db
        .selectFrom('distributionPoints')
        .select(['id', 'name', 'address'])
        .where('regencyCode', '=', batch.regencyCode)
        .execute(),
      this.#d.programmes.displayName(batch.programmeCode),
    ]);
    if (!village) throw notFound(label('record.region'));
    await audit.recordRead(actor, {
      action: 'distribution.invitations',
      entityType: 'distribution_batch',
      entityId: batchId,
      regionCode: villageCode,
      details: { villageCode },
    });
    const [y, m] = batch.period.split('-').map(Number) as [number, number];
    const periodEnd = new Date(Date.UTC(y, m, 1) - 1).toISOString();
    const file: InvitationFile = {
      villageName: village.name,
      programmeName: programmeName.id,
      points: Object.fromEntries(points.map((p) => [p.id, { name: p.name, address: p.address }])),
      createdAt,
    };
    const lines = () => this.invitationLines(batchId, villageCode, periodEnd);
    return {
      fileName: `undangan-${batch.programmeCode}-${batch.period}-${villageCode}.pdf`,
      file,
      lines,
      write: (out) => writeInvitationsPdf(out, lines(), file, this.signer()),
    };
  }

  /** Verifies a scanned text against the installation key and finds its entitlement; 400 otherwise. */
  async #scan(actor: Actor, qr: string) {
    const { db } = this.#d;
    const k = this.#d.keys.get();
    const check = verifyInvitation(qr, k.publicKey);
    if (!check.ok || check.payload.v !== k.keyId || !isRecordId(check.payload.e)) throw invalidQr();
    const p = check.payload;
    const row = await db
      .selectFrom('entitlements as e')
      .innerJoin('distributionRecords as r', (j) =>
        j.onRef('r.batchId', '=', 'e.batchId').onRef('r.householdId', '=', 'e.householdId'),
      )
      .innerJoin('households as h', 'h.id', 'e.householdId')
      .innerJoin('distributionBatches as b', 'b.id', 'e.batchId')
      .leftJoin('receipts as rc', 'rc.entitlementId', 'e.id')
      .select([
        'e.id',
        'e.batchId',
        'e.householdId',
        'e.tranche',
        'e.period',
        'e.programmeCode',
        'e.villageCode',
        'e.pointId',
        'e.amount',
        'e.packages',
        'e.state',
        'r.kkNumber',
        'r.headName',
        'r.address',
        'r.state as recordState',
        'b.state as batchState',
        'h.status as householdStatus',
        'rc.receivedAt',
        'rc.pointId as receivedPointId',
        'rc.clientId as receivedClientId',
        'rc.id as receiptId',
        'rc.representative as receivedRepresentative',
        'rc.representativeName as receivedRepresentativeName',
      ])
      .where('e.id', '=', p.e)
      .executeTakeFirst();
    // A validly signed code whose entitlement is gone or changed (amount, KK) is not honoured.
    if (!row || row.amount !== p.a || row.kkNumber !== p.k || row.period !== p.p || row.tranche !== p.r) {
      throw invalidQr();
    }
    if (!isWithinTerritory(row.villageCode, actor.regionCode)) {
      throw new AppError('forbidden', 'distribution.outside_territory');
    }
    return { payload: p, row };
  }

  /** What the officer sees after a scan (audited: it shows a KPM's name, KK and address). */
  async scan(actor: Actor, qr: string): Promise<ScanView> {
    requirePermission(actor, 'distribution.receive');
    const { row } = await this.#scan(actor, qr);
    await this.#d.audit.recordRead(actor, {
      action: 'distribution.invitation_scan',
      entityType: 'entitlement',
      entityId: row.id,
      regionCode: row.villageCode,
      details: { batchId: row.batchId },
    });
    return {
      entitlementId: row.id,
      kkNumber: row.kkNumber,
      headName: row.headName,
      address: row.address,
      villageCode: row.villageCode,
      period: row.period,
      programme: row.programmeCode,
      tranche: row.tranche,
      amount: row.amount,
      packages: row.packages,
      pointId: row.pointId,
      state: row.state,
      stopped: row.householdStatus !== 'active' || row.state === 'returned',
      accepted: acceptedForReceipt(row.batchState, row.recordState),
      receivedAt: row.receivedAt ?? null,
      receivedPointId: row.receivedPointId ?? null,
    };
  }

  /**
   * Records a receipt. Order of refusals: invalid code (400), outside territory (403), already received
   * (409 with `receivedAt`, `pointId`; the same device re-sending its own receipt gets it back), stopped
   * recipient (409 `distribution.recipient_stopped`), record not accepted by PT Pos (409
   * `distribution.not_accepted`: the batch is not accepted, or the record is not `cleaned`), unmapped or outside
   * the point's schedule (403), missing evidence (400). Evidence files are checked and stored first; the receipt, the entitlement's state,
   * the attachment rows and the audit entry are written in one transaction.
   */
  async receive(actor: Actor, input: ReceiptInput): Promise<{ created: boolean; receipt: ReceiptView }> {
    requirePermission(actor, 'distribution.receive');
    const { db, audit, attachments } = this.#d;
    const { row } = await this.#scan(actor, input.qr);
    const receivedAt = input.receivedAt ? new Date(input.receivedAt) : this.#now();
    if (Number.isNaN(receivedAt.getTime()) || receivedAt.getTime() > this.#now().getTime() + 5 * 60_000) {
      throw validationError([issue('receivedAt', 'distribution.received_at_invalid')]);
    }

    const existing = await this.#existing(row.id);
    if (existing) return this.#repeat(existing, input.clientId, row);
    if (row.householdStatus !== 'active' || row.state === 'returned') {
      throw new AppError('state', 'distribution.recipient_stopped');
    }
    if (!acceptedForReceipt(row.batchState, row.recordState)) {
      throw new AppError('state', 'distribution.not_accepted');
    }
    if (!row.pointId) throw new AppError('forbidden', 'distribution.outside_schedule');
    const schedule = await db
      .selectFrom('distributionSchedules')
      .select(['startsAt', 'endsAt'])
      .where('pointId', '=', row.pointId)
      .where('batchId', '=', row.batchId)
      .where('tranche', '=', row.tranche)
      .executeTakeFirst();
    const at = receivedAt.getTime();
    if (!schedule || at < Date.parse(schedule.startsAt) || at > Date.parse(schedule.endsAt)) {
      throw new AppError('forbidden', 'distribution.outside_schedule');
    }

    const problems = [];
    if (!input.photo) problems.push(issue('photo', 'distribution.evidence_missing'));
    if (!input.signature && !input.representative) {
      problems.push(issue('signature', 'distribution.evidence_missing'));
    }
    if (input.representative && !input.representative.name.trim()) {
      problems.push(issue('representative.name', 'distribution.evidence_missing'));
    }
    if (problems.length) throw validationError(problems);

    const files: { kind: AttachmentKind; field: string; body: Buffer }[] = [
      { kind: 'receipt_photo', field: 'photo', body: decode(input.photo!, 'photo') },
    ];
    if (input.signature) {
      files.push({
        kind: 'receipt_signature',
        field: 'signature',
        body: decode(input.signature, 'signature'),
      });
    }
    if (input.representative) {
      files.push({
        kind: 'representative_proof',
        field: 'representative.proof',
        body: decode(input.representative.proof, 'representative.proof'),
      });
    }
    const ingested: { kind: AttachmentKind; file: Ingested }[] = [];
    for (const f of files) ingested.push({ ...f, file: await attachments.ingest(f.body, f.kind, f.field) });

    const id = newId();
    const createdAt = nowIso();
    const pointId = row.pointId;
    try {
      await db.transaction().execute(async (trx) => {
        const ids: Partial<Record<AttachmentKind, string>> = {};
        await trx
          .insertInto('receipts')
          .values({
            id,
            entitlementId: row.id,
            pointId,
            receivedAt: receivedAt.toISOString(),
            recordedBy: actor.userId,
            deviceId: input.deviceId ?? null,
            clientId: input.clientId ?? null,
            representative: input.representative ? 1 : 0,
            representativeName: input.representative?.name.trim() ?? null,
            proofAttachmentId: null,
            photoAttachmentId: null,
            signatureAttachmentId: null,
            note: input.note ?? null,
            createdAt,
          })
          .execute();
        for (const f of ingested) {
          const a = await attachments.record(trx, actor, f.file, {
            ownerType: 'receipt',
            ownerId: id,
            kind: f.kind,
            regionCode: row.villageCode,
          });
          ids[f.kind] = a.id;
        }
        await trx
          .updateTable('receipts')
          .set({
            photoAttachmentId: ids.receipt_photo ?? null,
            signatureAttachmentId: ids.receipt_signature ?? null,
            proofAttachmentId: ids.representative_proof ?? null,
          })
          .where('id', '=', id)
          .execute();
        const updated = await trx
          .updateTable('entitlements')
          .set({ state: 'delivered', deliveredAt: receivedAt.toISOString(), updatedAt: createdAt })
          .where('id', '=', row.id)
          .where('state', '=', 'allocated')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1)
          throw new AppError('state', 'distribution.recipient_stopped');
        await audit.record(trx, actor, {
          action: 'distribution.receipt',
          entityType: 'entitlement',
          entityId: row.id,
          regionCode: row.villageCode,
          details: {
            receiptId: id,
            pointId,
            batchId: row.batchId,
            amount: row.amount,
            packages: row.packages,
            representative: Boolean(input.representative),
            deviceId: input.deviceId ?? null,
          },
        });
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.#existing(row.id);
      if (!winner) throw err;
      return this.#repeat(winner, input.clientId, row);
    }
    return {
      created: true,
      receipt: {
        id,
        entitlementId: row.id,
        pointId,
        receivedAt: receivedAt.toISOString(),
        representative: Boolean(input.representative),
        representativeName: input.representative?.name.trim() ?? null,
        clientId: input.clientId ?? null,
        amount: row.amount,
        packages: row.packages,
      },
    };
  }

  #existing(entitlementId: string) {
    return this.#d.db
      .selectFrom('receipts')
      .selectAll()
      .where('entitlementId', '=', entitlementId)
      .executeTakeFirst();
  }

  #repeat(
    r: ReceiptRow,
    clientId: string | undefined,
    e: { amount: number; packages: number },
  ): { created: false; receipt: ReceiptView } {
    if (clientId && r.clientId === clientId) {
      return {
        created: false,
        receipt: {
          id: r.id,
          entitlementId: r.entitlementId,
          pointId: r.pointId,
          receivedAt: new Date(r.receivedAt).toISOString(),
          representative: Boolean(r.representative),
          representativeName: r.representativeName,
          clientId: r.clientId,
          amount: e.amount,
          packages: e.packages,
        },
      };
    }
    const receivedAt = new Date(r.receivedAt).toISOString();
    throw new AppError(
      'conflict',
      'distribution.already_received',
      { receivedAt },
      { extra: { receivedAt, pointId: r.pointId } },
    );
  }

  /**
   * Returns the entitlements of a batch still allocated after their point's schedule ended (or unmapped),
   * with a reason; one transaction. Only what is past its schedule at `now` is returned.
   */
  async returnUndelivered(
    actor: Actor,
    batchId: string,
    reason: UndeliveredReason,
  ): Promise<{ returned: number; amount: number; packages: number }> {
    requirePermission(actor, 'distribution.manage');
    const { db, audit } = this.#d;
    if (!isRecordId(batchId)) throw notFound(BATCH);
    const batch = await db
      .selectFrom('distributionBatches')
      .select(['id', 'regencyCode'])
      .where('id', '=', batchId)
      .executeTakeFirst();
    if (!batch || !isWithinTerritory(batch.regencyCode, actor.regionCode)) throw notFound(BATCH);
    const now = this.#now().toISOString();
    return db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('entitlements as e')
        .leftJoin('distributionSchedules as s', (j) =>
          j
            .onRef('s.pointId', '=', 'e.pointId')
            .onRef('s.batchId', '=', 'e.batchId')
            .onRef('s.tranche', '=', 'e.tranche'),
        )
        .select(['e.id', 'e.amount', 'e.packages', 's.endsAt'])
        .where('e.batchId', '=', batchId)
        .where('e.state', '=', 'allocated')
        .execute();
      const ids = due
        .filter((d) => d.endsAt !== null && Date.parse(d.endsAt) < Date.parse(now))
        .map((d) => d.id);
      let amount = 0;
      let packages = 0;
      for (const d of due) {
        if (ids.includes(d.id)) {
          amount += d.amount;
          packages += d.packages;
        }
      }
      for (let i = 0; i < ids.length; i += 500) {
        await trx
          .updateTable('entitlements')
          .set({ state: 'returned', returnReason: reason, returnedAt: now, updatedAt: now })
          .where('id', 'in', ids.slice(i, i + 500))
          .where('state', '=', 'allocated')
          .execute();
      }
      await audit.record(trx, actor, {
        action: 'distribution.return_undelivered',
        entityType: 'distribution_batch',
        entityId: batchId,
        regionCode: batch.regencyCode,
        details: { reason, returned: ids.length, amount, packages },
      });
      return { returned: ids.length, amount, packages };
    });
  }
}

function invalidQr(): AppError {
  return validationError([issue('qr', 'distribution.invalid_qr')]);
}

/** A base64 (or data: URL) file from the phone. */
function decode(text: string, field: string): Buffer {
  const b64 = text.startsWith('data:') ? text.slice(text.indexOf(',') + 1) : text;
  if (!/^[A-Za-z0-9+/=\s_-]*$/.test(b64))
    throw validationError([issue(field, 'distribution.evidence_invalid')]);
  const buf = Buffer.from(b64, 'base64');
  if (buf.length === 0) throw validationError([issue(field, 'distribution.evidence_invalid')]);
  return buf;
}
