import type { HouseholdDetail } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { fieldLabel, formatFieldValue } from '../lib/fields.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { ScrollableTable } from './ScrollableTable.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const DETAIL_FIELDS = [
  'birthPlace',
  'maritalStatus',
  'pregnant',
  'disability',
  'chronicIllness',
  'educationLevel',
  'highestDiploma',
  'jobStatus',
] as const;

/** Members with the answers that matter most in columns, the rest one click away. */
export function MembersTable({ h }: { h: HouseholdDetail }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const writable = can('registry.write') && h.status === 'active';
  const members = [...h.members].sort(
    (a, b) =>
      Number(a.status === 'removed') - Number(b.status === 'removed') || a.relationship - b.relationship,
  );
  const v = (field: string, value: unknown) => formatFieldValue(field, value, lang, t);
  return (
    <ScrollableTable>
      <table className="table">
        <caption className="visually-hidden">{t('household.tabMembers')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.nik')}</th>
            <th scope="col">{t('members.relationship')}</th>
            <th scope="col">{t('field.sex')}</th>
            <th scope="col">{t('field.birthDate')}</th>
            <th scope="col">{fieldLabel('schoolParticipation', lang, t)}</th>
            <th scope="col">{t('members.occupation')}</th>
            <th scope="col">{t('field.status')}</th>
            {writable && (
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} className={m.status === 'removed' ? 'row--removed' : undefined}>
              <th scope="row">
                <details className="member-details">
                  <summary>{m.name}</summary>
                  <dl>
                    {DETAIL_FIELDS.map((f) => (
                      <div key={f}>
                        <dt>{fieldLabel(f, lang, t)}</dt>
                        <dd>{v(f, m[f])}</dd>
                      </div>
                    ))}
                    {m.removalReason && (
                      <div>
                        <dt>{t('field.removalReason')}</dt>
                        <dd>{v('removalReason', m.removalReason)}</dd>
                      </div>
                    )}
                  </dl>
                </details>
              </th>
              <td className="mono">{m.nik}</td>
              <td>{v('relationship', m.relationship)}</td>
              <td>{v('sex', m.sex)}</td>
              <td className="nowrap">{v('birthDate', m.birthDate)}</td>
              <td>{v('schoolParticipation', m.schoolParticipation)}</td>
              <td>{v('occupationSector', m.occupationSector)}</td>
              <td>
                <StatusBadge status={m.status} />
              </td>
              {writable && (
                <td>
                  {m.status === 'active' && (
                    <Link
                      className="button button--small"
                      to={`/households/${h.id}/members/${m.id}`}
                      aria-label={t('member.editNamed', { name: m.name })}
                    >
                      {t('common.edit')}
                    </Link>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollableTable>
  );
}
