/**
 * /warga/usulan/tambah ("Tambahkan Usulan"): a verified citizen proposes their own or another family — the
 * village, address, KK number and the members as on the KK, why, and a statement that the data is true —
 * then adds the photos on the proposal's page. /warga/usulan/perbaikan: they ask for a correction of their
 * own DTKS record; the village operator checks it (nothing changes by itself).
 */
import { useState } from 'react';
import { Link, navigate, useLocation } from '../../router.tsx';
import { type CorrectionRequest, citizen, formProblem, type MandiriMember } from '../citizen/api.ts';
import { AddressFields, EMPTY_ADDRESS, Field, FormFooter, Select, VillagePicker } from '../citizen/ui.tsx';
import '../citizen/citizen.css';
import { type Dictionary, usePublicLang, usePublicText } from '../i18n.tsx';

const TEXT = {
  id: {
    addTitle: 'Tambahkan Usulan',
    addIntro:
      'Usulkan keluarga Anda atau keluarga lain yang miskin atau rentan. Isi data sesuai Kartu Keluarga. Setelah terkirim, tambahkan foto KTP, KK dan rumah; operator desa/kelurahan memeriksa lalu mengajukannya (tanggal 15–24 setiap bulan).',
    whose: 'Keluarga yang diusulkan',
    self: 'Keluarga saya',
    other: 'Keluarga lain',
    kk: 'Nomor Kartu Keluarga (KK)',
    kkHint: '16 angka',
    address: 'Alamat',
    rt: 'RT',
    rw: 'RW',
    members: 'Anggota keluarga sesuai KK',
    member: 'Anggota {n}',
    nik: 'NIK',
    nikHint: '16 angka, seperti di KTP atau KK',
    name: 'Nama lengkap',
    birthDate: 'Tanggal lahir',
    sex: 'Jenis kelamin',
    male: 'Laki-laki',
    female: 'Perempuan',
    relationship: 'Hubungan dengan kepala keluarga',
    rel1: 'Kepala keluarga',
    rel2: 'Istri/suami',
    rel3: 'Anak',
    rel4: 'Menantu',
    rel5: 'Cucu',
    rel6: 'Orang tua/mertua',
    rel7: 'Pembantu rumah tangga',
    rel8: 'Lainnya',
    addMember: 'Tambah anggota',
    removeMember: 'Hapus anggota {n}',
    reason: 'Mengapa keluarga ini perlu masuk DTKS',
    reasonHint: 'Misalnya: kehilangan pekerjaan, penghasilan tidak tetap. Paling sedikit 10 huruf.',
    consent: 'Saya menyatakan data ini benar, dan bila keluarga lain, keluarga itu setuju diusulkan.',
    send: 'Kirim usulan',
    busy: 'Mengirim…',
    corrTitle: 'Minta perbaikan data saya',
    corrIntro:
      'Bila data Anda di DTKS salah, tuliskan apa yang salah dan yang benar. Permintaan ini masuk ke operator desa/kelurahan sebagai usulan perbaikan dan tidak langsung mengubah data. NIK dan nomor KK diperbaiki di kantor desa/kelurahan dengan dokumennya.',
    corrReason: 'Apa yang salah dan apa yang benar',
    optional: 'Isi hanya bila berubah (boleh dikosongkan)',
    myName: 'Nama saya yang benar',
    myBirthDate: 'Tanggal lahir saya yang benar',
    noChange: 'Tidak berubah',
    corrSend: 'Kirim permintaan perbaikan',
    list: 'Kembali ke Daftar Usulan',
    error: 'Terjadi kesalahan. Coba lagi.',
    checkFields: 'Periksa kembali isian yang ditandai di atas.',
  },
  en: {
    addTitle: 'Add a proposal',
    addIntro:
      'Propose your family or another poor or vulnerable family. Fill in the data as on the family card (KK). Once sent, add photos of the KTP, the KK and the house; the village operator checks it and submits it (days 15–24 of each month).',
    whose: 'Which family',
    self: 'My family',
    other: 'Another family',
    kk: 'Family card (KK) number',
    kkHint: '16 digits',
    address: 'Address',
    rt: 'RT',
    rw: 'RW',
    members: 'Family members as on the KK',
    member: 'Member {n}',
    nik: 'NIK',
    nikHint: '16 digits, as on the KTP or KK',
    name: 'Full name',
    birthDate: 'Date of birth',
    sex: 'Sex',
    male: 'Male',
    female: 'Female',
    relationship: 'Relationship to the head of the family',
    rel1: 'Head of the family',
    rel2: 'Wife/husband',
    rel3: 'Child',
    rel4: 'Child-in-law',
    rel5: 'Grandchild',
    rel6: 'Parent/parent-in-law',
    rel7: 'Domestic worker',
    rel8: 'Other',
    addMember: 'Add a member',
    removeMember: 'Remove member {n}',
    reason: 'Why this family needs to be in DTKS',
    reasonHint: 'For example: lost their job, irregular income. At least 10 characters.',
    consent: 'I declare this data is true and, for another family, that it agreed to be proposed.',
    send: 'Send the proposal',
    busy: 'Sending…',
    corrTitle: 'Ask for a correction of my data',
    corrIntro:
      'If your data in DTKS is wrong, write what is wrong and what is right. The request goes to the village operator as a correction proposal and changes nothing by itself. NIK and KK numbers are corrected at the village office with the documents.',
    corrReason: 'What is wrong and what is right',
    optional: 'Fill in only what changes (may be left empty)',
    myName: 'My correct name',
    myBirthDate: 'My correct date of birth',
    noChange: 'Unchanged',
    corrSend: 'Send the correction request',
    list: 'Back to my proposals',
    error: 'Something went wrong. Try again.',
    checkFields: 'Check the fields marked above.',
  },
} satisfies Dictionary<string>;

