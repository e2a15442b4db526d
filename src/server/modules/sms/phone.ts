import { createHmac } from 'node:crypto';

// Phone numbers: normalised to E.164 (Finnish national numbers get +358), and a keyed hash that stands in for
// the number wherever Kuulo must remember a person (the 30-day rule, follow-up visits, opt-outs). The key is the
// installation's data key, so the hash cannot be reversed by trying every Finnish number without it.

const E164 = /^\+[1-9]\d{6,14}$/;

/** E.164 form, or undefined when the text is not a phone number. */
export function normalisePhone(raw: string): string | undefined {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  let phone = compact;
  if (phone.startsWith('00')) phone = `+${phone.slice(2)}`;
  else if (/^0\d/.test(phone)) phone = `+358${phone.slice(1)}`;
  else if (/^358\d{6,}$/.test(phone)) phone = `+${phone}`;
  return E164.test(phone) ? phone : undefined;
}

/** HMAC-SHA-256 of the normalised number, keyed with the data key (32 bytes). */
export function personHash(dataKey: Buffer, phone: string): Buffer {
  return createHmac('sha256', dataKey).update('kuulo-sms-person-v1:').update(phone).digest();
}
