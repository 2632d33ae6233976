/**
 * /lapor ("Laporkan"): anyone reports a recipient thought well-off or a problem with aid, without an account,
 * and receives a tracking number to follow it at /lapor/lacak. Limited per client and village; when the
 * server asks for a proof of work the ALTCHA widget shows and the citizen sends again.
 */
import { createElement, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { CATEGORY_LABELS } from '../../../../src/domain/reports/labels.ts';
import { REPORT_CATEGORIES, type ReportCategory } from '../../../../src/domain/reports/reports.ts';
import { Link } from '../../router.tsx';
import { PublicApiError, publicRequest } from '../api.ts';
import { formProblem } from '../citizen/api.ts';
import { AddressFields, EMPTY_ADDRESS, Field, FormFooter, VillagePicker } from '../citizen/ui.tsx';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';

const TEXT: Dictionary<
  | 'title'
  | 'intro'
  | 'you'
  | 'name'
  | 'phone'
  | 'email'
  | 'contactHint'
  | 'nik'
  | 'nikHint'
  | 'reported'
  | 'address'
  | 'rt'
  | 'rw'
  | 'category'
  | 'text'
  | 'textHint'
  | 'photos'
  | 'photosHint'
  | 'photosFailed'
  | 'submit'
  | 'busy'
  | 'done'
  | 'keep'
  | 'track'
  | 'challenge'
  | 'limited'
  | 'error'
  | 'checkFields'
> = {
  id: {
    title: 'Laporkan',
    intro:
      'Laporkan penerima bantuan yang Anda nilai mampu, atau masalah penyaluran bantuan. Tidak perlu akun. Identitas Anda hanya dibaca petugas dan tidak ditampilkan kepada siapa pun.',
    you: 'Identitas Anda',
    name: 'Nama Anda',
    phone: 'Nomor telepon/WhatsApp',
    email: 'Email',
    contactHint: 'Isi telepon atau email agar petugas dapat menghubungi Anda.',
    nik: 'NIK Anda (tidak wajib)',
    nikHint: '16 angka sesuai KTP.',
    reported: 'Yang dilaporkan',
    address: 'Alamat (nama jalan, dusun, atau ciri rumah)',
    rt: 'RT',
    rw: 'RW',
    category: 'Jenis laporan',
    text: 'Isi laporan',
    textHint: 'Ceritakan apa yang Anda ketahui, paling sedikit 10 huruf.',
    photos: 'Foto bukti (tidak wajib, paling banyak 3)',
    photosHint: 'Foto JPEG, PNG, atau WebP, masing-masing paling besar 10 MB.',
    photosFailed:
      'Laporan terkirim, tetapi sebagian foto tidak dapat diterima (bukan foto yang sah atau terlalu besar).',
    submit: 'Kirim laporan',
    busy: 'Mengirim…',
    done: 'Laporan Anda sudah diterima. Nomor laporan Anda:',
    keep: 'Simpan nomor ini untuk melihat perkembangan laporan.',
    track: 'Lacak laporan',
    challenge: 'Mohon selesaikan pemeriksaan keamanan di bawah ini, lalu tekan "Kirim laporan" lagi.',
    limited: 'Terlalu banyak laporan dari perangkat ini. Silakan coba lagi nanti.',
    error: 'Laporan belum terkirim. Periksa isian Anda lalu coba lagi.',
    checkFields: 'Periksa kembali isian yang ditandai di atas.',
  },
  en: {
    title: 'Report',
    intro:
      'Report an aid recipient you believe is well-off, or a problem with aid. No account needed. Only staff read your identity; it is shown to no one else.',
    you: 'About you',
    name: 'Your name',
    phone: 'Phone/WhatsApp number',
    email: 'E-mail',
    contactHint: 'Give a phone number or an e-mail so staff can reach you.',
    nik: 'Your NIK (optional)',
    nikHint: '16 digits, as on the KTP.',
    reported: 'What you report',
    address: 'Address (street, hamlet or what the house looks like)',
    rt: 'RT',
    rw: 'RW',
    category: 'Kind of report',
    text: 'Your report',
    textHint: 'Tell us what you know, at least 10 characters.',
    photos: 'Evidence photos (optional, at most 3)',
    photosHint: 'JPEG, PNG or WebP photos, at most 10 MB each.',
    photosFailed: 'The report was sent, but some photos were refused (not a valid photo, or too large).',
    submit: 'Send report',
    busy: 'Sending…',
    done: 'Your report has been received. Your tracking number:',
    keep: 'Keep this number to follow your report.',
    track: 'Track a report',
    challenge: 'Please complete the security check below, then press "Send report" again.',
    limited: 'Too many reports from this device. Please try again later.',
    error: 'The report was not sent. Check what you entered and try again.',
    checkFields: 'Check the fields marked above.',
  },
};

/** The problem fields this form marks at an input (the address block's own names included). */
const MARKED_FIELDS = new Set([
  'reporter.name',
  'reporter.phone',
  'reporter.email',
  'reporter.nik',
  'villageCode',
  'address',
  'rt',
  'rw',
  'text',
]);

export default function LaporPage() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const categoryId = useId();
  const textId = useId();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [nik, setNik] = useState('');
  const [village, setVillage] = useState('');
  const [place, setPlace] = useState(EMPTY_ADDRESS);
  const [category, setCategory] = useState<ReportCategory>('recipient_not_poor');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [tracking, setTracking] = useState<string | null>(null);
  const [photos, setPhotos] = useState<File[]>([]);
  const [photosFailed, setPhotosFailed] = useState(false);
  const photosId = useId();
  const [challenge, setChallenge] = useState(false);
  const solution = useRef<string | null>(null);
  const widget = useRef<HTMLElement | null>(null);
  const done = useRef<HTMLDivElement>(null);

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

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());
    try {
      const r = await publicRequest<{ trackingNumber: string }>('POST', '/reports', lang, {
        reporter: { name: name.trim(), phone: opt(phone), email: opt(email), nik: opt(nik) },
        villageCode: village,
        address: place.address.trim(),
        rt: opt(place.rt),
        rw: opt(place.rw),
        category,
        text: text.trim(),
        ...(solution.current ? { altcha: solution.current } : {}),
      });
      solution.current = null;
      setChallenge(false);
      let failed = false;
      for (const photo of photos.slice(0, 3)) {
        const res = await fetch(
          `/api/v1/public/reports/photos?trackingNumber=${encodeURIComponent(r.trackingNumber)}&name=${encodeURIComponent(photo.name.slice(0, 200))}`,
          {
            method: 'POST',
            credentials: 'omit',
            headers: { 'content-type': photo.type || 'application/octet-stream' },
            body: photo,
          },
        ).catch(() => null);
        if (!res?.ok) failed = true;
      }
      setPhotosFailed(failed);
      setTracking(r.trackingNumber);
      requestAnimationFrame(() => done.current?.focus());
    } catch (err) {
      solution.current = null;
      if (
        err instanceof PublicApiError &&
        (err.code === 'public.challenge_required' || err.code === 'public.challenge_invalid')
      ) {
        await import('../altcha.ts');
        setChallenge(true);
        setProblem({ message: t('challenge'), fields: {} });
      } else if (err instanceof PublicApiError && err.status === 429) {
        setProblem({ message: t('limited'), fields: {} });
      } else {
        setProblem(formProblem(err, t('error'), t('checkFields'), (k) => MARKED_FIELDS.has(k)));
      }
    } finally {
      setBusy(false);
    }
  }

  if (tracking) {
    return (
      <>
        <h1>{t('title')}</h1>
        <div className="pub-card" role="status" tabIndex={-1} ref={done}>
          <p>{t('done')}</p>
          <p className="pub-tracking" data-testid="tracking-number">
            {tracking}
          </p>
          <p>{t('keep')}</p>
          {photosFailed ? <p className="pub-error">{t('photosFailed')}</p> : null}
          <Link to={`/lapor/lacak?nomor=${encodeURIComponent(tracking)}`}>{t('track')}</Link>
        </div>
      </>
    );
  }

  const f = problem?.fields ?? {};
  return (
    <>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <form className="pub-card" onSubmit={submit} noValidate>
        <h2>{t('you')}</h2>
        <Field
          label={t('name')}
          value={name}
          onChange={setName}
          autoComplete="name"
          maxLength={100}
          error={f['reporter.name']}
        />
        <Field
          label={t('phone')}
          hint={t('contactHint')}
          value={phone}
          onChange={setPhone}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          maxLength={20}
          error={f['reporter.phone']}
        />
        <Field
          label={t('email')}
          value={email}
          onChange={setEmail}
          type="email"
          autoComplete="email"
          maxLength={200}
          error={f['reporter.email']}
        />
        <Field
          label={t('nik')}
          hint={t('nikHint')}
          value={nik}
          onChange={setNik}
          inputMode="numeric"
          maxLength={16}
          error={f['reporter.nik']}
        />
        <h2>{t('reported')}</h2>
        <VillagePicker onVillage={setVillage} error={f.villageCode} />
        <AddressFields
          value={place}
          onChange={setPlace}
          labels={{ address: t('address'), rt: t('rt'), rw: t('rw') }}
          errors={f}
        />
        <div className="pub-field">
          <label htmlFor={categoryId}>{t('category')}</label>
          <select
            id={categoryId}
            value={category}
            onChange={(e) => setCategory(e.target.value as ReportCategory)}
          >
            {REPORT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c][lang]}
              </option>
            ))}
          </select>
        </div>
        <div className="pub-field">
          <label htmlFor={textId}>{t('text')}</label>
          <textarea
            id={textId}
            value={text}
            rows={5}
            maxLength={4000}
            aria-describedby={`${textId}-hint`}
            aria-invalid={f.text ? true : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <p id={`${textId}-hint`} className={f.text ? 'pub-error' : 'pub-hint'}>
            {f.text ?? t('textHint')}
          </p>
        </div>
        <div className="pub-field">
          <label htmlFor={photosId}>{t('photos')}</label>
          <input
            id={photosId}
            type="file"
            accept="image/jpeg,image/png,image/webp"
            multiple
            aria-describedby={`${photosId}-hint`}
            onChange={(e) => setPhotos([...(e.target.files ?? [])].slice(0, 3))}
          />
          <p id={`${photosId}-hint`} className="pub-hint">
            {t('photosHint')}
          </p>
        </div>
        {challenge
          ? createElement('altcha-widget', {
              ref: widget,
              challenge: '/api/v1/public/challenge',
              language: lang,
              auto: 'onload',
            })
          : null}
        <FormFooter problem={problem?.message} busy={busy}>
          {busy ? t('busy') : t('submit')}
        </FormFooter>
      </form>
    </>
  );
}
