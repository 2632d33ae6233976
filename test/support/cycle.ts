/** Helpers for update-cycle tests: actors from stored users, and proposals moved to a given state. */
import type { FastifyInstance } from 'fastify';
import type { Container } from '../../src/container.ts';
import type { Role } from '../../src/domain/access/roles.ts';
import type { Actor } from '../../src/modules/access/actor.ts';
import { systemActor } from '../../src/modules/access/actor.ts';
import { jpegFile, pdfFile } from '../factories/files.ts';
import { PASSWORD, PLACES } from './app.ts';

/** The Actor a stored user acts as (for service calls that take a transaction). */
export async function actorFor(c: Container, username: string): Promise<Actor> {
  const u = await c.database.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    userId: u.id,
    username: u.username,
    role: u.role as Role,
    regionCode: u.regionCode,
    ip: null,
    userAgent: 'test',
  };
}

export async function createUser(c: Container, username: string, role: Role, regionCode: string) {
  return c.users.create(systemActor('test'), { username, role, regionCode, password: PASSWORD });
}

/**
 * Drafts a proposal through the API as `op` (village operator), attaches what a new household needs,
 * submits it, and has the village head accept it at the Musdes. Returns the proposal id.
 */
export async function acceptedProposal(
  app: FastifyInstance,
  c: Container,
  op: Record<string, string>,
  body: Record<string, unknown>,
  kadesUsername = 'kades-a',
): Promise<string> {
  const created = await app.inject({ method: 'POST', url: '/api/v1/usulan', headers: op, payload: body });
  if (created.statusCode !== 201) throw new Error(`usulan: ${created.statusCode} ${created.body}`);
  const u = created.json() as { id: string; kind: string };
  if (u.kind === 'baru') {
    for (const kind of ['house_front', 'house_back', 'house_inside', 'kk_copy']) {
      const pdf = kind === 'kk_copy';
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/usulan/${u.id}/attachments?kind=${kind}&name=${pdf ? 'kk.pdf' : 'foto.jpg'}`,
        headers: { ...op, 'content-type': pdf ? 'application/pdf' : 'image/jpeg' },
        payload: pdf ? pdfFile() : jpegFile(),
      });
      if (r.statusCode !== 201) throw new Error(`attachment: ${r.statusCode} ${r.body}`);
    }
  }
  const sub = await app.inject({
    method: 'POST',
    url: `/api/v1/usulan/${u.id}/submit`,
    headers: op,
    payload: { version: 1 },
  });
  if (sub.statusCode !== 200) throw new Error(`submit: ${sub.statusCode} ${sub.body}`);
  const kades = await actorFor(c, kadesUsername);
  await c.database.db.transaction().execute((trx) => c.usulan.advance(trx, kades, u.id, 'musdes_accept'));
  return u.id;
}

/**
 * A Musdes session of village A for March 2026 created and opened through the API by `op` (the village
 * operator), held on `heldOn`. Returns the opened session (id and version).
 */
export async function openedMusdes(
  app: FastifyInstance,
  op: Record<string, string>,
  heldOn: string,
): Promise<{ id: string; version: number }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/musdes',
    headers: op,
    payload: {
      villageCode: PLACES.villageA,
      period: '2026-03',
      heldOn,
      place: 'Balai Desa',
      participants: [
        { name: 'Slamet Riyadi', role: 'kepala_desa' },
        { name: 'Sri Wahyuni', role: 'bpd' },
        { name: 'Kyai Ahmad Fauzi', role: 'tokoh_agama' },
        { name: 'Joko Susilo', role: 'rw' },
      ],
    },
  });
  if (created.statusCode !== 201) throw new Error(`musdes: ${created.statusCode} ${created.body}`);
  const session = created.json() as { id: string; version: number };
  const opened = await app.inject({
    method: 'POST',
    url: `/api/v1/musdes/${session.id}/open`,
    headers: op,
    payload: { version: session.version },
  });
  if (opened.statusCode !== 200) throw new Error(`musdes open: ${opened.statusCode} ${opened.body}`);
  return opened.json() as { id: string; version: number };
}
