import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicLangProvider } from './i18n.tsx';
import { PublicApp } from './PublicApp.tsx';
import './public.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicLangProvider>
      <PublicApp />
    </PublicLangProvider>
  </StrictMode>,
);
