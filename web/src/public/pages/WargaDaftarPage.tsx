/** /warga/daftar: a citizen registers (seed 001); the confirmation code goes to the e-mail or phone. */
import { type FormEvent, useState } from 'react';
import { Link, navigate } from '../../router.tsx';
import { citizen, formProblem } from '../citizen/api.ts';
import { CITIZEN_TEXT } from '../citizen/text.ts';
import { Field, FormFooter, VillagePicker } from '../citizen/ui.tsx';
import { usePublicLang, usePublicText } from '../i18n.tsx';

const EMPTY = {
  nik: '',
  kkNumber: '',
  fullName: '',
  address: '',
  rt: '',
  rw: '',
  villageCode: '',
  phone: '',
  email: '',
  username: '',
  password: '',
  channel: 'email',
};

/** The fields this form marks at their inputs. */
const MARKED_FIELDS = new Set([
  'nik',
  'kkNumber',
  'fullName',
  'villageCode',
  'address',
  'rt',
  'rw',
  'phone',
  'email',
  'username',
  'password',
]);

export default function WargaDaftarPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(CITIZEN_TEXT);
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const set = (k: keyof typeof EMPTY) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const err = (k: string) => problem?.fields[k];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await citizen.register(lang, form);
      navigate(`/warga/konfirmasi?login=${encodeURIComponent(form.email)}&registered=1`);
    } catch (error) {
      setProblem(formProblem(error, t('error'), t('checkFields'), (k) => MARKED_FIELDS.has(k)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('register.title')}</h1>
      <p>{t('register.intro')}</p>
      <form className="pub-card" onSubmit={submit} noValidate>
        <Field
          label={t('nik')}
          value={form.nik}
          onChange={set('nik')}
          inputMode="numeric"
          maxLength={16}
          autoComplete="off"
          error={err('nik')}
        />
        <Field
          label={t('kkNumber')}
          value={form.kkNumber}
          onChange={set('kkNumber')}
          inputMode="numeric"
          maxLength={16}
          autoComplete="off"
          error={err('kkNumber')}
        />
        <Field
          label={t('fullName')}
          value={form.fullName}
          onChange={set('fullName')}
          maxLength={100}
          autoComplete="name"
          error={err('fullName')}
        />
        <VillagePicker onVillage={set('villageCode')} error={err('villageCode')} />
        <Field
          label={t('address')}
          value={form.address}
          onChange={set('address')}
          maxLength={200}
          autoComplete="street-address"
          error={err('address')}
        />
        <Field
          label={t('rt')}
          value={form.rt}
          onChange={set('rt')}
          inputMode="numeric"
          maxLength={3}
          error={err('rt')}
        />
        <Field
          label={t('rw')}
          value={form.rw}
          onChange={set('rw')}
          inputMode="numeric"
          maxLength={3}
          error={err('rw')}
        />
        <Field
          label={t('phone')}
          value={form.phone}
          onChange={set('phone')}
          type="tel"
          autoComplete="tel"
          maxLength={30}
          error={err('phone')}
        />
        <Field
          label={t('email')}
          value={form.email}
          onChange={set('email')}
          type="email"
          autoComplete="email"
          maxLength={254}
          error={err('email')}
        />
        <Field
          label={t('username')}
          hint={t('usernameHint')}
          value={form.username}
          onChange={set('username')}
          autoComplete="username"
          maxLength={30}
          error={err('username')}
        />
        <Field
          label={t('password')}
          hint={t('passwordHint')}
          value={form.password}
          onChange={set('password')}
          type="password"
          autoComplete="new-password"
          maxLength={200}
          error={err('password')}
        />
        <fieldset className="pub-tabs">
          <legend>{t('channel')}</legend>
          {(['email', 'phone'] as const).map((c) => (
            <label key={c}>
              <input
                type="radio"
                name="channel"
                value={c}
                checked={form.channel === c}
                onChange={() => set('channel')(c)}
              />
              {t(`channel.${c}`)}
            </label>
          ))}
        </fieldset>
        <FormFooter problem={problem?.message} busy={busy}>
          {busy ? t('busy') : t('register.submit')}
        </FormFooter>
      </form>
      <p>
        <Link to="/warga/masuk">{t('login.title')}</Link>
      </p>
    </>
  );
}
