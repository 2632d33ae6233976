/**
 * The update cycle (DOMAIN.md §5): usulan → Musdes/Muskel → verivali → Dinas Sosial → pengesahan →
 * monthly penetapan. One machine per object; read this file to know who may do what, when.
 */
import { rolesWith } from '../access/roles.ts';
import { defineMachine } from './state-machine.ts';

/** A proposal (usulan baru / perbaikan / dikeluarkan) for one household in one village and period. */
export const usulanMachine = defineMachine({
  name: 'usulan',
  states: [
    'draft',
    'submitted',
    'musdes_accepted',
    'musdes_rejected',
    'verified',
    'not_eligible',
    'approved',
    'returned',
    'determined',
    'withdrawn',
  ] as const,
  initial: 'draft',
  transitions: {
    submit: { from: ['draft'], to: 'submitted', roles: ['operator_desa'] },
    // With an explanation (withdrawalNote); also after a return, so the village is never left without a way out.
    withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', roles: ['operator_desa'] },
    musdes_accept: { from: ['submitted'], to: 'musdes_accepted', roles: ['operator_desa', 'kepala_desa'] },
    musdes_reject: { from: ['submitted'], to: 'musdes_rejected', roles: ['operator_desa', 'kepala_desa'] },
    // The Kepala Desa reopens a closed (not yet signed) Musdes: its decisions are undone. Proposals it
    // decided go back to submitted; proposals it created from decisions on existing records are withdrawn.
    musdes_reopen: { from: ['musdes_accepted', 'musdes_rejected'], to: 'submitted', roles: ['kepala_desa'] },
    musdes_cancel: { from: ['musdes_accepted'], to: 'withdrawn', roles: ['kepala_desa'] },
    verify: { from: ['musdes_accepted'], to: 'verified', roles: ['petugas', 'dinsos_kab'] },
    verify_not_eligible: { from: ['musdes_accepted'], to: 'not_eligible', roles: ['petugas', 'dinsos_kab'] },
    approve: { from: ['verified'], to: 'approved', roles: ['dinsos_kab'] },
    return: { from: ['verified', 'musdes_accepted'], to: 'returned', roles: ['dinsos_kab'] },
    revise: { from: ['returned'], to: 'draft', roles: ['operator_desa'] },
    determine: { from: ['approved'], to: 'determined', roles: ['pusdatin'] },
  },
});
export type UsulanState = (typeof usulanMachine.states)[number];
export type UsulanAction = keyof typeof usulanMachine.transitions;

/** A Musdes/Muskel session: one per village per period. */
export const musdesMachine = defineMachine({
  name: 'musdes',
  states: ['draft', 'open', 'closed', 'signed'] as const,
  initial: 'draft',
  transitions: {
    open: { from: ['draft'], to: 'open', roles: ['operator_desa', 'kepala_desa'] },
    close: { from: ['open'], to: 'closed', roles: ['operator_desa', 'kepala_desa'] },
    reopen: { from: ['closed'], to: 'open', roles: ['kepala_desa'] },
    upload_signed: { from: ['closed'], to: 'signed', roles: ['operator_desa', 'kepala_desa'] },
    // The kecamatan returns a signed Berita Acara to the village (src/modules/chain): signed again after fixing.
    return_signed: { from: ['signed'], to: 'closed', roles: ['kecamatan'] },
  },
});
export type MusdesState = (typeof musdesMachine.states)[number];

/** A verivali household visit assigned by the Dinas Sosial to a field officer. */
export const visitMachine = defineMachine({
  name: 'visit',
  states: ['assigned', 'visited', 'accepted', 'cancelled'] as const,
  initial: 'assigned',
  transitions: {
    record: { from: ['assigned', 'visited'], to: 'visited', roles: ['petugas', 'dinsos_kab'] },
    accept: { from: ['visited'], to: 'accepted', roles: ['dinsos_kab'] },
    redo: { from: ['visited'], to: 'assigned', roles: ['dinsos_kab'] },
    cancel: { from: ['assigned'], to: 'cancelled', roles: ['dinsos_kab'] },
  },
});
export type VisitState = (typeof visitMachine.states)[number];

/**
 * A regency's submission of its period results, approved (pengesahan) by the Bupati/Walikota. It goes to the
 * Minister through the Governor (seeds 002, 004): `submit` hands it to the provincial Dinas Sosial
 * (`at_province`), which forwards it to Pusdatin (`submitted`) or returns it; a province that does not review
 * (src/domain/cycle/chain.ts) forwards it in the same step, and one with a deadline forwards it automatically.
 * Pusdatin determines only `submitted` (forwarded) submissions.
 */
export const submissionMachine = defineMachine({
  name: 'submission',
  states: ['draft', 'at_province', 'submitted', 'returned', 'determined'] as const,
  initial: 'draft',
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'at_province', roles: rolesWith('cycle.submit') },
    forward: { from: ['at_province'], to: 'submitted', roles: rolesWith('cycle.forward') },
    province_return: { from: ['at_province'], to: 'returned', roles: rolesWith('cycle.forward') },
    return: { from: ['submitted'], to: 'returned', roles: rolesWith('cycle.determine') },
    determine: { from: ['submitted'], to: 'determined', roles: rolesWith('cycle.determine') },
  },
});
export type SubmissionState = (typeof submissionMachine.states)[number];
export type SubmissionAction = keyof typeof submissionMachine.transitions;

/**
 * The kecamatan's reading of one village's signed Berita Acara (seed 002: the village's result goes to the
 * Bupati through the Camat). `pending` is not stored: a signed session without a decision on its current
 * scan is pending (src/domain/cycle/chain.ts). A returned session goes back to the village to be signed again.
 */
export const acknowledgementMachine = defineMachine({
  name: 'acknowledgement',
  states: ['pending', 'acknowledged', 'returned'] as const,
  initial: 'pending',
  transitions: {
    acknowledge: { from: ['pending'], to: 'acknowledged', roles: rolesWith('cycle.acknowledge') },
    return: { from: ['pending'], to: 'returned', roles: rolesWith('cycle.acknowledge') },
  },
});
export type AcknowledgementState = (typeof acknowledgementMachine.states)[number];
export type AcknowledgementAction = keyof typeof acknowledgementMachine.transitions;

/** A monthly period: open for proposals until the Minister's determination (penetapan). */
export const periodMachine = defineMachine({
  name: 'period',
  states: ['open', 'determined'] as const,
  initial: 'open',
  transitions: {
    determine: { from: ['open'], to: 'determined', roles: rolesWith('cycle.determine') },
  },
});
export type PeriodState = (typeof periodMachine.states)[number];

export const MACHINES = [
  usulanMachine,
  musdesMachine,
  visitMachine,
  submissionMachine,
  acknowledgementMachine,
  periodMachine,
] as const;
