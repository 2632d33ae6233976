/**
 * Whether an audit action is a read of personal data or a change, as a citizen's "who read my data" page shows
 * it. The verbs below are the reads the services record (`recordRead`, `recordListRead`, exported pages); every
 * other action is a change. A test reads the recorded actions from the source, so a new read verb missing here
 * fails there instead of showing a citizen a read as a change of their record.
 */
const READ_VERBS = new Set([
  'read',
  'list',
  'search',
  'history',
  'thumbnail',
  'export',
  // An attempt to register an identifier another record holds: it looked that record up.
  'probe',
  'rows',
  'prelist',
  'records',
  'record_history',
  'households',
  'exclusions',
  'diff',
  'candidates',
  'ranking',
  'programmes',
  'opt_outs',
  'invitations',
  'invitation_scan',
  'working_set',
  'overlaps',
  'matches',
  'entries',
  'rejected_lines',
]);

export function isReadAction(action: string): boolean {
  const verb = action.slice(action.indexOf('.') + 1);
  return READ_VERBS.has(verb) || /_(read|list|page|rows)$/.test(verb);
}
