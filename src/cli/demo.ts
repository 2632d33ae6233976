/**
 * The demo installation `npm start` prepares on an empty database: one small kabupaten with generated
 * households and one account per role. Passwords are public on purpose — a demo is not a deployment.
 */

import type { Container } from '../container.ts';
import { ROLE_INFO, type Role } from '../domain/access/roles.ts';
import { purposeOfPath } from '../domain/access/screen-purposes.ts';
import { localDate, type ProposalWindow, windowStatus } from '../domain/cycle/period.ts';
import { type Actor, systemActor } from '../modules/access/actor.ts';

export const DEMO_REGENCY = '33.07'; // Kabupaten Wonosobo, Jawa Tengah
export const DEMO_PASSWORD = 'demo-dtks-2026';

export interface DemoAccount {
  username: string;
  role: Role;
  regionCode: string;
}

/** One account per role, on the demo kabupaten, its first district and that district's first village. */
export async function demoAccounts(c: Container): Promise<DemoAccount[]> {
  const regency = await c.regions.get(DEMO_REGENCY);
  const district = regency.children[0]!.code;
  const village = (await c.regions.get(district)).children[0]!.code;
  const province = DEMO_REGENCY.slice(0, 2);
  return [
    { username: 'operator', role: 'operator_desa', regionCode: village },
    { username: 'kades', role: 'kepala_desa', regionCode: village },
    { username: 'petugas', role: 'petugas', regionCode: village },
    { username: 'camat', role: 'kecamatan', regionCode: district },
    { username: 'dinsos', role: 'dinsos_kab', regionCode: DEMO_REGENCY },
    { username: 'dinsosprov', role: 'dinsos_prov', regionCode: province },
    { username: 'pusdatin', role: 'pusdatin', regionCode: '' },
    { username: 'auditor', role: 'auditor', regionCode: DEMO_REGENCY },
    { username: 'admin', role: 'admin', regionCode: '' },
    { username: 'pos', role: 'pos', regionCode: DEMO_REGENCY },
    { username: 'bulog', role: 'pengadaan', regionCode: DEMO_REGENCY },
  ];
}

export async function ensureDemoAccounts(c: Container): Promise<DemoAccount[]> {
  const accounts = await demoAccounts(c);
  const existing = new Set((await c.users.list(systemActor('demo'))).map((u) => u.username));
  for (const a of accounts) {
    if (existing.has(a.username)) continue;
    await c.users.create(systemActor('demo'), {
      ...a,
      password: DEMO_PASSWORD,
      displayName: `${ROLE_INFO[a.role].label.id} (demo)`,
    });
  }
  return accounts;
}

/**
 * The actor as the web app's screen at `path` sends it: with that screen's purpose (X-Purpose), so every
 * read and change the demo makes carries the purpose a real office's would ("who read my data").
 */
export function onScreen(actor: Actor, path: string): Actor {
  return { ...actor, purpose: purposeOfPath(path) };
}

/**
 * Whether proposals can be submitted today, and how to open the window when they cannot: a newcomer trying
 * the demo on the 3rd of the month would otherwise meet only refusals.
 */
export function proposalWindowLine(at: Date, window: ProposalWindow): string {
  const s = windowStatus(at, window);
  if (s.open) return `Proposal window (usulan): open today, until ${s.closes}`;
  const closed = `Proposal window (usulan): closed today; next ${s.opens} – ${s.closes}.`;
  const day = Number(localDate(at, window.timeZone).slice(8, 10));
  // A window ends on the 28th at the latest (every month has one), so days 29–31 cannot be opened.
  return day <= 28 ? `${closed} To try the cycle now, start with PROPOSAL_WINDOW=1-28` : closed;
}

export function printDemoAccounts(accounts: DemoAccount[], url: string, windowLine?: string): void {
  const lines = [
    '',
    `  DTKS is running at ${url}  (API docs: ${url}/api/docs)`,
    '',
    `  Demo accounts (password for all: ${DEMO_PASSWORD})`,
    ...accounts.map(
      (a) => `    ${a.username.padEnd(12)} ${a.role.padEnd(14)} ${a.regionCode || '(national)'}`,
    ),
    ...(windowLine ? ['', `  ${windowLine}`] : []),
    '',
  ];
  console.log(lines.join('\n'));
}
