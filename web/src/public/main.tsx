import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createQueryClient } from '../api/query.ts';
import { PublicLangProvider } from './i18n.tsx';
import { PublicApp } from './PublicApp.tsx';
import './public.css';

/** The public pages' own query cache (web/src/api/query.ts); a citizen's answers never outlive the tab. */
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <PublicLangProvider>
        <PublicApp />
      </PublicLangProvider>
    </QueryClientProvider>
  </StrictMode>,
);
