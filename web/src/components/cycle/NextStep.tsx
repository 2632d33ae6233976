/**
 * "Langkah berikutnya": what happens next to this record and who does it, from the one table of the cycle
 * (src/domain/cycle/next-steps.ts), shown on every detail screen of the cycle.
 */
import { type CycleMachine, nextStep } from '../../../../src/domain/cycle/next-steps.ts';
import { useI18n } from '../../i18n/index.tsx';

export function NextStep({ machine, state }: { machine: CycleMachine; state: string }) {
  const { t, text } = useI18n();
  const step = nextStep(machine, state);
  if (!step) return null;
  return (
    <p className="next-step" data-testid="next-step">
      <strong>{t('cycle.nextStep')}:</strong> {text(step)}
    </p>
  );
}
