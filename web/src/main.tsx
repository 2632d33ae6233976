import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { setRequestLanguage } from './api/client.ts';
import { I18nProvider, storedLang } from './i18n/index.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';

setRequestLanguage(storedLang());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);
