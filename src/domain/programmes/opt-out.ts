/**
 * Opting out of a programme (mengundurkan diri): a household withdraws from one programme on its written
 * request. The request's date is the letter's date: a real calendar date, not after today (a request cannot
 * be recorded before it was made) and not before the first DTKS period (2010: older paper is not a request
 * about today's programmes). While it stands, the programme's `OPTED_OUT` exclusion holds for the household
 * at every recipients computation; once withdrawn, the next computation evaluates it as any other.
 */
import { parseIsoDate } from '../calendar.ts';
import { type FieldIssue, issue } from '../errors.ts';

const EARLIEST = '2010-01-01';

/** Problems with the date of a written opt-out request, given today's date (YYYY-MM-DD). */
export function checkOptOutRequestDate(requestedOn: string, today: string): FieldIssue[] {
  if (!parseIsoDate(requestedOn)) return [issue('requestedOn', 'opt_out.date_invalid')];
  if (requestedOn > today) return [issue('requestedOn', 'opt_out.date_future', { today })];
  if (requestedOn < EARLIEST) return [issue('requestedOn', 'opt_out.date_too_old', { earliest: EARLIEST })];
  return [];
}
