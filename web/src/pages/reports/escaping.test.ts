/**
 * Whatever a reporter types reaches the staff "Laporan" screens as text: a name, address, report text or
 * reply carrying `<script>` or an `<img onerror>` is rendered escaped, never as markup.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/index.tsx';
import { type ReportDetail, ReportFacts, ReportList } from './ReportsPage.tsx';

const SCRIPT = '<script>alert("x")</script>';
const report: ReportDetail = {
  id: '01900000-0000-7000-8000-000000000001',
  trackingNumber: 'LPR-7K3F-9QXD',
  createdAt: '2026-12-05T10:00:00.000Z',
  channel: 'web',
  closedAt: null,
  villageCode: '33.07.01.1007',
  category: 'recipient_not_poor',
  status: 'in_progress',
  level: 'village',
  villageName: 'Desa <b>Uji</b>',
  assigneeName: SCRIPT,
  triageDueAt: '2026-12-09T10:00:00.000Z',
  responseDueAt: '2026-12-19T10:00:00.000Z',
  outcome: null,
  overdue: { triage: false, response: false },
  districtName: SCRIPT,
  regencyName: 'Wonosobo',
  reporter: {
    name: SCRIPT,
    phone: '<img src=x onerror=alert(1)>',
    email: null,
    nik: null,
    citizenAccount: false,
  },
  address: '<img src=x onerror=alert(2)>',
  rt: '001',
  rw: null,
  text: `Penerima punya mobil ${SCRIPT}`,
  mayAct: true,
  photos: [],
  steps: [
    {
      id: 's1',
      kind: 'reply',
      at: '2026-12-05T11:00:00.000Z',
      public: true,
      actorName: SCRIPT,
      actorRole: null,
      level: null,
      assigneeName: null,
      outcome: null,
      text: SCRIPT,
    },
  ],
};

const render = (node: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(createElement(I18nProvider, null, node));

describe('reporter text on staff screens', () => {
  it('shows a script in every field as text', () => {
    for (const html of [
      render(createElement(ReportFacts, { report })),
      render(createElement(ReportList, { items: [report] })),
    ]) {
      expect(html).not.toContain('<script');
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<b>');
      expect(html).toContain('&lt;');
    }
    const facts = render(createElement(ReportFacts, { report }));
    expect(facts).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(facts).toContain('Penerima punya mobil &lt;script&gt;');
  });
});
