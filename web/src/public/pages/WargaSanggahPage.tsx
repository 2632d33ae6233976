/**
 * /warga/sanggah: a verified citizen objects to an aid recipient of their own village (named as on the
 * KTP: NIK and name, as the check takes them), adds evidence photos, and follows each objection to the
 * Dinas Sosial's decision. The family objected to is only ever shown masked, as the public check shows it.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { formatPeriod } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { citizen, formProblem, PublicApiError, problemTexts, type SanggahView } from '../citizen/api.ts';
import { Field, FormFooter, LoginFirst, ProblemLine, TextArea } from '../citizen/ui.tsx';
import '../citizen/citizen.css';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';

const TEXT = {
  id: {
    title: 'Sanggahan',
    intro:
      'Anda dapat menyanggah penerima bansos di desa/kelurahan Anda yang menurut Anda mampu. Dinas Sosial kabupaten/kota memeriksanya dan memutuskan; Anda melihat keputusannya di sini. Paling banyak 3 sanggahan yang sedang diproses.',
    back: 'Kembali ke akun',
    newTitle: 'Ajukan sanggahan',
    nik: 'NIK salah satu anggota keluarga penerima',
    nikHint: '16 angka, seperti di KTP',
    name: 'Nama orang itu seperti di KTP',
    reason: 'Alasan sanggahan',
    reasonHint: 'Misalnya: memiliki mobil, rumah bertingkat, usaha besar. Paling sedikit 10 huruf.',
    submit: 'Kirim sanggahan',
    sent: 'Sanggahan terkirim. Tambahkan foto bukti di bawah.',
    mine: 'Sanggahan saya',
    none: 'Belum ada sanggahan.',
    target: 'Penerima',
    period: 'Periode',
    state: 'Status',
    decision: 'Alasan keputusan',
    evidence: 'Foto bukti ({count} dari 3)',
    evidenceHint: 'JPEG, PNG atau WebP, paling besar 10 MB',
    withdraw: 'Batalkan sanggahan',
    withdrawAsk: 'Batalkan sanggahan ini? Sanggahan yang dibatalkan tidak dapat dibuka lagi.',
    withdrawYes: 'Ya, batalkan',
    withdrawNo: 'Tidak',
    error: 'Terjadi kesalahan. Coba lagi.',
    checkFields: 'Periksa kembali isian yang ditandai di atas.',
  },
  en: {
    title: 'Objections',
    intro:
      'You can object to an aid recipient of your village whom you believe is well-off. The regency Dinas Sosial investigates and decides; you see the decision here. At most 3 objections can be open at once.',
    back: 'Back to the account',
    newTitle: 'File an objection',
    nik: 'NIK of a member of the recipient family',
    nikHint: '16 digits, as on the KTP',
    name: 'That person’s name as on the KTP',
    reason: 'Reason',
    reasonHint: 'For example: owns a car, a multi-storey house, a large business. At least 10 characters.',
    submit: 'Send the objection',
    sent: 'Objection sent. Add evidence photos below.',
    mine: 'My objections',
    none: 'No objection yet.',
    target: 'Recipient',
    period: 'Period',
    state: 'State',
    decision: 'Reason of the decision',
    evidence: 'Evidence photos ({count} of 3)',
    evidenceHint: 'JPEG, PNG or WebP, at most 10 MB',
    withdraw: 'Withdraw the objection',
    withdrawAsk: 'Withdraw this objection? A withdrawn objection cannot be reopened.',
    withdrawYes: 'Yes, withdraw',
    withdrawNo: 'No',
    error: 'Something went wrong. Try again.',
    checkFields: 'Check the fields marked above.',
  },
} satisfies Dictionary<string>;

/** The fields the objection form marks at their inputs. */
const MARKED_FIELDS = new Set(['nik', 'name', 'reason']);

