import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  mayAct,
  newReport,
  nextState,
  normalizeTrackingNumber,
  overdue,
  trackingNumber,
} from './reports.ts';

// 2026-12-04 is a Friday.
const FRIDAY = '2026-12-04T03:00:00.000Z';

describe('working days', () => {
  it('skips the weekend on the WIB calendar', () => {
    expect(addWorkingDays(FRIDAY, 1)).toBe('2026-12-07T03:00:00.000Z');
    expect(addWorkingDays(FRIDAY, 3)).toBe('2026-12-09T03:00:00.000Z');
    // Friday 20:00 WIB is still Friday in Indonesia (13:00 UTC).
    expect(addWorkingDays('2026-12-04T13:00:00.000Z', 1)).toBe('2026-12-07T13:00:00.000Z');
    // Friday 23:30 UTC is Saturday 06:30 WIB: three working days end on Wednesday 06:30 WIB.
    expect(addWorkingDays('2026-12-04T23:30:00.000Z', 3)).toBe('2026-12-08T23:30:00.000Z');
    expect(addWorkingDays(FRIDAY, 0)).toBe(FRIDAY);
  });
});

describe('report state machine', () => {
  const s0 = newReport(FRIDAY);
  it('starts received at the village with both timers', () => {
    expect(s0).toMatchObject({ status: 'received', level: 'village', triagedAt: null, firstReplyAt: null });
    expect(s0.triageDueAt).toBe('2026-12-09T03:00:00.000Z');
    expect(s0.responseDueAt).toBe('2026-12-18T03:00:00.000Z');
  });
  it('triages once, replies count as triage, closes for good', () => {
    const t = nextState(s0, 'triage', '2026-12-05T00:00:00Z');
    expect(t.ok && t.state.status).toBe('in_progress');
    if (!t.ok) throw new Error();
    expect(nextState(t.state, 'triage', '2026-12-05T01:00:00Z')).toEqual({
      ok: false,
      reason: 'already_triaged',
    });
    const r = nextState(s0, 'reply', '2026-12-06T00:00:00Z');
    if (!r.ok) throw new Error();
    expect(r.state).toMatchObject({
      status: 'in_progress',
      triagedAt: '2026-12-06T00:00:00Z',
      firstReplyAt: '2026-12-06T00:00:00Z',
    });
    const r2 = nextState(r.state, 'reply', '2026-12-07T00:00:00Z');
    expect(r2.ok && r2.state.firstReplyAt).toBe('2026-12-06T00:00:00Z');
    const c = nextState(r.state, 'close', '2026-12-08T00:00:00Z');
    if (!c.ok) throw new Error();
    expect(c.state.status).toBe('closed');
    for (const a of ['triage', 'assign', 'reply', 'note', 'escalate', 'close'] as const) {
      expect(nextState(c.state, a, '2026-12-09T00:00:00Z')).toEqual({ ok: false, reason: 'closed' });
    }
  });
  it('escalates village → district → regency, restarting the triage clock, and no further', () => {
    const t = nextState(s0, 'triage', FRIDAY);
    if (!t.ok) throw new Error();
    const e1 = nextState(t.state, 'escalate', '2026-12-07T03:00:00.000Z');
    if (!e1.ok) throw new Error();
    expect(e1.state).toMatchObject({ level: 'district', status: 'received', triagedAt: null });
    expect(e1.state.triageDueAt).toBe('2026-12-10T03:00:00.000Z');
    expect(e1.state.responseDueAt).toBe(s0.responseDueAt);
    const e2 = nextState(e1.state, 'escalate', '2026-12-07T04:00:00.000Z');
    if (!e2.ok) throw new Error();
    expect(e2.state.level).toBe('regency');
    expect(nextState(e2.state, 'escalate', '2026-12-07T05:00:00.000Z')).toEqual({
      ok: false,
      reason: 'top_level',
    });
  });
  it('is overdue when untriaged past the triage due time or unanswered past the response due time', () => {
    expect(overdue(s0, '2026-12-09T02:59:59.000Z')).toEqual({ triage: false, response: false });
    expect(overdue(s0, '2026-12-09T03:00:01.000Z')).toEqual({ triage: true, response: false });
    const t = nextState(s0, 'triage', FRIDAY);
    if (!t.ok) throw new Error();
    expect(overdue(t.state, '2026-12-18T03:00:01.000Z')).toEqual({ triage: false, response: true });
    const c = nextState(t.state, 'close', FRIDAY);
    if (!c.ok) throw new Error();
    expect(overdue(c.state, '2027-01-01T00:00:00.000Z')).toEqual({ triage: false, response: false });
  });
  it('lets the handling office and those above act', () => {
    expect(mayAct(4, 'village')).toBe(true);
    expect(mayAct(4, 'district')).toBe(false);
    expect(mayAct(3, 'village')).toBe(true);
    expect(mayAct(3, 'regency')).toBe(false);
    expect(mayAct(2, 'regency')).toBe(true);
    expect(mayAct(0, 'regency')).toBe(true);
  });
});

describe('tracking numbers', () => {
  it('are LPR- and two groups of four unambiguous symbols', () => {
    expect(trackingNumber(new Uint8Array([0, 0, 0, 0, 0]))).toBe('LPR-0000-0000');
    expect(trackingNumber(new Uint8Array([255, 255, 255, 255, 255]))).toBe('LPR-ZZZZ-ZZZZ');
    const n = trackingNumber(new Uint8Array([1, 2, 3, 4, 5]));
    expect(n).toMatch(/^LPR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normalizeTrackingNumber(n)).toBe(n);
  });
  it('fold what people type', () => {
    expect(normalizeTrackingNumber('lpr 7k3f 9qxd')).toBe('LPR-7K3F-9QXD');
    expect(normalizeTrackingNumber('7K3F-9QXD')).toBe('LPR-7K3F-9QXD');
    expect(normalizeTrackingNumber('LPR-OIL0-0000')).toBe('LPR-0110-0000');
    expect(normalizeTrackingNumber('LPR-7K3F-9QX')).toBeNull();
    expect(normalizeTrackingNumber('LPR-7K3F-9QXU')).toBeNull();
    expect(normalizeTrackingNumber('<script>')).toBeNull();
  });
});
