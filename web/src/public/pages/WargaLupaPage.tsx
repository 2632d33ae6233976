/** /warga/lupa: a forgotten password, reset with a code sent to the account's e-mail. */
import { type FormEvent, useState } from 'react';
import { Link } from '../../router.tsx';
import { citizen, problemTexts } from '../citizen/api.ts';
import { CITIZEN_TEXT } from '../citizen/text.ts';
import { Field } from '../citizen/ui.tsx';
import { usePublicLang, usePublicText } from '../i18n.tsx';

export default function WargaLupaPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const [login, setLogin] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [step, setStep] = useState<'ask' | 'reset' | 'done'>('ask');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);

  async function run(action: () => Promise<unknown>, next: 'reset' | 'done') {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      setStep(next);
    } catch (error) {
      setProblem(problemTexts(error, t('error')));
    } finally {
      setBusy(false);
    }
  }
  const ask = (e: FormEvent) => {
    e.preventDefault();
    void run(() => citizen.forgot(lang, login), 'reset');
  };
  const reset = (e: FormEvent) => {
    e.preventDefault();
    void run(() => citizen.reset(lang, login, code, password), 'done');
  };
  const error = problem ? (
    <p className="pub-error" role="alert">
      {problem.message}
    </p>
  ) : null;

  return (
    <>
      <h1>{t('forgot.title')}</h1>
      {step === 'ask' && (
        <form className="pub-card" onSubmit={ask} noValidate>
          <p>{t('forgot.intro')}</p>
          <Field
            label={t('login')}
            value={login}
            onChange={setLogin}
            autoComplete="username"
            maxLength={254}
          />
          {error}
          <button type="submit" className="pub-button" disabled={busy}>
            {busy ? t('busy') : t('forgot.submit')}
          </button>
        </form>
      )}
      {step === 'reset' && (
        <form className="pub-card" onSubmit={reset} noValidate>
          <p role="status">{t('forgot.sent')}</p>
          <Field
            label={t('code')}
            value={code}
            onChange={setCode}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            error={problem?.fields.code}
          />
          <Field
            label={t('newPassword')}
            hint={t('passwordHint')}
            value={password}
            onChange={setPassword}
            type="password"
            autoComplete="new-password"
            maxLength={200}
            error={problem?.fields.password}
          />
          {error}
          <button type="submit" className="pub-button" disabled={busy}>
            {busy ? t('busy') : t('reset.submit')}
          </button>
        </form>
      )}
      {step === 'done' && (
        <div className="pub-card" role="status">
          <p>{t('reset.done')}</p>
          <Link to="/warga/masuk">{t('login.title')}</Link>
        </div>
      )}
    </>
  );
}
