import { type FormEvent, useState } from 'react';
import { auth } from '../api/endpoints.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField } from '../components/fields.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { useI18n } from '../i18n/index.tsx';
import { offlineKey, unlock } from '../offline/keyring.ts';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';

/** Only same-site paths: `next` comes from the address bar and must not send the user elsewhere. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const { loggedIn, expired } = useSession();
  const { search, pathname } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await auth.login(username.trim(), password);
      // The offline app's key comes from the password, now, while it is at hand (web/src/offline/keyring.ts);
      // derived off the main thread, without holding up the login.
      // The password is known to be right here: the check value the offline unlock compares with is sealed now.
      const user = username.trim();
      void unlock(user, password)
        .then(async () => {
          const k = offlineKey();
          if (k) await (await import('../offline/store.ts')).OfflineStore.sealAtLogin(user, k.key);
        })
        .catch(() => {});
      await loggedIn();
      if (pathname === '/login') navigate(safeNext(search.get('next')), { replace: true });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="login">
      {/* In the banner landmark: every part of a page lies in a landmark (axe `region`). */}
      <header className="login__lang">
        <LanguageSwitch />
      </header>
      <main className="login__card" id="main">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            D
          </span>
          <span className="brand__text">
            <strong>DTKS</strong>
            <small>{t('app.subtitle')}</small>
          </span>
        </div>
        <h1 className="login__title">{t('login.title')}</h1>
        {expired && (
          <p className="alert alert--info" role="status">
            {t('login.expired')}
          </p>
        )}
        <ErrorSummary error={error} />
        <form onSubmit={submit} noValidate>
          <TextField
            path="username"
            label={t('login.username')}
            value={username}
            onChange={setUsername}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
          />
          <TextField
            path="password"
            label={t('login.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            required
          />
          <button
            type="submit"
            className="button button--primary button--block"
            disabled={busy || !username || !password}
          >
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
