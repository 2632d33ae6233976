/**
 * The programme documents DTKS ships (docs/programmes.md explains every choice). Amounts are DOMAIN.md §6
 * (PKH 2021 components, Sembako Rp200,000 a month), target deciles the DTSEN 2025 guidance (PKH 1–4,
 * Sembako and PBI-JK 1–5). Where the public sources leave a choice open (which disabilities are "severe",
 * the KIP Kuliah student and allowance) the document says what was chosen; a ministry analyst replaces any
 * of them by uploading a new version.
 */
import type { ProgrammeDocument } from './document.ts';
import type { ExclusionCode } from './exclusions.ts';

/** Exclusions of every national programme; PKH adds NO_COMPONENT. */
const COMMON_EXCLUSIONS: ExclusionCode[] = [
  'EMPLOYER',
  'MIN_WAGE',
  'DECEASED',
  'INELIGIBLE',
  'REMOVED',
  'MOVED',
  'OPTED_OUT',
];

const QUARTERS = [1, 4, 7, 10];
const EVERY_MONTH = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/**
 * PKH: components per member (each member counts once, for the highest-paying component they qualify for),
 * at most 4 per family, the yearly total paid in quarterly tranches.
 */
export const DEFAULT_PKH: ProgrammeDocument = {
  code: 'PKH',
  version: 'PKH-2026-1',
  name: { id: 'Program Keluarga Harapan', en: 'Family Hope Programme (conditional cash transfer)' },
  door: 'pusdatin',
  targetDeciles: { scope: 'national', max: 4 },
  memberRules: {
    in_school: { var: 'schoolParticipation', op: '=', value: 1 },
    school_age: { var: 'age', op: '<=', value: 21 },
    primary_pupil: {
      all: [{ rule: 'in_school' }, { rule: 'school_age' }, { var: 'educationLevel', in: [1, 2, 3] }],
    },
  },
  exclusions: [...COMMON_EXCLUSIONS, 'NO_COMPONENT'],
  benefit: {
    kind: 'cash_components',
    maxComponents: 4,
    schedule: { months: QUARTERS },
    components: [
      {
        code: 'PREGNANT',
        name: { id: 'Ibu hamil/nifas', en: 'Pregnant or postpartum mother' },
        yearlyAmount: 3_000_000,
        member: { var: 'pregnant', op: '=', value: true },
      },
      {
        code: 'EARLY_CHILDHOOD',
        name: { id: 'Anak usia dini (0–6 tahun)', en: 'Young child (0–6 years)' },
        yearlyAmount: 3_000_000,
        member: { all: [{ var: 'age', op: '<=', value: 6 }, { not: { rule: 'primary_pupil' } }] },
      },
      {
        code: 'PRIMARY_SCHOOL',
        name: { id: 'Anak sekolah SD/sederajat', en: 'Primary school pupil' },
        yearlyAmount: 900_000,
        member: { rule: 'primary_pupil' },
      },
      {
        code: 'JUNIOR_SECONDARY',
        name: { id: 'Anak sekolah SMP/sederajat', en: 'Junior secondary pupil' },
        yearlyAmount: 1_500_000,
        member: {
          all: [{ rule: 'in_school' }, { rule: 'school_age' }, { var: 'educationLevel', in: [4, 5, 6] }],
        },
      },
      {
        code: 'SENIOR_SECONDARY',
        name: { id: 'Anak sekolah SMA/sederajat', en: 'Senior secondary pupil' },
        yearlyAmount: 2_000_000,
        member: {
          all: [{ rule: 'in_school' }, { rule: 'school_age' }, { var: 'educationLevel', in: [7, 8, 9] }],
        },
      },
      {
        code: 'SEVERE_DISABILITY',
        name: { id: 'Penyandang disabilitas berat', en: 'Person with a severe disability' },
        yearlyAmount: 2_400_000,
        // The codebook records the type, not the severity: multiple impairments and intellectual or
        // combined physical-and-mental disability are taken as severe.
        member: { var: 'disability', in: [5, 6, 7, 8, 9, 10, 12] },
      },
      {
        code: 'ELDERLY',
        name: { id: 'Lanjut usia (70 tahun ke atas)', en: 'Elderly (70 and over)' },
        yearlyAmount: 2_400_000,
        member: { var: 'age', op: '>=', value: 70 },
      },
    ],
  },
};

