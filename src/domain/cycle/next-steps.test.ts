import { describe, expect, it } from 'vitest';
import { MACHINES } from '../lifecycle/machines.ts';
import { type CycleMachine, nextStep } from './next-steps.ts';

describe('every state of every machine says what comes next', () => {
  for (const machine of MACHINES) {
    it(`${machine.name}: each state has an Indonesian and an English next step naming who acts`, () => {
      for (const state of machine.states) {
        const text = nextStep(machine.name as CycleMachine, state);
        expect(text, `${machine.name}.${state}`).not.toBeNull();
        expect(text!.id.length).toBeGreaterThan(20);
        expect(text!.en.length).toBeGreaterThan(20);
        expect(text!.id).not.toBe(text!.en);
      }
    });
  }

  it('terminal states say the record is done; others name who acts', () => {
    expect(nextStep('usulan', 'withdrawn')!.id).toMatch(/^Selesai/);
    expect(nextStep('usulan', 'submitted')!.id).toMatch(/Musdes/);
    expect(nextStep('submission', 'submitted')!.en).toMatch(/Pusdatin/);
  });

  it('answers null for a state a machine does not have', () => {
    expect(nextStep('musdes', 'approved')).toBeNull();
    expect(nextStep('usulan', 'constructor')).toBeNull();
  });
});
