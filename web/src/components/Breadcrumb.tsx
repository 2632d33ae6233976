import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

export interface Crumb {
  label: string;
  /** The last crumb (the current page) has no link. */
  to?: string;
}

export function Breadcrumb({ items }: { items: Crumb[] }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
      <ol>
        {items.map((c, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${c.label}-${c.to ?? i}`}>
              {c.to && !last ? (
                <Link to={c.to}>{c.label}</Link>
              ) : (
                <span aria-current={last ? 'page' : undefined}>{c.label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
