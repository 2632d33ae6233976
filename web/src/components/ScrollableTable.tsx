/**
 * A table wrapper that scrolls sideways on a narrow screen and says so: while columns are hidden to the
 * right (or left), the edge shows a shade and a line above the table tells the reader to swipe. A first-time
 * user on a phone did not see that the duplicates comparison had more columns.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

type Overflow = 'none' | 'right' | 'left' | 'both';

export function ScrollableTable({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>('none');
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const hiddenLeft = el.scrollLeft > 1;
      const hiddenRight = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
      setOverflow(hiddenLeft && hiddenRight ? 'both' : hiddenRight ? 'right' : hiddenLeft ? 'left' : 'none');
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);
  return (
    <>
      {overflow !== 'none' && (
        <p className="scroll-hint muted">
          <span aria-hidden="true">↔ </span>
          {t('table.scrollHint')}
        </p>
      )}
      <div ref={ref} className="table-wrap" data-overflow={overflow}>
        {children}
      </div>
    </>
  );
}