type Problem = { message: string; fields: Record<string, string> } | null;
/** The fields each form marks at their inputs (by the paths the server names them with). */
const MARKED_MANDIRI =
  /^(reason|consent|household\.(regionCode|address|rt|rw|kkNumber|members\.\d+\.(nik|name|birthDate|relationship)))$/;
const MARKED_CORRECTION = /^(reason|changes\.(address|rt|rw)|memberChanges\.0\.(name|birthDate))$/;

const RELATIONSHIPS = [1, 2, 3, 4, 5, 6, 7, 8] as const;
type MemberRow = MandiriMember & { key: number };
let nextKey = 1;
const emptyMember = (relationship: number): MemberRow => ({
  key: nextKey++,
  nik: '',
  name: '',
  birthDate: '',
  sex: 'M',
  relationship,
});

export default function WargaUsulanFormPage() {
  const { pathname } = useLocation();
  return pathname.endsWith('/perbaikan') ? <CorrectionForm /> : <ProposalForm />;
}

function ProposalForm() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [relation, setRelation] = useState<'self' | 'other'>('self');
  const [village, setVillage] = useState('');
  const [kk, setKk] = useState('');
  const [place, setPlace] = useState(EMPTY_ADDRESS);
  const [members, setMembers] = useState<MemberRow[]>(() => [emptyMember(1)]);
  const [reason, setReason] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const err = (f: string) => problem?.fields[f];
  const setMember = (n: number, patch: Partial<MandiriMember>) =>
    setMembers((ms) => ms.map((m, i) => (i === n ? { ...m, ...patch } : m)));
  return (
    <>
      <h1>{t('addTitle')}</h1>
      <p>{t('addIntro')}</p>
      <p>
        <Link to="/warga/usulan">{t('list')}</Link>
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setProblem(null);
          citizen
            .usulanCreate(lang, {
              relation,
              household: {
                kkNumber: kk.replace(/\D/g, ''),
                regionCode: village,
                rt: place.rt.trim(),
                rw: place.rw.trim(),
                address: place.address,
                members: members.map(({ key: _k, ...m }) => ({ ...m, nik: m.nik.replace(/\D/g, '') })),
              },
              reason,
              consent,
              confirmWarnings: true,
            })
            .then((u) => navigate(`/warga/usulan/${u.id}`))
            .catch((error: unknown) =>
              setProblem(formProblem(error, t('error'), t('checkFields'), (k) => MARKED_MANDIRI.test(k))),
            )
            .finally(() => setBusy(false));
        }}
      >
        <fieldset className="pub-tabs">
          <legend>{t('whose')}</legend>
          {(['self', 'other'] as const).map((r) => (
            <label key={r}>
              <input
                type="radio"
                name="relation"
                value={r}
                checked={relation === r}
                onChange={() => setRelation(r)}
              />
              {t(r)}
            </label>
          ))}
        </fieldset>
        <VillagePicker onVillage={setVillage} error={err('household.regionCode')} />
        <AddressFields
          value={place}
          onChange={setPlace}
          labels={{ address: t('address'), rt: t('rt'), rw: t('rw') }}
          errors={problem?.fields}
          prefix="household."
        />
        <Field
          label={t('kk')}
          hint={t('kkHint')}
          value={kk}
          onChange={setKk}
          inputMode="numeric"
          autoComplete="off"
          maxLength={32}
          error={err('household.kkNumber')}
        />
        <h2>{t('members')}</h2>
        {members.map((m, n) => (
          <fieldset className="pub-card" key={m.key} data-testid="member">
            <legend>{t('member', { n: n + 1 })}</legend>
            <Field
              label={t('nik')}
              hint={t('nikHint')}
              value={m.nik}
              onChange={(v) => setMember(n, { nik: v })}
              inputMode="numeric"
              autoComplete="off"
              maxLength={32}
              error={err(`household.members.${n}.nik`)}
            />
            <Field
              label={t('name')}
              value={m.name}
              onChange={(v) => setMember(n, { name: v })}
              autoComplete="off"
              maxLength={120}
              error={err(`household.members.${n}.name`)}
            />
            <Field
              label={t('birthDate')}
              type="date"
              value={m.birthDate}
              onChange={(v) => setMember(n, { birthDate: v })}
              error={err(`household.members.${n}.birthDate`)}
            />
            <Select
              label={t('sex')}
              value={m.sex}
              onChange={(v) => setMember(n, { sex: v as 'M' | 'F' })}
              options={[
                ['M', t('male')],
                ['F', t('female')],
              ]}
            />
            <Select
              label={t('relationship')}
              value={String(m.relationship)}
              onChange={(v) => setMember(n, { relationship: Number(v) })}
              options={RELATIONSHIPS.map((r) => [String(r), t(`rel${r}`)])}
              error={err(`household.members.${n}.relationship`)}
            />
            {members.length > 1 ? (
              <button
                type="button"
                className="pub-button pub-button--secondary"
                onClick={() => setMembers((ms) => ms.filter((_, i) => i !== n))}
              >
                {t('removeMember', { n: n + 1 })}
              </button>
            ) : null}
          </fieldset>
        ))}
        {members.length < 20 ? (
          <button
            type="button"
            className="pub-button pub-button--secondary"
            onClick={() => setMembers((ms) => [...ms, emptyMember(3)])}
          >
            {t('addMember')}
          </button>
        ) : null}
        <Field
          label={t('reason')}
          hint={t('reasonHint')}
          value={reason}
          onChange={setReason}
          maxLength={500}
          error={err('reason')}
        />
        <div className="pub-field">
          <label>
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />{' '}
            {t('consent')}
          </label>
          {err('consent') ? <p className="pub-error">{err('consent')}</p> : null}
        </div>
        <FormFooter problem={problem?.message} busy={busy}>
          {busy ? t('busy') : t('send')}
        </FormFooter>
      </form>
    </>
  );
}

