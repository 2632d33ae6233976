/**
 * Musyawarah Desa/Kelurahan (DOMAIN.md §5.2): the village deliberates over the prelist awal (its current
 * DTKS households plus the period's submitted proposals) and gives every row exactly one outcome. This file
 * holds the rules that need no database: which outcome fits which row, who must attend, how an outcome
 * moves a proposal. Pure: also runs in the browser.
 */
import { parseIsoDate } from '../calendar.ts';
import { type FieldIssue, issue, type Text } from '../errors.ts';
import { MONTHS_ID } from '../month-names.ts';

export const OUTCOMES = ['perbaikan', 'dikeluarkan', 'usulan_baru', 'tetap'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, Text> = {
  perbaikan: { id: 'Perbaikan', en: 'Correct' },
  dikeluarkan: { id: 'Dikeluarkan', en: 'Remove' },
  usulan_baru: { id: 'Usulan baru', en: 'New' },
  tetap: { id: 'Tetap', en: 'Unchanged' },
};

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** What a prelist row stands for: a household already in DTKS, or a proposal of one of three kinds. */
export type RowKind = 'existing' | 'baru' | 'perbaikan' | 'dikeluarkan';

export const ROW_KIND_LABELS: Record<RowKind, Text> = {
  existing: { id: 'Data DTKS', en: 'DTKS record' },
  baru: { id: 'Usulan baru', en: 'New-household proposal' },
  perbaikan: { id: 'Usulan perbaikan', en: 'Correction proposal' },
  dikeluarkan: { id: 'Usulan dikeluarkan', en: 'Removal proposal' },
};

/**
 * The outcomes a row may get: an existing record stays, is corrected or removed; a proposal is accepted
 * (its own outcome) or not (the record stays as it is — for a new household: it does not enter).
 */
export const VALID_OUTCOMES: Record<RowKind, { accepted: Outcome | null; allowed: readonly Outcome[] }> = {
  existing: { accepted: null, allowed: ['tetap', 'perbaikan', 'dikeluarkan'] },
  baru: { accepted: 'usulan_baru', allowed: ['usulan_baru', 'dikeluarkan'] },
  perbaikan: { accepted: 'perbaikan', allowed: ['perbaikan', 'tetap'] },
  dikeluarkan: { accepted: 'dikeluarkan', allowed: ['dikeluarkan', 'tetap'] },
};

/** null when `outcome` fits a row of `kind`, otherwise the reason (for a 400 naming the allowed ones). */
export function outcomeIssue(kind: RowKind, outcome: Outcome, field = 'outcome'): FieldIssue | null {
  const { allowed } = VALID_OUTCOMES[kind];
  if (allowed.includes(outcome)) return null;
  const list = allowed.join(', ');
  return issue(field, 'musdes.invalid_outcome', {
    outcome,
    id: ROW_KIND_LABELS[kind].id.toLowerCase(),
    list,
  });
}

/** A note is needed where the decision must be explained: a correction, a removal, a refused proposal. */
export function noteRequired(kind: RowKind, outcome: Outcome): boolean {
  if (kind === 'existing') return outcome !== 'tetap';
  return VALID_OUTCOMES[kind].accepted !== outcome;
}

/** For a proposal row: whether the deliberation accepted the proposal. */
export function isAccepted(kind: Exclude<RowKind, 'existing'>, outcome: Outcome): boolean {
  return VALID_OUTCOMES[kind].accepted === outcome;
}

/** For an existing row: the proposal the decision creates (already accepted), if any. */
export function proposalFromDecision(outcome: Outcome): 'perbaikan' | 'dikeluarkan' | null {
  return outcome === 'perbaikan' || outcome === 'dikeluarkan' ? outcome : null;
}

export type OutcomeCounts = Record<Outcome, number>;

export function emptyCounts(): OutcomeCounts {
  return { perbaikan: 0, dikeluarkan: 0, usulan_baru: 0, tetap: 0 };
}

// ------------------------------------------------------------------ participants

export const PARTICIPANT_ROLES = [
  'kepala_desa',
  'lurah',
  'perangkat_desa',
  'bpd',
  'dukuh',
  'rw',
  'rt',
  'tokoh_agama',
  'tokoh_masyarakat',
  'pendamping',
  'operator',
  'lainnya',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const PARTICIPANT_ROLE_LABELS: Record<ParticipantRole, Text> = {
  kepala_desa: { id: 'Kepala Desa', en: 'Village head (desa)' },
  lurah: { id: 'Lurah', en: 'Village head (kelurahan)' },
  perangkat_desa: { id: 'Perangkat desa/kelurahan', en: 'Village official' },
  bpd: { id: 'Badan Permusyawaratan Desa (BPD)', en: 'Village council (BPD)' },
  dukuh: { id: 'Kepala dusun/dukuh', en: 'Hamlet head' },
  rw: { id: 'Ketua RW', en: 'RW head' },
  rt: { id: 'Ketua RT', en: 'RT head' },
  tokoh_agama: { id: 'Tokoh agama', en: 'Religious leader' },
  tokoh_masyarakat: { id: 'Tokoh masyarakat', en: 'Community leader' },
  pendamping: { id: 'Pendamping sosial / PSM / TKSK', en: 'Social companion / PSM / TKSK' },
  operator: { id: 'Operator SIKS-NG', en: 'SIKS-NG operator' },
  lainnya: { id: 'Lainnya', en: 'Other' },
};

export interface Participant {
  name: string;
  role: ParticipantRole;
}

/** Kelurahan codes start their village part with 1 (DOMAIN.md §2): a Muskel led by a Lurah. */
export function isKelurahan(villageCode: string): boolean {
  return (villageCode.split('.')[3] ?? '').startsWith('1');
}

/** The deliberation's name: Musdes in a desa, Muskel in a kelurahan. */
export function deliberationName(villageCode: string): Text {
  return isKelurahan(villageCode)
    ? { id: 'Musyawarah Kelurahan (Muskel)', en: 'Kelurahan deliberation (Muskel)' }
    : { id: 'Musyawarah Desa (Musdes)', en: 'Village deliberation (Musdes)' };
}

/** The village head must attend and sign: at least one participant is the Kepala Desa or Lurah. */
export function checkParticipants(participants: readonly Participant[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  participants.forEach((p, n) => {
    const key = `${p.name.trim().toLowerCase()}|${p.role}`;
    if (seen.has(key)) {
      issues.push(issue(`participants.${n}.name`, 'musdes.duplicate_participant'));
    }
    seen.add(key);
  });
  if (!participants.some((p) => p.role === 'kepala_desa' || p.role === 'lurah')) {
    issues.push(issue('participants', 'musdes.head_required'));
  }
  return issues;
}

export function checkHeldOn(heldOn: string, field = 'heldOn'): FieldIssue[] {
  return parseIsoDate(heldOn) ? [] : [issue(field, 'musdes.invalid_date', { heldOn })];
}

/** The head who signs the Berita Acara, and up to two witnesses (the BPD first, then community leaders). */
export function signatories(participants: readonly Participant[]): {
  head: Participant | null;
  witnesses: Participant[];
} {
  const head = participants.find((p) => p.role === 'kepala_desa' || p.role === 'lurah') ?? null;
  const preference: ParticipantRole[] = [
    'bpd',
    'tokoh_masyarakat',
    'tokoh_agama',
    'perangkat_desa',
    'pendamping',
    'dukuh',
    'rw',
    'rt',
  ];
  const witnesses = participants
    .filter((p) => p !== head && preference.includes(p.role))
    .sort((a, b) => preference.indexOf(a.role) - preference.indexOf(b.role))
    .slice(0, 2);
  return { head, witnesses };
}

// ------------------------------------------------------------------ dates in the document

const DAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];

/** `2026-03-23` → `Senin, 23 Maret 2026` (the form the Berita Acara uses). */
export function longDateId(isoDate: string): string {
  const d = parseIsoDate(isoDate);
  if (!d) return isoDate;
  const weekday = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return `${DAYS_ID[weekday]}, ${d.day} ${MONTHS_ID[d.month - 1]} ${d.year}`;
}
