import { type FormEvent, useState } from 'react';
import { isRole, ROLE_INFO, roleFitsRegion, USER_ROLES } from '../../../src/domain/access/roles.ts';
import { users } from '../api/endpoints.ts';
import type { UserView } from '../api/types.ts';
import { ErrorSummary, errorMessage, LoadError } from '../components/ErrorSummary.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RegionPicker } from '../components/RegionPicker.tsx';
import { ListCount, useSortedRows } from '../components/SortableColumns.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSubmit } from '../hooks/use-submit.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { clientError, fieldErrors } from '../lib/form-errors.ts';
import { useUser } from '../session.tsx';

const LEVEL_NAMES: Record<number, MessageKey> = {
  0: 'region.national',
  1: 'region.level1',
  2: 'region.level2',
  3: 'region.level3',
  4: 'region.level4',
};

export function UsersPage() {
  const { t } = useI18n();
  const list = useLoad(['users'], (signal) => users.list(signal));
  return (
    <>
      <PageHeader title={t('users.title')} />
      <div className="two-col">
        <section aria-labelledby="users-list">
          <h2 id="users-list">{t('users.list')}</h2>
          {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
          {list.data ? <UserTable items={list.data.items} /> : !list.error && <Loading />}
        </section>
        <NewUserForm onCreated={list.reload} />
      </div>
    </>
  );
}

function roleLabel(role: string, text: (v: { id: string; en: string }) => string): string {
  return isRole(role) ? text(ROLE_INFO[role].label) : role;
}

function UserTable({ items }: { items: UserView[] }) {
  const { t, text } = useI18n();
  const [unlocked, setUnlocked] = useState<{ username: string; cleared: number } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const sorted = useSortedRows(
    items,
    {
      username: (u) => u.username,
      role: (u) => roleLabel(u.role, text),
      region: (u) => u.regionCode,
      status: (u) => u.status,
    },
    { key: 'username' },
  );
  const unlock = async (u: UserView) => {
    setUnlocked(null);
    setFailed(null);
    try {
      const { cleared } = await users.unlock(u.id);
      setUnlocked({ username: u.username, cleared });
    } catch (err) {
      setFailed(errorMessage(err, t));
    }
  };
  return (
    <div className="table-wrap">
      {unlocked && (
        <p className="alert alert--success" role="status">
          {t(unlocked.cleared ? 'users.unlocked' : 'users.notLocked', { username: unlocked.username })}
        </p>
      )}
      {failed && (
        <p className="alert alert--error" role="alert">
          {failed}
        </p>
      )}
      <ListCount count={items.length} />
      <table className="table">
        <thead>
          <tr>
            {sorted.heading('username', t('login.username'))}
            {sorted.heading('role', t('users.role'))}
            {sorted.heading('region', t('users.region'))}
            {sorted.heading('status', t('field.status'))}
            <th scope="col">
              <span className="visually-hidden">{t('users.unlock')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.rows.map((u) => (
            <tr key={u.id}>
              <th scope="row">
                {u.username}
                {u.displayName && u.displayName !== u.username && (
                  <div className="muted small">{u.displayName}</div>
                )}
              </th>
              <td>{roleLabel(u.role, text)}</td>
              <td>
                {u.regionName ?? (u.regionCode === '' ? t('region.national') : '')}{' '}
                <span className="muted mono small">{u.regionCode}</span>
              </td>
              <td>
                {u.status === 'active'
                  ? t('status.active')
                  : u.status === 'disabled'
                    ? t('users.disabled')
                    : u.status}
              </td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => void unlock(u)}
                  aria-label={t('users.unlockUser', { username: u.username })}
                  title={t('users.unlockHint')}
                >
                  {t('users.unlock')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewUserForm({ onCreated }: { onCreated: () => void }) {
  const { t, text } = useI18n();
  const me = useUser();
  const empty = { username: '', displayName: '', password: '', role: '', regionCode: me.regionCode };
  const [v, setV] = useState(empty);
  const [created, setCreated] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit(
    async () => {
      const missing = Object.fromEntries(
        (['username', 'password', 'role'] as const)
          .filter((f) => !v[f].trim())
          .map((f) => [f, [t('form.requiredField')]]),
      );
      if (Object.keys(missing).length) throw clientError(missing, t('error.fixFields'));
      return users.create({
        username: v.username.trim(),
        password: v.password,
        role: v.role,
        regionCode: v.regionCode,
        displayName: v.displayName.trim() || undefined,
      });
    },
    (u) => {
      setCreated(u.username);
      setV(empty);
      onCreated();
    },
  );
  const errors = fieldErrors(error);
  const levels = isRole(v.role) ? ROLE_INFO[v.role].levels : [];
  const misfit = isRole(v.role) && !roleFitsRegion(v.role, v.regionCode);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setCreated(null);
    void submit();
  };
  return (
    <section className="card" aria-labelledby="new-user">
      <h2 id="new-user">{t('users.add')}</h2>
      {created && (
        <p className="alert alert--success" role="status">
          {t('users.created', { username: created })}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate className="stack">
        <ErrorSummary error={error} />
        <TextField
          path="username"
          label={t('login.username')}
          value={v.username}
          onChange={(x) => setV({ ...v, username: x })}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={40}
          required
          errors={errors.username}
        />
        <TextField
          path="displayName"
          label={t('users.displayName')}
          value={v.displayName}
          onChange={(x) => setV({ ...v, displayName: x })}
          maxLength={120}
          errors={errors.displayName}
        />
        <TextField
          path="password"
          label={t('login.password')}
          type="password"
          hint={t('users.passwordHint')}
          value={v.password}
          onChange={(x) => setV({ ...v, password: x })}
          autoComplete="new-password"
          required
          errors={errors.password}
        />
        <SelectField
          path="role"
          label={t('users.role')}
          value={v.role}
          onChange={(x) => setV({ ...v, role: x })}
          options={USER_ROLES.map((r) => ({ value: r, label: text(ROLE_INFO[r].label) }))}
          empty={t('form.choose')}
          required
          errors={errors.role}
          hint={
            levels.length
              ? t('users.levels', { levels: levels.map((l) => t(LEVEL_NAMES[l]!)).join(', ') })
              : undefined
          }
        />
        <RegionPicker
          root={me.regionCode}
          value={v.regionCode}
          onChange={(code) => setV({ ...v, regionCode: code })}
          legend={t('users.region')}
          emptyLabel={t('region.none')}
          hint={t('users.regionHint')}
          errors={[...(misfit ? [t('users.levelMismatch')] : []), ...(errors.regionCode ?? [])]}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.saving') : t('users.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