function CorrectionForm() {
  const { lang } = usePublicLang();
  const t = usePublicText(TEXT);
  const [reason, setReason] = useState('');
  const [place, setPlace] = useState(EMPTY_ADDRESS);
  const [name, setName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sex, setSex] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);
  const err = (f: string) => problem?.fields[f];
  return (
    <>
      <h1>{t('corrTitle')}</h1>
      <p>{t('corrIntro')}</p>
      <p>
        <Link to="/warga/usulan">{t('list')}</Link>
      </p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setProblem(null);
          const changes = {
            ...(place.address.trim() ? { address: place.address.trim() } : {}),
            ...(place.rt.trim() ? { rt: place.rt.trim() } : {}),
            ...(place.rw.trim() ? { rw: place.rw.trim() } : {}),
          };
          const me = {
            ...(name.trim() ? { name: name.trim() } : {}),
            ...(birthDate ? { birthDate } : {}),
            ...(sex ? { sex: sex as 'M' | 'F' } : {}),
          };
          const body: CorrectionRequest = {
            reason,
            ...(Object.keys(changes).length ? { changes } : {}),
            ...(Object.keys(me).length ? { me } : {}),
          };
          citizen
            .correction(lang, body)
            .then((u) => navigate(`/warga/usulan/${u.id}`))
            .catch((error: unknown) =>
              setProblem(formProblem(error, t('error'), t('checkFields'), (k) => MARKED_CORRECTION.test(k))),
            )
            .finally(() => setBusy(false));
        }}
      >
        <Field
          label={t('corrReason')}
          value={reason}
          onChange={setReason}
          maxLength={500}
          error={err('reason')}
        />
        <p className="pub-hint">{t('optional')}</p>
        <AddressFields
          value={place}
          onChange={setPlace}
          labels={{ address: t('address'), rt: t('rt'), rw: t('rw') }}
          errors={problem?.fields}
          prefix="changes."
        />
        <Field
          label={t('myName')}
          value={name}
          onChange={setName}
          maxLength={120}
          error={err('memberChanges.0.name')}
        />
        <Field
          label={t('myBirthDate')}
          type="date"
          value={birthDate}
          onChange={setBirthDate}
          error={err('memberChanges.0.birthDate')}
        />
        <Select
          label={t('sex')}
          value={sex}
          onChange={setSex}
          options={[
            ['', t('noChange')],
            ['M', t('male')],
            ['F', t('female')],
          ]}
        />
        <FormFooter problem={problem?.message} busy={busy}>
          {busy ? t('busy') : t('corrSend')}
        </FormFooter>
      </form>
    </>
  );
}