/** BPNT / Kartu Sembako: Rp200,000 every month to deciles 1–5. */
export const DEFAULT_BPNT: ProgrammeDocument = {
  code: 'BPNT',
  version: 'BPNT-2026-1',
  name: { id: 'Bantuan Pangan Non Tunai (Kartu Sembako)', en: 'Non-cash food assistance (Sembako card)' },
  door: 'pusdatin',
  targetDeciles: { scope: 'national', max: 5 },
  exclusions: COMMON_EXCLUSIONS,
  benefit: { kind: 'cash_monthly', amount: 200_000, schedule: { months: EVERY_MONTH } },
};

/** PBI-JK: the state pays the family's JKN health insurance premium; no cash reaches the family. */
export const DEFAULT_PBI_JK: ProgrammeDocument = {
  code: 'PBI_JK',
  version: 'PBI_JK-2026-1',
  name: {
    id: 'Penerima Bantuan Iuran Jaminan Kesehatan',
    en: 'Health insurance premium assistance (PBI-JK)',
  },
  door: 'pusdatin',
  targetDeciles: { scope: 'national', max: 5 },
  exclusions: COMMON_EXCLUSIONS,
  benefit: { kind: 'membership', amount: 0 },
};

/**
 * KIP Kuliah: a living allowance per student — a member aged 18–24 enrolled in higher education — of
 * Rp4,200,000 per semester (Rp700,000 a month), paid in March and September; tuition goes to the
 * university and is not modelled. Deciles 1–4.
 */
export const DEFAULT_KIP_KULIAH: ProgrammeDocument = {
  code: 'KIP_KULIAH',
  version: 'KIP_KULIAH-2026-1',
  name: { id: 'Kartu Indonesia Pintar Kuliah', en: 'Indonesia Smart Card for university (KIP Kuliah)' },
  door: 'pusdatin',
  targetDeciles: { scope: 'national', max: 4 },
  memberRules: {
    student: {
      all: [
        { var: 'schoolParticipation', op: '=', value: 1 },
        { var: 'educationLevel', in: [10] },
        { var: 'age', op: '>=', value: 18 },
        { var: 'age', op: '<=', value: 24 },
      ],
    },
  },
  eligibility: { all: [{ someMember: { rule: 'student' } }] },
  exclusions: COMMON_EXCLUSIONS,
  benefit: {
    kind: 'per_member',
    code: 'STUDENT',
    name: { id: 'Mahasiswa', en: 'University student' },
    member: { rule: 'student' },
    amount: 4_200_000,
    schedule: { months: [3, 9] },
  },
};

export const DEFAULT_PROGRAMMES: readonly ProgrammeDocument[] = [
  DEFAULT_PKH,
  DEFAULT_BPNT,
  DEFAULT_PBI_JK,
  DEFAULT_KIP_KULIAH,
];

/**
 * An example provincial programme (the demo seeds it for its province): a quarterly allowance of Rp300,000
 * for families of the province's deciles 1–3 with an elderly member of 60 or more.
 */
export function provincialElderlyAllowance(provinceCode: string): ProgrammeDocument {
  return {
    code: `PROV_${provinceCode}_SANTUNAN_LANSIA`,
    version: `PROV_${provinceCode}_SANTUNAN_LANSIA-2026-1`,
    name: { id: 'Santunan Lanjut Usia Provinsi', en: 'Provincial elderly allowance' },
    door: 'province',
    provinceCode,
    targetDeciles: { scope: 'province', max: 3 },
    eligibility: { all: [{ someMember: { var: 'age', op: '>=', value: 60 } }] },
    exclusions: COMMON_EXCLUSIONS,
    benefit: { kind: 'cash_monthly', amount: 300_000, schedule: { months: [3, 6, 9, 12] } },
  };
}
