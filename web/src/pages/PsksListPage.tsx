import { PSKS_KINDS } from '../../../src/domain/registry/ppks-psks.ts';
import { psks } from '../api/endpoints.ts';
import type { PsksItem } from '../api/types.ts';
import { RegisterListPage } from '../components/RegisterListPage.tsx';
import { useI18n } from '../i18n/index.tsx';
import { formatFieldValue } from '../lib/fields.ts';

export function PsksListPage() {
  const { t, lang } = useI18n();
  return (
    <RegisterListPage<PsksItem, 'kind'>
      path="/psks"
      text={{ title: 'psks.title', intro: 'psks.intro', add: 'psks.add' }}
      filter={{ key: 'kind', label: 'field.kind', choices: PSKS_KINDS }}
      load={psks.list}
      head={
        <>
          <th scope="col">{t('field.kind')}</th>
          <th scope="col">{t('psks.contact')}</th>
        </>
      }
      cells={(p) => (
        <>
          <td>{formatFieldValue('kind', p.kind, lang, t)}</td>
          <td className="small">
            {[p.phone, p.email].filter(Boolean).join(' · ') || <span className="muted">—</span>}
          </td>
        </>
      )}
    />
  );
}
