/**
 * Whatever a citizen types reaches staff screens as text: a name, an address or a username carrying
 * `<script>` is rendered escaped, never as markup (React escapes; these screens set no HTML).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/index.tsx';
import type { AccountDetail } from './api.ts';
import { AccountFacts, AccountList } from './CitizenAccountsPage.tsx';

const SCRIPT = '<script>alert("x")</script>';
const account: AccountDetail = {
  id: '01900000-0000-7000-8000-000000000001',
  version: 1,
  state: 'pending_verification',
  username: `u${SCRIPT}`,
  fullName: SCRIPT,
  nik: '3307014302900001',
  kkNumber: '3307011003150001',
  address: `<img src=x onerror=alert(1)>`,
  rt: '001',
  rw: '002',
  villageCode: '33.07.01.2001',
  villageName: 'Desa <b>Uji</b>',
  phone: '+6281234567890',
  email: 'a@example.id',
  createdAt: '2026-12-05T10:00:00.000Z',
  contactConfirmedAt: '2026-12-05T10:05:00.000Z',
  decidedAt: '2026-12-05T11:00:00.000Z',
  decisionNote: SCRIPT,
  ktpAttachmentId: null,
  selfieAttachmentId: null,
  registry: {
    nikFound: true,
    kkMatches: true,
    nameMatches: false,
    villageMatches: true,
    registeredName: SCRIPT,
  },
};

const render = (node: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(createElement(I18nProvider, null, node));

describe('citizen text on staff screens', () => {
  it('shows a script in every field as text', () => {
    for (const html of [
      render(createElement(AccountFacts, { account })),
      render(createElement(AccountList, { items: [account] })),
    ]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>');
      expect(html).toContain('&lt;script&gt;');
    }
    const facts = render(createElement(AccountFacts, { account }));
    expect(facts).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
