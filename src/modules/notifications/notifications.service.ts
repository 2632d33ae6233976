import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.ts';
import type { Text } from '../../domain/errors.ts';
import { isRecordId, newId } from '../../lib/ids.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';

export interface NotificationView {
  id: string;
  kind: string;
  message: Text;
  link: string | null;
  createdAt: string;
  read: boolean;
}

/**
 * In-app notices addressed to a region: everyone whose territory is exactly that region sees them (e.g. a
 * village's operators see which of their proposals came back, and why). Stored rows, so every process and
 * every session sees the same. Notices quote names, NIKs and KK numbers, so listing them is an audited read.
 */
export class NotificationsService {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditService;
  readonly #now: () => Date;

  constructor(db: Kysely<DB>, audit: AuditService, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#audit = audit;
    this.#now = now;
  }

  async notify(
    trx: Kysely<DB>,
    n: { regionCode: string; kind: string; message: Text; link?: string },
  ): Promise<void> {
    await trx
      .insertInto('notifications')
      .values({
        id: newId(),
        regionCode: n.regionCode,
        provinceCode: n.regionCode.slice(0, 2),
        kind: n.kind,
        message: JSON.stringify(n.message),
        link: n.link ?? null,
        createdAt: this.#now().toISOString(),
      })
      .execute();
  }

  async list(actor: Actor, limit = 50): Promise<{ items: NotificationView[]; unread: number }> {
    if (!actor.userId) return { items: [], unread: 0 };
    const rows = await this.#db
      .selectFrom('notifications')
      .leftJoin('notificationReads', (j) =>
        j
          .onRef('notificationReads.notificationId', '=', 'notifications.id')
          .on('notificationReads.userId', '=', actor.userId!),
      )
      .select(['notifications.id', 'kind', 'message', 'link', 'createdAt', 'notificationReads.readAt'])
      .where('notifications.regionCode', '=', actor.regionCode)
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .execute();
    const items = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      message: JSON.parse(r.message) as Text,
      link: r.link,
      createdAt: r.createdAt,
      read: r.readAt !== null,
    }));
    if (items.length) {
      await this.#audit.recordRead(actor, {
        action: 'notification.list',
        entityType: 'notification',
        regionCode: actor.regionCode || null,
        details: { ids: items.map((i) => i.id) },
      });
    }
    return { items, unread: items.filter((i) => !i.read).length };
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    if (!actor.userId || !isRecordId(id)) return;
    await this.#db
      .insertInto('notificationReads')
      .values({ notificationId: id, userId: actor.userId, readAt: this.#now().toISOString() })
      .onConflict((oc) => oc.columns(['notificationId', 'userId']).doNothing())
      .execute();
  }
}
