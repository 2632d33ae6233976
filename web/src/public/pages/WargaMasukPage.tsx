/** /warga/masuk: a citizen logs in with e-mail or NIK and password. */
import { type FormEvent, useState } from 'react';
import { Link, navigate } from '../../router.tsx';
import { citizen, problemTexts } from '../citizen/api.ts';
import { CITIZEN_TEXT } from '../citizen/text.ts';
import { Field, FormFooter } from '../citizen/ui.tsx';
import { usePublicLang, usePublicText } from '../i18n.tsx';

export default function WargaMasukPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await citizen.login(lang, login, password);
      navigate('/warga/akun');
    } catch (error) {
      setProblem(problemTexts(error, t('error')).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('login.title')}</h1>
      <form className="pub-card" onSubmit={submit} noValidate>
        <Field label={t('login')} value={login} onChange={setLogin} autoComplete="username" maxLength={254} />
        <Field
          label={t('password')}
          value={password}
          onChange={setPassword}
          type="password"
          autoComplete="current-password"
          maxLength={200}
        />
        <FormFooter problem={problem} busy={busy}>
          {busy ? t('busy') : t('login.submit')}
        </FormFooter>
      </form>
      <ul>
        <li>
          <Link to="/warga/daftar">{t('login.register')}</Link>
        </li>
        <li>
          <Link to="/warga/konfirmasi">{t('login.confirm')}</Link>
        </li>
        <li>
          <Link to="/warga/lupa">{t('login.forgot')}</Link>
        </li>
      </ul>
    </>
  );
}
