/**
 * /warga/akun: the citizen's account — its state and the village's decision, the KTP photos to upload,
 * and "who read my data" (UU 27/2022): every read and change of their DTKS record with the office, role
 * and purpose, never an official's name.
 */
import { useEffect, useId, useState } from 'react';
import { formatDate, formatDateTime, formatTime } from '../../lib/format.ts';
import { Link, navigate } from '../../router.tsx';
import {
  type AccessGroup,
  type AccessLogPage,
  type AccountView,
  citizen,
  PublicApiError,
  problemTexts,
} from '../citizen/api.ts';
import { CITIZEN_TEXT, type CitizenKey } from '../citizen/text.ts';
import '../citizen/citizen.css';
import { usePublicLang, usePublicText } from '../i18n.tsx';

export default function WargaAkunPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const [account, setAccount] = useState<AccountView | null>(null);
  const [loggedOut, setLoggedOut] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    citizen
      .account(lang)
      .then((a) => live && setAccount(a))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof PublicApiError && e.status === 401) setLoggedOut(true);
        else setProblem(problemTexts(e, t('error')).message);
      });
    return () => {
      live = false;
    };
  }, [lang, t]);

  if (loggedOut) {
    return (
      <>
        <h1>{t('account.title')}</h1>
        <p>{t('account.loginFirst')}</p>
        <p>
          <Link to="/warga/masuk">{t('login.title')}</Link>
        </p>
      </>
    );
  }
  if (problem) {
    return (
      <p className="pub-error" role="alert">
        {problem}
      </p>
    );
  }
  if (!account) return <p role="status">…</p>;
  return (
    <>
      <h1>{t('account.title')}</h1>
      <section className="pub-card" aria-labelledby="account-state">
        <h2 id="account-state">{account.fullName}</h2>
        <dl>
          <dt>{t('account.state')}</dt>
          <dd>{t(`state.${account.state}` as CitizenKey)}</dd>
          <dt>{t('village')}</dt>
          <dd>
            {account.villageName ?? account.villageCode}, RT {account.rt} / RW {account.rw}
          </dd>
        </dl>
        {account.state === 'rejected' ? (
          <p role="status">{t('account.rejected', { reason: account.decisionNote ?? '' })}</p>
        ) : null}
        <button
          type="button"
          className="pub-button"
          onClick={() =>
            void citizen
              .logout(lang)
              .catch(() => {})
              .then(() => navigate('/warga/masuk'))
          }
        >
          {t('account.logout')}
        </button>
      </section>
      {account.state === 'pending_verification' || account.state === 'pending_contact' ? (
        <Documents account={account} onChange={setAccount} />
      ) : null}
      <section className="pub-card" aria-labelledby="account-usulan">
        <h2 id="account-usulan">{t('account.usulan')}</h2>
        <p>
          <Link to="/warga/usulan">{t('account.usulanLink')}</Link>
        </p>
      </section>
      <section className="pub-card" aria-labelledby="account-sanggah">
        <h2 id="account-sanggah">{t('account.sanggah')}</h2>
        <p>
          <Link to="/warga/sanggah">{t('account.sanggahLink')}</Link>
        </p>
      </section>
      <section className="pub-card" aria-labelledby="account-opt-out">
        <h2 id="account-opt-out">{t('account.optOut')}</h2>
        <p>
          <Link to="/warga/program">{t('account.optOutLink')}</Link>
        </p>
      </section>
      <AccessLog verified={account.state === 'verified'} />
    </>
  );
}

function Documents({ account, onChange }: { account: AccountView; onChange: (a: AccountView) => void }) {
  const t = usePublicText(CITIZEN_TEXT);
  return (
    <section className="pub-card" aria-labelledby="account-docs">
      <h2 id="account-docs">{t('account.documents')}</h2>
      <PhotoUpload kind="ktp_photo" uploaded={account.documents.ktpPhoto} onChange={onChange} />
      <PhotoUpload kind="ktp_selfie" uploaded={account.documents.ktpSelfie} onChange={onChange} />
    </section>
  );
}

