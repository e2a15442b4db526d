// Length matters most (NIST SP 800-63B): at least 12 characters, long passphrases welcome. Composition rules are
// kept to a minimum that stops the trivial: one repeated character class, a handful of distinct characters,
// or the e-mail address itself.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
const MIN_DISTINCT_CHARACTERS = 6;

export type PasswordProblem =
  'password_too_short' | 'password_too_long' | 'password_too_simple' | 'password_is_email';

function characterClasses(password: string): number {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return classes.filter((pattern) => pattern.test(password)).length;
}

/** The problems with a new password, most important first; empty when it is acceptable. */
export function passwordProblems(password: string, email: string): PasswordProblem[] {
  const characters = [...password];
  const problems: PasswordProblem[] = [];
  if (characters.length < PASSWORD_MIN_LENGTH) problems.push('password_too_short');
  if (characters.length > PASSWORD_MAX_LENGTH) problems.push('password_too_long');
  const lowered = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  if (address !== '' && (lowered === address || lowered === address.split('@')[0])) {
    problems.push('password_is_email');
  }
  if (characterClasses(password) < 2 || new Set(characters).size < MIN_DISTINCT_CHARACTERS) {
    problems.push('password_too_simple');
  }
  return problems;
}
