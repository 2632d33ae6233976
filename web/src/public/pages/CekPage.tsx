/**
 * Cek Bansos: is a person in DTKS, and which programmes does their family receive? By NIK + name (as on the
 * KTP) or by region (province → regency → district → village) + name. The answer shows masked data only.
 * When the server asks for a proof of work (403 `public.challenge_required`), the ALTCHA widget is loaded and the check is resent with
 * its solution.
 */
import { createElement, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { CheckAnswer } from '../../../../src/modules/public/public.schemas.ts';
import { formatPeriod } from '../../lib/format.ts';
import { PublicApiError, publicRequest } from '../api.ts';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';
import { useRegionChildren } from '../regions.ts';

type Key =
  | 'title'
  | 'intro'
  | 'by'
  | 'byNik'
  | 'byRegion'
  | 'nik'
  | 'nikHint'
  | 'name'
  | 'nameHint'
  | 'province'
  | 'regency'
  | 'district'
  | 'village'
  | 'choose'
  | 'submit'
  | 'checking'
  | 'challenge'
  | 'found'
  | 'notFound'
  | 'notFoundHelp'
  | 'person'
  | 'age'
  | 'ageValue'
  | 'area'
  | 'dtks'
  | 'member'
  | 'notMember'
  | 'programmes'
  | 'noProgrammes'
  | 'limited'
  | 'limitedMinutes'
  | 'network'
  | 'error'
  | 'invalidNik'
  | 'missing';

const TEXT: Dictionary<Key> = {
  id: {
    title: 'Cek Bansos',
    intro:
      'Periksa apakah Anda atau keluarga Anda terdaftar di DTKS dan menerima bantuan sosial. Data pribadi selalu disamarkan.',
    by: 'Cari dengan',
    byNik: 'NIK',
    byRegion: 'Wilayah',
    nik: 'NIK (16 angka, sesuai KTP)',
    nikHint: 'NIK tidak ditampilkan kembali dan tidak disimpan.',
    name: 'Nama lengkap (sesuai KTP)',
    nameHint: 'Huruf besar/kecil dan ejaan lama (mis. Soekarno/Sukarno) tidak berpengaruh.',
    province: 'Provinsi',
    regency: 'Kabupaten/Kota',
    district: 'Kecamatan',
    village: 'Desa/Kelurahan',
    choose: '— pilih —',
    submit: 'Cari data',
    checking: 'Mencari…',
    challenge: 'Mohon selesaikan pemeriksaan keamanan di bawah ini, lalu tekan "Cari data" lagi.',
    found: 'Data ditemukan',
    notFound: 'Data tidak ditemukan',
    notFoundHelp:
      'Tidak ada data DTKS yang cocok dengan nama dan NIK/wilayah ini pada periode penetapan terakhir. Periksa ejaan nama sesuai KTP, atau tanyakan ke kantor desa/kelurahan Anda.',
    person: 'Nama',
    age: 'Umur',
    ageValue: '{age} tahun',
    area: 'Wilayah',
    dtks: 'DTKS',
    member: 'Terdaftar di DTKS periode {period}',
    notMember: 'Tidak terdaftar pada periode terakhir',
    programmes: 'Program bantuan',
    noProgrammes: 'Tidak ada program bantuan tercatat untuk keluarga ini.',
    limited: 'Terlalu banyak pencarian. Silakan coba lagi nanti.',
    limitedMinutes: 'Terlalu banyak pencarian. Silakan coba lagi dalam {minutes} menit.',
    network: 'Tidak dapat terhubung ke server. Periksa koneksi Anda lalu coba lagi.',
    error: 'Pencarian gagal. Silakan coba lagi.',
    invalidNik: 'NIK harus 16 angka.',
    missing: 'Lengkapi isian yang ditandai.',
  },
  en: {
    title: 'Check social aid',
    intro:
      'Check whether you or your family are registered in DTKS and receive social aid. Personal data is always masked.',
    by: 'Search by',
    byNik: 'NIK',
    byRegion: 'Region',
    nik: 'NIK (16 digits, as on the ID card)',
    nikHint: 'The NIK is not shown back and not stored.',
    name: 'Full name (as on the ID card)',
    nameHint: 'Upper/lower case and old spellings (e.g. Soekarno/Sukarno) do not matter.',
    province: 'Province',
    regency: 'Regency/City',
    district: 'District',
    village: 'Village',
    choose: '— choose —',
    submit: 'Search',
    checking: 'Searching…',
    challenge: 'Please complete the security check below, then press "Search" again.',
    found: 'Record found',
    notFound: 'No record found',
    notFoundHelp:
      'No DTKS record matches this name and NIK/region in the latest determined period. Check the spelling of the name as on the ID card, or ask your village office.',
    person: 'Name',
    age: 'Age',
    ageValue: '{age} years',
    area: 'Region',
    dtks: 'DTKS',
    member: 'Registered in DTKS, period {period}',
    notMember: 'Not registered in the latest period',
    programmes: 'Aid programmes',
    noProgrammes: 'No aid programme is recorded for this family.',
    limited: 'Too many searches. Please try again later.',
    limitedMinutes: 'Too many searches. Please try again in {minutes} minutes.',
    network: 'Cannot reach the server. Check your connection and try again.',
    error: 'The search failed. Please try again.',
    invalidNik: 'A NIK has 16 digits.',
    missing: 'Fill in the marked fields.',
  },
};

const LEVELS = ['province', 'regency', 'district', 'village'] as const;

function RegionSelect(props: {
  level: (typeof LEVELS)[number];
  parent: string | null;
  value: string;
  onChange: (code: string) => void;
  invalid: boolean;
}) {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const id = useId();
  const items = useRegionChildren(props.parent, lang);
  return (
    <div className="pub-field">
      <label htmlFor={id}>{t(props.level)}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.parent === null}
        aria-invalid={props.invalid || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{t('choose')}</option>
        {items.map((r) => (
          <option key={r.code} value={r.code}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function CekPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const ids = { nik: useId(), name: useId(), nikHint: useId(), nameHint: useId() };
  const [mode, setMode] = useState<'nik' | 'region'>('nik');
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const [path, setPath] = useState<string[]>(['', '', '', '']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [answer, setAnswer] = useState<CheckAnswer | null>(null);
  const [challenge, setChallenge] = useState(false);
  const [touched, setTouched] = useState(false);
  const solution = useRef<string | null>(null);
  const widget = useRef<HTMLElement | null>(null);
  const result = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = widget.current;
    if (!challenge || !el) return;
    const onState = (e: Event) => {
      const detail = (e as CustomEvent<{ state: string; payload: string | null }>).detail;
      solution.current = detail.state === 'verified' ? detail.payload : null;
    };
    el.addEventListener('statechange', onState);
    return () => el.removeEventListener('statechange', onState);
  }, [challenge]);

  const nikValid = /^\d{16}$/.test(nik);
  const village = path[3]!;
  const ready = name.trim().length > 0 && (mode === 'nik' ? nikValid : village !== '');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    setError(null);
    if (!ready) {
      setError(mode === 'nik' && nik !== '' && !nikValid ? t('invalidNik') : t('missing'));
      return;
    }
    setBusy(true);
    setAnswer(null);
    try {
      const body = {
        ...(mode === 'nik' ? { nik } : { regionCode: village }),
        name: name.trim(),
        ...(solution.current ? { altcha: solution.current } : {}),
      };
      const r = await publicRequest<CheckAnswer>('POST', '/status', lang, body);
      solution.current = null;
      setChallenge(false);
      setAnswer(r);
      requestAnimationFrame(() => result.current?.focus());
    } catch (err) {
      solution.current = null;
      if (
        err instanceof PublicApiError &&
        (err.code === 'public.challenge_required' || err.code === 'public.challenge_invalid')
      ) {
        await import('../altcha.ts');
        setChallenge(true);
        setError(t('challenge'));
      } else if (err instanceof PublicApiError && err.status === 429) {
        setError(
          err.retryAfter ? t('limitedMinutes', { minutes: Math.ceil(err.retryAfter / 60) }) : t('limited'),
        );
      } else if (err instanceof PublicApiError && err.status === 0) {
        setError(t('network'));
      } else {
        setError(t('error'));
      }
    } finally {
      setBusy(false);
    }
  }

  const setLevel = (i: number, code: string) =>
    setPath((p) => p.map((v, j) => (j < i ? v : j === i ? code : '')));

  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="pub-card" onSubmit={submit} noValidate>
        <fieldset className="pub-tabs">
          <legend className="visually-hidden">{t('by')}</legend>
          {(['nik', 'region'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => {
                  setMode(m);
                  setAnswer(null);
                  setError(null);
                }}
              />
              {m === 'nik' ? t('byNik') : t('byRegion')}
            </label>
          ))}
        </fieldset>
        {mode === 'nik' ? (
          <div className="pub-field">
            <label htmlFor={ids.nik}>{t('nik')}</label>
            <input
              id={ids.nik}
              inputMode="numeric"
              autoComplete="off"
              maxLength={16}
              value={nik}
              aria-describedby={ids.nikHint}
              aria-invalid={touched && !nikValid ? true : undefined}
              onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))}
            />
            <p id={ids.nikHint} className="pub-hint">
              {t('nikHint')}
            </p>
          </div>
        ) : (
          LEVELS.map((level, i) => (
            <RegionSelect
              key={level}
              level={level}
              parent={i === 0 ? '' : path[i - 1] ? path[i - 1]! : null}
              value={path[i]!}
              invalid={touched && path[i] === ''}
              onChange={(code) => setLevel(i, code)}
            />
          ))
        )}
        <div className="pub-field">
          <label htmlFor={ids.name}>{t('name')}</label>
          <input
            id={ids.name}
            autoComplete="name"
            maxLength={100}
            value={name}
            aria-describedby={ids.nameHint}
            aria-invalid={touched && name.trim() === '' ? true : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          <p id={ids.nameHint} className="pub-hint">
            {t('nameHint')}
          </p>
        </div>
        {challenge
          ? createElement('altcha-widget', {
              ref: widget,
              challenge: '/api/v1/public/challenge',
              language: lang,
              // Starts solving as soon as it shows: the citizen only presses the search button again.
              auto: 'onload',
            })
          : null}
        {error ? (
          <p className="pub-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="pub-button" disabled={busy}>
          {busy ? t('checking') : t('submit')}
        </button>
      </form>
      <div ref={result} tabIndex={-1} aria-live="polite">
        {answer ? <Result answer={answer} /> : null}
      </div>
    </>
  );
}

function Result({ answer }: { answer: CheckAnswer }) {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  if (answer.result === 'not_found') {
    return (
      <section className="pub-card pub-result pub-result--none" aria-labelledby="cek-result">
        <h2 id="cek-result">{t('notFound')}</h2>
        <p>{t('notFoundHelp')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="cek-result">
      <h2 id="cek-result">{t('found')}</h2>
      {answer.people.map((p) => (
        <div key={`${p.name}|${p.age}|${p.village.code}`} className="pub-card pub-result pub-result--found">
          <dl>
            <dt>{t('person')}</dt>
            <dd>{p.name}</dd>
            <dt>{t('age')}</dt>
            <dd>{t('ageValue', { age: p.age })}</dd>
            <dt>{t('area')}</dt>
            <dd>
              {p.village.name}, {p.village.district}, {p.village.regency}, {p.village.province}
            </dd>
            <dt>{t('dtks')}</dt>
            <dd>
              {p.dtks.member ? t('member', { period: formatPeriod(p.dtks.period, lang) }) : t('notMember')}
            </dd>
            <dt>{t('programmes')}</dt>
            <dd>
              {p.programmes.length === 0 ? (
                t('noProgrammes')
              ) : (
                <ul>
                  {p.programmes.map((g) => (
                    <li key={g.code}>
                      {g.name} ({formatPeriod(g.period, lang)})
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        </div>
      ))}
    </section>
  );
}