export default function WargaSanggahPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [items, setItems] = useState<SanggahView[] | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    citizen
      .sanggahList(lang)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => {
        if (e instanceof PublicApiError && e.status === 401) setLoggedOut(true);
        else setProblem(problemTexts(e, t('error')).message);
      });
  }, [lang, t]);
  useEffect(load, [load]);

  if (loggedOut) return <LoginFirst title={t('title')} />;
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link to="/warga/akun">{t('back')}</Link>
      </p>
      <ProblemLine message={problem} />
      <NewSanggah onSent={load} />
      <section className="pub-card" aria-labelledby="sanggah-mine">
        <h2 id="sanggah-mine">{t('mine')}</h2>
        {items === null ? <p role="status">…</p> : null}
        {items?.length === 0 ? <p>{t('none')}</p> : null}
        {items && items.length > 0 ? (
          <ol className="pub-access">
            {items.map((s) => (
              <SanggahItem key={s.id} item={s} onChange={load} />
            ))}
          </ol>
        ) : null}
      </section>
    </>
  );
}

function NewSanggah({ onSent }: { onSent: () => void }) {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [sent, setSent] = useState(false);
  return (
    <section className="pub-card" aria-labelledby="sanggah-new">
      <h2 id="sanggah-new">{t('newTitle')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setProblem(null);
          setSent(false);
          citizen
            .sanggahSubmit(lang, { nik: nik.replace(/\D/g, ''), name, reason })
            .then(() => {
              setSent(true);
              setNik('');
              setName('');
              setReason('');
              onSent();
            })
            .catch((err: unknown) =>
              setProblem(formProblem(err, t('error'), t('checkFields'), (k) => MARKED_FIELDS.has(k))),
            )
            .finally(() => setBusy(false));
        }}
      >
        <Field
          label={t('nik')}
          hint={t('nikHint')}
          value={nik}
          onChange={setNik}
          inputMode="numeric"
          autoComplete="off"
          error={problem?.fields.nik}
        />
        <Field
          label={t('name')}
          value={name}
          onChange={setName}
          autoComplete="off"
          error={problem?.fields.name}
        />
        <TextArea
          label={t('reason')}
          hint={t('reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={1000}
          error={problem?.fields.reason}
        />
        <FormFooter problem={problem?.message} sent={sent ? t('sent') : null} busy={busy}>
          {t('submit')}
        </FormFooter>
      </form>
    </section>
  );
}

function SanggahItem({ item: s, onChange }: { item: SanggahView; onChange: () => void }) {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const open = s.state === 'submitted' || s.state === 'investigating';
  const act = (work: Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    work
      .then(onChange)
      .catch((err: unknown) => setProblem(problemTexts(err, t('error')).message))
      .finally(() => setBusy(false));
  };
  return (
    <li>
      <dl>
        <dt>{t('target')}</dt>
        <dd>{s.targetName}</dd>
        <dt>{t('period')}</dt>
        <dd>{formatPeriod(s.recipientPeriod, lang)}</dd>
        <dt>{t('state')}</dt>
        <dd data-testid="sanggah-state">{s.stateText[lang]}</dd>
        {s.decisionReason ? (
          <>
            <dt>{t('decision')}</dt>
            <dd>{s.decisionReason}</dd>
          </>
        ) : null}
      </dl>
      {open && s.evidenceCount < 3 ? (
        <div className="pub-field">
          <label htmlFor={id}>{t('evidence', { count: s.evidenceCount })}</label>
          <input
            id={id}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-describedby={`${id}-hint`}
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) act(citizen.sanggahEvidence(lang, s.id, file));
            }}
          />
          <p id={`${id}-hint`} className="pub-hint">
            {t('evidenceHint')}
          </p>
        </div>
      ) : null}
      {open && !asking ? (
        <button
          type="button"
          className="pub-button pub-button--secondary"
          disabled={busy}
          onClick={() => setAsking(true)}
        >
          {t('withdraw')}
        </button>
      ) : null}
      {open && asking ? (
        // Withdrawing cannot be undone: the citizen says so twice, and "No" is as easy to reach.
        <div className="pub-choice">
          <p>{t('withdrawAsk')}</p>
          <button
            type="button"
            className="pub-button"
            disabled={busy}
            onClick={() => act(citizen.sanggahWithdraw(lang, s.id))}
          >
            {t('withdrawYes')}
          </button>
          <button
            type="button"
            className="pub-button pub-button--secondary"
            disabled={busy}
            onClick={() => setAsking(false)}
          >
            {t('withdrawNo')}
          </button>
        </div>
      ) : null}
      <ProblemLine message={problem} />
    </li>
  );
}
