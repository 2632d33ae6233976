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

// The service worker keeps the app shell for offline field work (web/sw.js); only in a build (it lists the
// build's files), and only where the browser has one (a secure context).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
