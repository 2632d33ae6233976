import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadRoute } from './App.tsx';
import { setRequestLanguage } from './api/client.ts';
import { I18nProvider, storedLang } from './i18n/index.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';

setRequestLanguage(storedLang());
// Opened at a page's address, the user is most likely signed in: its code downloads while /auth/me is
// asked, not after the answer.
if (window.location.pathname !== '/login') preloadRoute(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