function PhotoUpload({
  kind,
  uploaded,
  onChange,
}: {
  kind: 'ktp_photo' | 'ktp_selfie';
  uploaded: boolean;
  onChange: (a: AccountView) => void;
}) {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const label = t(kind === 'ktp_photo' ? 'account.ktpPhoto' : 'account.ktpSelfie');
  return (
    <div className="pub-field">
      <label htmlFor={id}>
        {label} ({uploaded ? t('account.uploaded') : t('account.missing')})
      </label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        aria-describedby={`${id}-hint`}
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          setProblem(null);
          citizen
            .upload(lang, kind, file)
            .then(onChange)
            .catch((err: unknown) => setProblem(problemTexts(err, t('error')).message))
            .finally(() => setBusy(false));
        }}
      />
      <p id={`${id}-hint`} className="pub-hint">
        {t('account.photoHint')}
      </p>
      {problem ? (
        <p className="pub-error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** A page of groups is appended to the ones shown; "Muat lebih banyak" asks for the days before them. */
function AccessLog({ verified }: { verified: boolean }) {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const [log, setLog] = useState<AccessLogPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!verified) return;
    let live = true;
    setProblem(null);
    citizen
      .accessLog(lang)
      .then((l) => live && setLog(l))
      .catch((e: unknown) => live && setProblem(problemTexts(e, t('error')).message));
    return () => {
      live = false;
    };
  }, [verified, lang, t]);
  const more = () => {
    if (!log?.nextCursor) return;
    setLoading(true);
    setProblem(null);
    citizen
      .accessLog(lang, log.nextCursor)
      .then((next) => setLog({ ...next, groups: [...log.groups, ...next.groups] }))
      .catch((e: unknown) => setProblem(problemTexts(e, t('error')).message))
      .finally(() => setLoading(false));
  };
  const office = (g: AccessGroup) => {
    const role = g.roleLabel?.[lang] ?? t('access.system');
    const region = g.officeRegionCode === '' ? t('access.national') : g.officeRegionName;
    return region ? `${role}, ${region}` : role;
  };
  const when = (g: AccessGroup, zone: AccessLogPage['timeZone']) =>
    g.count === 1 || g.firstAt === g.lastAt
      ? formatDateTime(g.lastAt, lang, zone)
      : `${formatDate(g.day, lang)}, ${formatTime(g.firstAt, lang, zone)}–${formatTime(g.lastAt, lang, zone)} ${zone}`;
  return (
    <section className="pub-card" aria-labelledby="access-log">
      <h2 id="access-log">{t('access.title')}</h2>
      <p>{t('access.intro')}</p>
      {!verified ? <p>{t('access.notVerified')}</p> : null}
      {verified && log && !log.inRegistry ? <p>{t('access.notInRegistry')}</p> : null}
      {verified && log?.inRegistry && log.groups.length === 0 ? <p>{t('access.empty')}</p> : null}
      {log && log.groups.length > 0 ? (
        <ol className="pub-access">
          {log.groups.map((g) => (
            <li key={`${g.day}|${g.kind}|${g.role}|${g.officeRegionCode}|${g.purpose}`}>
              <p>
                <strong>{g.kind === 'read' ? t('access.read') : t('access.change')}</strong> ·{' '}
                {t('access.times', { count: g.count })}
              </p>
              <dl>
                <dt>{t('access.when')}</dt>
                <dd>{when(g, log.timeZone)}</dd>
                <dt>{t('access.office')}</dt>
                <dd>{office(g)}</dd>
                <dt>{t('access.purpose')}</dt>
                <dd>{g.purpose ?? '—'}</dd>
              </dl>
            </li>
          ))}
        </ol>
      ) : null}
      {log?.nextCursor ? (
        <button type="button" className="pub-button pub-button--secondary" onClick={more} disabled={loading}>
          {loading ? t('access.loading') : t('access.more')}
        </button>
      ) : null}
      {problem ? (
        <p className="pub-error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
