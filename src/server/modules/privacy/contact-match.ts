// Matching a person's contact details across the ways they may have been typed.

export function normaliseEmail(value: string | null | undefined): string | null {
  const trimmed = (value ?? '').trim().toLowerCase();
  return trimmed.includes('@') ? trimmed : null;
}

/** Digits only, with a Finnish country code (+358 / 00358) turned into the trunk prefix 0. */
export function normalisePhone(value: string | null | undefined): string | null {
  const compact = (value ?? '').replace(/[\s\-().]/g, '');
  const international = compact.startsWith('+') ? `00${compact.slice(1)}` : compact;
  const national = international.startsWith('00358') ? `0${international.slice(5)}` : international;
  return /^\d{5,20}$/.test(national) ? national : null;
}

/** Whether a stored contact ({ email?, phone? }) is the person asked about. */
export function contactMatches(
  stored: { email?: unknown; phone?: unknown },
  request: { email: string | null; phone: string | null },
): boolean {
  const email = typeof stored.email === 'string' ? normaliseEmail(stored.email) : null;
  const phone = typeof stored.phone === 'string' ? normalisePhone(stored.phone) : null;
  return (
    (request.email !== null && email === request.email) || (request.phone !== null && phone === request.phone)
  );
}
