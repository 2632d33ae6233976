/** Setting up the period's deliberation of the user's village (operator or Kepala Desa/Lurah). */
import './musdes.css';
import { useRef } from 'react';
import { isKelurahan } from '../../../../../src/domain/cycle/musdes.ts';
import { regionLevel } from '../../../api/region-cache.ts';
import { currentPeriod, periodOr } from '../../../components/cycle/period.tsx';
import { TextField } from '../../../components/fields.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useSubmit } from '../../../hooks/use-submit.ts';
import { navigate, useQueryState } from '../../../router.tsx';
import { useUser } from '../../../session.tsx';
import { emptyHeader, HeaderForm } from './HeaderForm.tsx';
import { runsSessions } from './MusdesListPage.tsx';
import { type MusdesHeader, musdesApi } from './musdes.api.ts';
import { useMusdesI18n } from './musdes.i18n.ts';

export function MusdesCreatePage() {
  const { m } = useMusdesI18n();
  const user = useUser();
  const [query, setQuery] = useQueryState();
  const period = periodOr(query.get('period'), currentPeriod());
  const header = useRef<MusdesHeader | null>(null);
  const save = useSubmit(
    () => musdesApi.create({ villageCode: user.regionCode, period, ...header.current! }),
    (s) => navigate(`/cycle/musdes/${s.id}`),
  );

  if (regionLevel(user.regionCode) !== 4 || !runsSessions(user.role)) {
    return (
      <>
        <PageHeader title={m('create.title')} />
        <p>{m('session.readOnly')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={m('create.title')} />
      <div className="card narrow stack">
        <p>{m('create.villageHint', { village: user.regionName ?? user.regionCode })}</p>
        <TextField
          path="period"
          type="month"
          label={m('list.period')}
          required
          value={period}
          onChange={(v) => setQuery({ period: v || undefined })}
        />
        <HeaderForm
          initial={emptyHeader(isKelurahan(user.regionCode) ? 'lurah' : 'kepala_desa')}
          busy={save.busy}
          error={save.error}
          submitLabel={m('create.submit')}
          onSubmit={(h) => {
            header.current = h;
            void save.submit();
          }}
          onCancel={() => navigate('/cycle/musdes')}
        />
      </div>
    </>
  );
}
