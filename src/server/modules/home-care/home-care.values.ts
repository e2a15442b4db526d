// The staff member's assessment answers, in the order the form and the report show them.
export type OnTime = 'yes' | 'partly' | 'no';
export type AffectedBy = 'nothing' | 'timing' | 'lack_of_time' | 'other';
export const ON_TIME: readonly OnTime[] = ['yes', 'partly', 'no'];
export const AFFECTED_BY: readonly AffectedBy[] = ['nothing', 'timing', 'lack_of_time', 'other'];
