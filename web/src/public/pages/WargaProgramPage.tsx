/**
 * /warga/program: a verified citizen whose NIK is in DTKS declares that their family opts out of an aid
 * programme (issue 13 "opted out"), and withdraws such a declaration. It is the same record the village
 * office keeps on a written request, marked as declared by the citizen; the office sees it, and the next
 * recipients computation leaves the family out of that programme. One recorded by the office is shown but
 * withdrawn at the office.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from '../../router.tsx';
import {
  citizen,
  type OptOutProgramme,
  type OptOutView,
  PublicApiError,
  problemTexts,
} from '../citizen/api.ts';
import { Field, FormFooter, LoginFirst, ProblemLine, Select } from '../citizen/ui.tsx';
import '../citizen/citizen.css';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';

const TEXT = {
  id: {
    title: 'Mundur dari program bansos',
    intro:
      'Jika keluarga Anda tidak ingin lagi menerima suatu program (misalnya karena sudah mampu), nyatakan di sini. Mulai perhitungan penerima berikutnya keluarga Anda tidak diikutkan program itu. Desa/kelurahan dan Dinas Sosial melihat pernyataan ini. Anda dapat membatalkannya kapan saja.',
    back: 'Kembali ke akun',
    newTitle: 'Nyatakan mundur dari program',
    programme: 'Program',
    choose: '— pilih program —',
    reason: 'Alasan',
    reasonHint: 'Misalnya: penghasilan keluarga sudah cukup. Paling sedikit 3 huruf.',
    submit: 'Nyatakan mundur',
    sent: 'Pernyataan tercatat.',
    mine: 'Pernyataan keluarga saya',
    none: 'Keluarga Anda tidak mundur dari program apa pun.',
    since: 'Sejak',
    status: 'Status',
    standing: 'Berlaku',
    withdrawn: 'Dibatalkan',
    byCitizen: 'dinyatakan warga lewat portal',
    byOffice: 'dicatat kantor desa/kelurahan atas surat permohonan',
    atOffice: 'Pernyataan ini dibatalkan di kantor desa/kelurahan.',
    withdrawReason: 'Alasan pembatalan',
    withdraw: 'Batalkan pernyataan',
    error: 'Terjadi kesalahan. Coba lagi.',
  },
  en: {
    title: 'Opting out of an aid programme',
    intro:
      'If your family no longer wants to receive a programme (for instance because it is now well-off), declare it here. From the next recipients computation your family is left out of that programme. The village and the Dinas Sosial see this declaration. You can withdraw it at any time.',
    back: 'Back to the account',
    newTitle: 'Declare an opt-out',
    programme: 'Programme',
    choose: '— choose a programme —',
    reason: 'Reason',
    reasonHint: "For example: the family's income is now sufficient. At least 3 characters.",
    submit: 'Opt out',
    sent: 'The declaration was recorded.',
    mine: "My family's declarations",
    none: 'Your family has not opted out of any programme.',
    since: 'Since',
    status: 'Status',
    standing: 'In force',
    withdrawn: 'Withdrawn',
    byCitizen: 'declared by a citizen on the portal',
    byOffice: 'recorded by the village office on a written request',
    atOffice: 'This one is withdrawn at the village office.',
    withdrawReason: 'Reason for withdrawing',
    withdraw: 'Withdraw the declaration',
    error: 'Something went wrong. Try again.',
  },
} satisfies Dictionary<string>;

export default function WargaProgramPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [data, setData] = useState<{ programmes: OptOutProgramme[]; items: OptOutView[] } | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const load = useCallback(() => {
    citizen
      .optOuts(lang)
      .then(setData)
      .catch((e: unknown) => {
        if (e instanceof PublicApiError && e.status === 401) setLoggedOut(true);
        else setProblem(problemTexts(e, t('error')).message);
      });
  }, [lang, t]);
  useEffect(load, [load]);

  if (loggedOut) return <LoginFirst title={t('title')} />;
  const names = new Map(data?.programmes.map((p) => [p.code, p.name[lang]]) ?? []);
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link to="/warga/akun">{t('back')}</Link>
      </p>
      <ProblemLine message={problem} />
      {data ? <Declare programmes={data.programmes} onSent={load} /> : null}
      {data ? (
        <section className="pub-card" aria-labelledby="opt-out-mine">
          <h2 id="opt-out-mine">{t('mine')}</h2>
          {data.items.length === 0 ? <p>{t('none')}</p> : null}
          {data.items.length > 0 ? (
            <ol className="pub-access" data-testid="opt-outs">
              {data.items.map((o) => (
                <OptOutItem
                  key={o.id}
                  item={o}
                  name={names.get(o.programme) ?? o.programme}
                  onChange={load}
                />
              ))}
            </ol>
          ) : null}
        </section>
      ) : problem ? null : (
        <p role="status">…</p>
      )}
    </>
  );
}

function Declare({ programmes, onSent }: { programmes: OptOutProgramme[]; onSent: () => void }) {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [programme, setProgramme] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  return (
    <section className="pub-card" aria-labelledby="opt-out-new">
      <h2 id="opt-out-new">{t('newTitle')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setProblem(null);
          setSent(false);
          citizen
            .optOutDeclare(lang, { programme, reason: reason.trim() })
            .then(() => {
              setSent(true);
              setProgramme('');
              setReason('');
              onSent();
            })
            .catch((err: unknown) => setProblem(problemTexts(err, t('error'))))
            .finally(() => setBusy(false));
        }}
      >
        <Select
          label={t('programme')}
          value={programme}
          onChange={setProgramme}
          options={[['', t('choose')], ...programmes.map((p) => [p.code, p.name[lang]] as const)]}
          error={problem?.fields.programme}
        />
        <Field
          label={t('reason')}
          hint={t('reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={500}
          error={problem?.fields.reason}
        />
        <FormFooter problem={problem?.message} sent={sent ? t('sent') : null} busy={busy}>
          {t('submit')}
        </FormFooter>
      </form>
    </section>
  );
}

function OptOutItem({ item: o, name, onChange }: { item: OptOutView; name: string; onChange: () => void }) {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  return (
    <li>
      <dl>
        <dt>{t('programme')}</dt>
        <dd>{name}</dd>
        <dt>{t('since')}</dt>
        <dd>
          {o.requestedOn} ({o.declaredBy === 'citizen' ? t('byCitizen') : t('byOffice')})
        </dd>
        <dt>{t('status')}</dt>
        <dd data-testid="opt-out-status">{o.standing ? t('standing') : t('withdrawn')}</dd>
      </dl>
      {o.standing && o.declaredBy === 'staff' ? <p>{t('atOffice')}</p> : null}
      {o.standing && o.declaredBy === 'citizen' ? (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            setProblem(null);
            citizen
              .optOutWithdraw(lang, o.id, reason.trim())
              .then(onChange)
              .catch((err: unknown) => setProblem(problemTexts(err, t('error'))))
              .finally(() => setBusy(false));
          }}
        >
          <Field
            label={`${t('withdrawReason')}: ${name}`}
            value={reason}
            onChange={setReason}
            maxLength={500}
            error={problem?.fields.reason}
          />
          <FormFooter problem={problem?.message} busy={busy}>
            {t('withdraw')}
          </FormFooter>
        </form>
      ) : null}
    </li>
  );
}
