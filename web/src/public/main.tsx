import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicLangProvider } from './i18n.tsx';
import { PublicApp } from './PublicApp.tsx';
import './public.css';

// The first render as a transition: React renders it in slices of a few milliseconds, yielding to the browser
// between them, instead of one task (on a phone-speed CPU, a long task that blocked input; Lighthouse counts it
// in the total blocking time, bench/results/public-pages.md). Nothing is shown before it anyway.
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PublicLangProvider>
        <PublicApp />
      </PublicLangProvider>
    </StrictMode>,
  );
});
