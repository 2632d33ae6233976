/** /warga/konfirmasi: the citizen enters the code sent to their e-mail or phone. */
import { type FormEvent, useState } from 'react';
import { Link, useQueryState } from '../../router.tsx';
import { citizen, problemTexts } from '../citizen/api.ts';
import { CITIZEN_TEXT } from '../citizen/text.ts';
import { Field, FormFooter } from '../citizen/ui.tsx';
import { usePublicLang, usePublicText } from '../i18n.tsx';

export default function WargaKonfirmasiPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const [query] = useQueryState();
  const [login, setLogin] = useState(query.get('login') ?? '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(query.get('registered') ? t('register.done') : null);
  const [done, setDone] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>, after: () => void) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      after();
    } catch (error) {
      setProblem(problemTexts(error, t('error')).message);
    } finally {
      setBusy(false);
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () => citizen.confirm(lang, login, code),
      () => setDone(true),
    );
  };

  return (
    <>
      <h1>{t('confirm.title')}</h1>
      {done ? (
        <div className="pub-card" role="status">
          <p>{t('confirm.done')}</p>
          <p>
            <Link to="/warga/masuk">{t('login.title')}</Link>
          </p>
        </div>
      ) : (
        <form className="pub-card" onSubmit={submit} noValidate>
          <p>{t('confirm.intro')}</p>
          {note ? <p role="status">{note}</p> : null}
          <Field
            label={t('login')}
            value={login}
            onChange={setLogin}
            autoComplete="username"
            maxLength={254}
          />
          <Field
            label={t('code')}
            value={code}
            onChange={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
          />
          <FormFooter problem={problem} busy={busy}>
            {busy ? t('busy') : t('confirm.submit')}
          </FormFooter>
          <button
            type="button"
            className="pub-button"
            disabled={busy || !login.trim()}
            onClick={() =>
              void run(
                () => citizen.resend(lang, login),
                () => setNote(t('confirm.resent')),
              )
            }
          >
            {t('confirm.resend')}
          </button>
        </form>
      )}
    </>
  );
}
