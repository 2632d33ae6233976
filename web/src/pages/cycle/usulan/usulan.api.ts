/**
 * The usulan and notification API (src/modules/usulan/usulan.routes.ts, src/modules/notifications). Shapes
 * come from the server's zod schemas and services (type-only imports: nothing of zod reaches the bundle),
 * so a contract change breaks the web build at compile time.
 */

import type { z } from 'zod';
import { DISPLAY_TYPES } from '../../../../../src/domain/cycle/attachment-names.ts';
import {
  ATTACHMENT_KINDS as DOMAIN_KINDS,
  MAX_ATTACHMENT_BYTES,
  USULAN_ATTACHMENT_KINDS,
  type UsulanAttachmentKind,
} from '../../../../../src/domain/cycle/attachments.ts';
import type { WindowStatus } from '../../../../../src/domain/cycle/period.ts';
import type { UsulanAction, UsulanState } from '../../../../../src/domain/lifecycle/machines.ts';
import type { NotificationView } from '../../../../../src/modules/notifications/notifications.service.ts';
import type {
  UsulanCreate as UsulanCreateSchema,
  UsulanListItem as UsulanListItemSchema,
  UsulanListQuery as UsulanListQuerySchema,
  UsulanList as UsulanListSchema,
  UsulanView as UsulanViewSchema,
} from '../../../../../src/modules/usulan/usulan.schemas.ts';
import { apiUrl, http, upload } from '../../../api/client.ts';

export type UsulanView = z.infer<typeof UsulanViewSchema>;
export type UsulanListItem = z.infer<typeof UsulanListItemSchema>;
export type UsulanPage = z.infer<typeof UsulanListSchema>;
export type UsulanCreateBody = z.input<typeof UsulanCreateSchema>;
export type UsulanListQuery = Omit<Partial<z.input<typeof UsulanListQuerySchema>>, 'limit'> & {
  limit?: number;
};
export type UsulanKind = UsulanView['kind'];
export type AttachmentView = UsulanView['attachments'][number];
export type { NotificationView, UsulanAction, UsulanState, WindowStatus };

/** The documents a proposal takes (the upload route's `kind`). */
export const ATTACHMENT_KINDS = USULAN_ATTACHMENT_KINDS;
export type { UsulanAttachmentKind };

/** What the file inputs offer; the server checks the real content type again. */
export const ACCEPT = Object.fromEntries(
  USULAN_ATTACHMENT_KINDS.map((k) => [k, DOMAIN_KINDS[k].mimes.join(',')]),
) as Record<UsulanAttachmentKind, string>;

/** The upload limit (src/modules/attachments MAX_ATTACHMENT_BYTES): refused here before sending 10 MB over 3G. */
export const MAX_UPLOAD_BYTES = MAX_ATTACHMENT_BYTES;

/** Body types the server reads as a raw upload; anything else goes as octet-stream and is sniffed there. */
const RAW_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

/** The steps these screens offer (Musdes and verivali steps have their own screens). */
export type UsulanStep = Extract<UsulanAction, 'submit' | 'withdraw' | 'revise' | 'approve' | 'return'>;

const enc = encodeURIComponent;

export const usulanApi = {
  window: (signal?: AbortSignal) => http.get<WindowStatus>('/usulan/window', undefined, signal),
  list: (query: UsulanListQuery, signal?: AbortSignal) =>
    http.get<UsulanPage>('/usulan', { ...query }, signal),
  get: (id: string, signal?: AbortSignal) => http.get<UsulanView>(`/usulan/${enc(id)}`, undefined, signal),
  create: (body: UsulanCreateBody) => http.post<UsulanView>('/usulan', body),
  /** A draft edited (its own or a citizen's): the whole proposal again with the version it was loaded at. */
  update: (id: string, version: number, body: UsulanCreateBody) =>
    http.put<UsulanView>(`/usulan/${enc(id)}`, { ...body, version }),
  step: (id: string, step: UsulanStep, body: { version: number; note?: string }) =>
    http.post<UsulanView>(`/usulan/${enc(id)}/${step}`, body),
  attach: (
    id: string,
    kind: UsulanAttachmentKind,
    file: File,
    onProgress?: (fraction: number) => void,
    signal?: AbortSignal,
  ) =>
    upload<UsulanView>(`/usulan/${enc(id)}/attachments`, file, {
      query: { kind, name: file.name.slice(-200) },
      contentType: RAW_TYPES.has(file.type) ? file.type : 'application/octet-stream',
      onProgress,
      signal,
    }),
  /** A photo opens in the browser (asked inline); any other file is a download (the server insists). */
  fileUrl: (attachmentId: string, mime: string) =>
    apiUrl(`/attachments/${enc(attachmentId)}`, DISPLAY_TYPES.has(mime) ? { disposition: 'inline' } : {}),
  thumbnailUrl: (attachmentId: string) => apiUrl(`/attachments/${enc(attachmentId)}/thumbnail`),
};

export const notificationsApi = {
  list: (signal?: AbortSignal) =>
    http.get<{ unread: number; items: NotificationView[] }>('/notifications', undefined, signal),
  markRead: (id: string) => http.post<void>(`/notifications/${enc(id)}/read`),
};
