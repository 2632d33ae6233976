import { useLoad } from '../../../hooks/use-load.ts';
import { formatDate } from '../../../lib/format.ts';
import { usulanApi, type WindowStatus } from './usulan.api.ts';
import { useUsulanI18n } from './usulan.i18n.ts';

/** The proposal window as the server's clock sees it. */
export function useProposalWindow() {
  return useLoad(['usulan', 'window'], (signal) => usulanApi.window(signal));
}

/** "Open until …" or "closed; next window from … to …" (the server decides; this only tells). */
export function WindowText({ w }: { w: WindowStatus }) {
  const { m, lang } = useUsulanI18n();
  const closes = formatDate(w.closes, lang);
  return w.open
    ? m('window.open', { period: w.period, closes })
    : m('window.closed', { opens: formatDate(w.opens, lang), closes });
}

export function WindowNotice() {
  const w = useProposalWindow();
  if (!w.data) return null;
  return (
    <p className={`alert ${w.data.open ? 'alert--info' : 'alert--warning'}`} role="status">
      <WindowText w={w.data} />
    </p>
  );
}
