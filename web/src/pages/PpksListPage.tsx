import { PPKS_CATEGORIES } from '../../../src/domain/registry/ppks-psks.ts';
import { ppks } from '../api/endpoints.ts';
import type { PpksItem } from '../api/types.ts';
import { RegisterListPage } from '../components/RegisterListPage.tsx';
import { useI18n } from '../i18n/index.tsx';
import { formatFieldValue } from '../lib/fields.ts';

export function PpksListPage() {
  const { t, lang } = useI18n();
  return (
    <RegisterListPage<PpksItem, 'category'>
      path="/ppks"
      text={{ title: 'ppks.title', intro: 'ppks.intro', add: 'ppks.add' }}
      filter={{ key: 'category', label: 'ppks.category', choices: PPKS_CATEGORIES }}
      load={ppks.list}
      head={
        <>
          <th scope="col">{t('field.nik')}</th>
          <th scope="col">{t('ppks.categories')}</th>
        </>
      }
      cells={(p) => (
        <>
          <td className="mono">{p.nik ?? '—'}</td>
          <td>
            <ul className="tag-list">
              {p.categories.map((c) => (
                <li key={`${c.category}-${c.startDate}`} className={c.endDate ? 'tag tag--ended' : 'tag'}>
                  {formatFieldValue('category', c.category, lang, t)}
                </li>
              ))}
            </ul>
          </td>
        </>
      )}
    />
  );
}
