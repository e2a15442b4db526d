// Inbox tags with a fixed meaning. Tags are otherwise free words chosen by handlers; these few are set by a
// button of their own, shown with a translated label, and counted in reports (docs/inbox.md).

/**
 * The handler told the writer that their matter is a formal objection (muistutus, Patient Act 10 §, Social
 * Welfare Client Act 23 §) and pointed them to that statutory route. The objection itself is not handled in
 * Kuulo; this only records that a piece of open feedback was redirected there.
 */
export const OBJECTION_TAG = 'objection-process';
