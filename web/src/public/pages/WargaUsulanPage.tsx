/**
 * /warga/usulan ("Daftar Usulan") and /warga/usulan/:id: a citizen's own proposals and correction requests
 * (usulan mandiri) with their status and outcome; one proposal's timeline (each step and when, never who),
 * the village's notes, and the KTP, KK and house photos to add while the village has not submitted it.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { timeZoneOfRegion } from '../../../../src/domain/regions/time-zone.ts';
import { formatDateTime, formatPeriod } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import {
  type CitizenFileKind,
  type CitizenUsulan,
  citizen,
  PublicApiError,
  problemTexts,
} from '../citizen/api.ts';
import { LoginFirst } from '../citizen/ui.tsx';
import '../citizen/citizen.css';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';

export const USULAN_TEXT = {
  id: {
    title: 'Daftar Usulan',
    intro:
      'Usulan Anda masuk ke antrean operator desa/kelurahan, lalu dibahas di Musyawarah Desa/Kelurahan, dikunjungi petugas (verifikasi dan validasi), dan diputuskan Dinas Sosial. Anda dapat mengikuti setiap langkahnya di sini.',
    back: 'Kembali ke akun',
    add: 'Tambahkan Usulan',
    correct: 'Minta perbaikan data saya',
    none: 'Belum ada usulan.',
    kindBaru: 'Usulan keluarga baru',
    kindPerbaikan: 'Permintaan perbaikan data',
    kindDikeluarkan: 'Usulan keluar',
    head: 'Kepala keluarga',
    period: 'Periode',
    status: 'Status',
    outcome: 'Hasil',
    outcomePending: 'Masih diproses',
    outcomeAccepted: 'Diterima',
    outcomeNotAccepted: 'Tidak diterima',
    created: 'Dibuat',
    open: 'Lihat perjalanan usulan',
    timeline: 'Perjalanan usulan',
    returnNote: 'Catatan dari petugas',
    withdrawalNote: 'Alasan penarikan',
    files: 'Berkas',
    filesNeeded:
      'Lengkapi berkas berikut agar operator desa/kelurahan dapat mengajukan usulan Anda (foto JPEG, PNG atau WebP; KK boleh PDF; paling besar 10 MB).',
    filesDone: 'Berkas sudah lengkap.',
    uploaded: 'sudah diunggah',
    file_ktp_photo: 'Foto KTP',
    file_kk_copy: 'Foto atau salinan Kartu Keluarga',
    file_house_front: 'Foto rumah tampak depan',
    file_house_back: 'Foto rumah tampak belakang',
    file_house_inside: 'Foto bagian dalam rumah',
    notFound: 'Usulan tidak ditemukan.',
    error: 'Terjadi kesalahan. Coba lagi.',
    list: 'Kembali ke Daftar Usulan',
  },
  en: {
    title: 'My proposals',
    intro:
      'Your proposal goes to the village operator’s queue, then to the village deliberation (Musdes/Muskel), a home visit (verification and validation), and the Dinas Sosial’s decision. You can follow every step here.',
    back: 'Back to the account',
    add: 'Add a proposal',
    correct: 'Ask for a correction of my data',
    none: 'No proposal yet.',
    kindBaru: 'New family proposal',
    kindPerbaikan: 'Correction request',
    kindDikeluarkan: 'Removal proposal',
    head: 'Head of the family',
    period: 'Period',
    status: 'Status',
    outcome: 'Outcome',
    outcomePending: 'Still being handled',
    outcomeAccepted: 'Accepted',
    outcomeNotAccepted: 'Not accepted',
    created: 'Made',
    open: 'Follow the proposal',
    timeline: 'Steps so far',
    returnNote: 'Note from the officers',
    withdrawalNote: 'Why it was withdrawn',
    files: 'Files',
    filesNeeded:
      'Add these files so the village operator can submit your proposal (JPEG, PNG or WebP photos; the KK may be a PDF; at most 10 MB).',
    filesDone: 'All files are there.',
    uploaded: 'uploaded',
    file_ktp_photo: 'Photo of the KTP',
    file_kk_copy: 'Photo or copy of the family card (KK)',
    file_house_front: 'House, front',
    file_house_back: 'House, back',
    file_house_inside: 'House, inside',
    notFound: 'Proposal not found.',
    error: 'Something went wrong. Try again.',
    list: 'Back to my proposals',
  },
} satisfies Dictionary<string>;

const ALL_FILES: CitizenFileKind[] = ['ktp_photo', 'kk_copy', 'house_front', 'house_back', 'house_inside'];
const KIND_TEXT = { baru: 'kindBaru', perbaikan: 'kindPerbaikan', dikeluarkan: 'kindDikeluarkan' } as const;
const OUTCOME_TEXT = {
  pending: 'outcomePending',
  accepted: 'outcomeAccepted',
  not_accepted: 'outcomeNotAccepted',
} as const;

export default function WargaUsulanPage({ params }: { params: Record<string, string> }) {
  return params.id ? <UsulanDetail id={params.id} /> : <UsulanList />;
}

function UsulanList() {
  const { lang } = usePublicLang();
  const t = usePublicText(USULAN_TEXT);
  const [items, setItems] = useState<CitizenUsulan[] | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    citizen
      .usulanList(lang)
      .then((r) => setItems(r.items))
      .catch((e: unknown) => {
        if (e instanceof PublicApiError && e.status === 401) setLoggedOut(true);
        else setProblem(problemTexts(e, t('error')).message);
      });
  }, [lang, t]);
  if (loggedOut) return <LoginFirst title={t('title')} />;
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <p>
        <Link to="/warga/akun">{t('back')}</Link>
      </p>
      <p>
        <Link to="/warga/usulan/tambah">{t('add')}</Link>
      </p>
      <p>
        <Link to="/warga/usulan/perbaikan">{t('correct')}</Link>
      </p>
      {problem ? (
        <p className="pub-error" role="alert">
          {problem}
        </p>
      ) : null}
      <section className="pub-card" aria-label={t('title')}>
        {items === null && !problem ? <p role="status">…</p> : null}
        {items?.length === 0 ? <p>{t('none')}</p> : null}
        {items && items.length > 0 ? (
          <ol className="pub-access" data-testid="usulan-list">
            {items.map((u) => (
              <li key={u.id}>
                <p>
                  <strong>{t(KIND_TEXT[u.kind])}</strong>
                </p>
                <Summary u={u} />
                <Link to={`/warga/usulan/${u.id}`}>{t('open')}</Link>
              </li>
            ))}
          </ol>
        ) : null}
      </section>
    </>
  );
}

function Summary({ u }: { u: CitizenUsulan }) {
  const { lang } = usePublicLang();
  const t = usePublicText(USULAN_TEXT);
  return (
    <dl>
      <dt>{t('head')}</dt>
      <dd>{u.headName}</dd>
      <dt>{t('period')}</dt>
      <dd>{formatPeriod(u.period, lang)}</dd>
      <dt>{t('status')}</dt>
      <dd data-testid="usulan-status">{u.status[lang]}</dd>
      <dt>{t('outcome')}</dt>
      <dd data-testid="usulan-outcome">{t(OUTCOME_TEXT[u.outcome])}</dd>
    </dl>
  );
}

function UsulanDetail({ id }: { id: string }) {
  const { lang } = usePublicLang();
  const t = usePublicText(USULAN_TEXT);
  const [u, setU] = useState<CitizenUsulan | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    citizen
      .usulanGet(lang, id)
      .then(setU)
      .catch((e: unknown) => {
        if (e instanceof PublicApiError && e.status === 401) setLoggedOut(true);
        else if (e instanceof PublicApiError && e.status === 404) setProblem(t('notFound'));
        else setProblem(problemTexts(e, t('error')).message);
      });
  }, [lang, id, t]);
  useEffect(load, [load]);
  if (loggedOut) return <LoginFirst title={t('title')} />;
  return (
    <>
      <h1>{u ? t(KIND_TEXT[u.kind]) : t('title')}</h1>
      <p>
        <Link to="/warga/usulan">{t('list')}</Link>
      </p>
      {problem ? (
        <p className="pub-error" role="alert">
          {problem}
        </p>
      ) : null}
      {u === null && !problem ? <p role="status">…</p> : null}
      {u ? (
        <>
          <section className="pub-card" aria-label={t('status')}>
            <Summary u={u} />
            {u.returnNote ? (
              <p>
                <strong>{t('returnNote')}:</strong> {u.returnNote}
              </p>
            ) : null}
            {u.withdrawalNote ? (
              <p>
                <strong>{t('withdrawalNote')}:</strong> {u.withdrawalNote}
              </p>
            ) : null}
          </section>
          <section className="pub-card" aria-labelledby="usulan-timeline">
            <h2 id="usulan-timeline">{t('timeline')}</h2>
            <ol className="pub-access" data-testid="usulan-timeline">
              {(u.timeline ?? []).map((s) => (
                <li key={`${s.step}-${s.at}`}>
                  <p>
                    <time dateTime={s.at}>{formatDateTime(s.at, lang, timeZoneOfRegion(u.villageCode))}</time>
                  </p>
                  <p>{s.text[lang]}</p>
                </li>
              ))}
            </ol>
          </section>
          {u.kind === 'baru' ? <Files u={u} onChange={setU} /> : null}
        </>
      ) : null}
    </>
  );
}

function Files({ u, onChange }: { u: CitizenUsulan; onChange: (u: CitizenUsulan) => void }) {
  const t = usePublicText(USULAN_TEXT);
  const present = new Set(u.files.map((f) => f.kind));
  return (
    <section className="pub-card" aria-labelledby="usulan-files">
      <h2 id="usulan-files">{t('files')}</h2>
      <p>{u.missingFiles.length ? t('filesNeeded') : t('filesDone')}</p>
      {ALL_FILES.map((kind) =>
        u.canAttach ? (
          <FileInput key={kind} id={u.id} kind={kind} done={present.has(kind)} onChange={onChange} />
        ) : present.has(kind) ? (
          <p key={kind}>
            {t(`file_${kind}`)}: {t('uploaded')}
          </p>
        ) : null,
      )}
    </section>
  );
}

function FileInput(props: {
  id: string;
  kind: CitizenFileKind;
  done: boolean;
  onChange: (u: CitizenUsulan) => void;
}) {
  const { lang } = usePublicLang();
  const t = usePublicText(USULAN_TEXT);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const accept =
    props.kind === 'kk_copy' ? 'image/jpeg,image/png,application/pdf' : 'image/jpeg,image/png,image/webp';
  return (
    <div className="pub-field">
      <label htmlFor={id}>
        {t(`file_${props.kind}`)}
        {props.done ? ` (${t('uploaded')})` : ''}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        disabled={busy}
        data-kind={props.kind}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          setProblem(null);
          citizen
            .usulanFile(lang, props.id, props.kind, file)
            .then(props.onChange)
            .catch((err: unknown) => setProblem(problemTexts(err, t('error')).message))
            .finally(() => setBusy(false));
        }}
      />
      {problem ? (
        <p id={`${id}-error`} className="pub-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
