import { describe, expect, it } from 'vitest';
import { usulanMachine } from '../lifecycle/machines.ts';
import { isTerminal } from '../lifecycle/state-machine.ts';
import { needsConfirmation, UNRESOLVED_USULAN_STATES, type Unresolved } from './unresolved.ts';

const clean: Unresolved = { openSessions: [], pendingUsulan: [], pendingTotal: 0, villagesWithoutSession: 0 };

describe('what a pengesahan would leave behind', () => {
  it('needs no confirmation when every village signed and no proposal is pending', () => {
    expect(needsConfirmation(clean)).toBe(false);
  });
  it('needs confirmation for an open village, a pending proposal, or a village without a session', () => {
    const open = { sessionId: 's', villageCode: '33.07.01.2001', villageName: 'A', state: 'open' };
    expect(needsConfirmation({ ...clean, openSessions: [open] })).toBe(true);
    expect(needsConfirmation({ ...clean, pendingTotal: 1 })).toBe(true);
    expect(needsConfirmation({ ...clean, villagesWithoutSession: 3 })).toBe(true);
  });
  it('counts as pending only proposals that can still move on before approval', () => {
    for (const s of UNRESOLVED_USULAN_STATES) expect(isTerminal(usulanMachine, s), s).toBe(false);
    expect(UNRESOLVED_USULAN_STATES).not.toContain('approved');
    expect(UNRESOLVED_USULAN_STATES).not.toContain('draft');
  });
});
