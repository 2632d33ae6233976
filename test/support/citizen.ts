/**
 * A citizen account made over HTTP as a person would (register, confirm the code, log in), optionally
 * verified directly in the database (the village's verification is covered by citizen-accounts.test.ts).
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Container } from '../../src/container.ts';
import type { LogCodeSender } from '../../src/modules/citizen/code-sender.ts';
import { makeKk, makeNik } from '../factories/households.ts';
import { PLACES } from './app.ts';

export const CITIZEN_PASSWORD = 'Kebun-Salak-Wonosobo-77';

export interface CitizenAccountOptions {
  /** Username and e-mail prefix, and the full name's first word (`pengusul` → `pengusul3`, `Pengusul 3`). */
  prefix: string;
  /** Keeps NIK, KK and phone numbers apart between suites (NIK serial `serial + n`). */
  serial: number;
  verified: boolean;
  /** Register as this person (e.g. a member of a household in DTKS). */
  who?: { nik: string; name: string };
}

/** Registers account `n` and answers the headers of its logged-in session. */
export async function citizenAccount(
  app: FastifyInstance,
  c: Container,
  sender: LogCodeSender,
  n: number,
  o: CitizenAccountOptions,
): Promise<Record<string, string>> {
  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url: `/api/v1/public/citizen/${url}`, payload });
  const body = {
    nik: o.who?.nik ?? makeNik('33.07.01', '1988-04-05', 'F', o.serial + n),
    kkNumber: makeKk('33.07.01', '2014-01-10', Math.floor(o.serial / 10) + n),
    fullName: o.who?.name ?? `${o.prefix[0]!.toUpperCase()}${o.prefix.slice(1)} ${n}`,
    address: `Dusun Krajan No. ${n}`,
    rt: '1',
    rw: '1',
    villageCode: PLACES.villageA,
    phone: `08133456${String(o.serial + n).padStart(4, '0')}`,
    email: `${o.prefix}${n}@example.id`,
    username: `${o.prefix}${n}`,
    password: CITIZEN_PASSWORD,
  };
  expect((await post('register', body)).statusCode).toBe(202);
  const code = [...sender.sent].reverse().find((m) => m.to === body.email && m.code)?.code;
  expect((await post('confirm', { login: body.email, code })).statusCode).toBe(204);
  if (o.verified) {
    await c.database.db
      .updateTable('citizenAccounts')
      .set({ state: 'verified' })
      .where('username', '=', body.username)
      .execute();
  }
  const res = await post('login', { login: body.email, password: CITIZEN_PASSWORD });
  expect(res.statusCode, res.body).toBe(200);
  return { authorization: `Bearer ${res.json().token}` };
}
