/**
 * /lapor/lacak ("Lacak laporan"): the status of a report and its public steps, by tracking number
 * (`?nomor=` fills it in). Nothing of the reporter or of staff: the server sends only the public steps.
 */

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import {
  CATEGORY_LABELS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
  STATUS_LABELS,
} from '../../../../src/domain/reports/labels.ts';
import type { Track as TrackSchema } from '../../../../src/modules/reports/reports.routes.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useQueryState } from '../../router.tsx';
import { PublicApiError, publicRequest } from '../api.ts';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';

/** The public tracking answer, from the server's zod schema (a type-only import). */
type Track = z.infer<typeof TrackSchema>;

const TEXT: Dictionary<
  | 'title'
  | 'number'
  | 'hint'
  | 'submit'
  | 'busy'
  | 'notFound'
  | 'limited'
  | 'error'
  | 'status'
  | 'handled'
  | 'category'
  | 'place'
  | 'outcome'
  | 'steps'
  | 'received'
  | 'triaged'
  | 'reply'
  | 'escalated'
  | 'closed'
> = {
  id: {
    title: 'Lacak laporan',
    number: 'Nomor laporan',
    hint: 'Contoh: LPR-7K3F-9QXD',
    submit: 'Lihat perkembangan',
    busy: 'Mencari…',
    notFound: 'Nomor laporan tidak ditemukan. Periksa kembali nomor yang Anda terima.',
    limited: 'Terlalu banyak pencarian dari perangkat ini. Silakan coba lagi nanti.',
    error: 'Terjadi gangguan. Silakan coba lagi.',
    status: 'Status',
    handled: 'Ditangani oleh',
    category: 'Jenis laporan',
    place: 'Wilayah',
    outcome: 'Hasil',
    steps: 'Perkembangan',
    received: 'Laporan diterima',
    triaged: 'Laporan ditelaah petugas',
    reply: 'Tanggapan petugas',
    escalated: 'Diteruskan ke',
    closed: 'Laporan selesai',
  },
  en: {
    title: 'Track a report',
    number: 'Tracking number',
    hint: 'For example: LPR-7K3F-9QXD',
    submit: 'Show progress',
    busy: 'Searching…',
    notFound: 'No report has this number. Check the number you received.',
    limited: 'Too many searches from this device. Please try again later.',
    error: 'Something went wrong. Please try again.',
    status: 'Status',
    handled: 'Handled by',
    category: 'Kind of report',
    place: 'Area',
    outcome: 'Outcome',
    steps: 'Progress',
    received: 'Report received',
    triaged: 'Report triaged by staff',
    reply: 'Staff reply',
    escalated: 'Passed on to',
    closed: 'Report closed',
  },
};

export default function LacakPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [query] = useQueryState();
  const id = useId();
  const [number, setNumber] = useState(query.get('nomor') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Track | null>(null);
  const result = useRef<HTMLDivElement>(null);

  async function look(value: string) {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      setReport(await publicRequest<Track>('POST', '/reports/track', lang, { trackingNumber: value.trim() }));
      requestAnimationFrame(() => result.current?.focus());
    } catch (err) {
      if (err instanceof PublicApiError && (err.status === 404 || err.status === 400))
        setError(t('notFound'));
      else if (err instanceof PublicApiError && err.status === 429) setError(t('limited'));
      else setError(t('error'));
    } finally {
      setBusy(false);
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: look up a number given in the link once
  useEffect(() => {
    if (number.trim() !== '') void look(number);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (number.trim() === '') {
      setError(t('notFound'));
      return;
    }
    void look(number);
  };
  // Times in the reported village's zone (WIB/WITA/WIT), named as such.
  const date = (iso: string) => formatDateTime(iso, lang, report?.timeZone ?? 'WIB');
  const stepLabel = (s: Track['steps'][number]) => {
    switch (s.kind) {
      case 'escalated':
        return `${t('escalated')} ${s.level ? LEVEL_LABELS[s.level][lang] : ''}`;
      case 'closed':
        return `${t('closed')}${s.outcome ? `: ${OUTCOME_LABELS[s.outcome][lang]}` : ''}`;
      case 'received':
      case 'triaged':
      case 'reply':
        return t(s.kind);
      default:
        return s.kind;
    }
  };

  return (
    <>
      <h1>{t('title')}</h1>
      <form className="pub-card" onSubmit={submit} noValidate>
        <div className="pub-field">
          <label htmlFor={id}>{t('number')}</label>
          <input
            id={id}
            value={number}
            maxLength={40}
            autoCapitalize="characters"
            aria-describedby={`${id}-hint`}
            onChange={(e) => setNumber(e.target.value)}
          />
          <p id={`${id}-hint`} className="pub-hint">
            {t('hint')}
          </p>
        </div>
        {error ? (
          <p className="pub-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="pub-button" disabled={busy}>
          {busy ? t('busy') : t('submit')}
        </button>
      </form>
      {report ? (
        <div className="pub-card pub-result" tabIndex={-1} ref={result} aria-live="polite">
          <h2>{report.trackingNumber}</h2>
          <dl>
            <dt>{t('status')}</dt>
            <dd data-testid="report-status">{STATUS_LABELS[report.status][lang]}</dd>
            <dt>{t('handled')}</dt>
            <dd>{LEVEL_LABELS[report.level][lang]}</dd>
            <dt>{t('category')}</dt>
            <dd>{CATEGORY_LABELS[report.category][lang]}</dd>
            <dt>{t('place')}</dt>
            <dd>
              {report.village.name}, {report.village.district}, {report.village.regency}
            </dd>
            {report.outcome ? (
              <>
                <dt>{t('outcome')}</dt>
                <dd>{OUTCOME_LABELS[report.outcome][lang]}</dd>
              </>
            ) : null}
          </dl>
          <h3>{t('steps')}</h3>
          <ol className="pub-steps">
            {report.steps.map((s) => (
              <li key={`${s.at}-${s.kind}-${s.text ?? ''}`}>
                <strong>{stepLabel(s)}</strong> <span className="pub-hint">{date(s.at)}</span>
                {s.text ? <p>{s.text}</p> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </>
  );
}
