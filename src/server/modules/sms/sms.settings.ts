// Eligibility and sending settings. Stored per organisation (unit null) and per subtree; a field left empty
// inherits from the nearest ancestor that sets it, then from these defaults (issue 5, docs/sms.md).

export interface SmsSettings {
  enabled: boolean;
  /** Adults only: the youngest age that gets a survey. */
  minAge: number;
  requireConsent: boolean;
  /** A visit within this many days after an earlier visit at the same unit is a follow-up: no survey. */
  followUpDays: number;
  /** At most one survey per person in this many days. */
  perPersonDays: number;
  /** Quiet hours: messages go out from the day after the visit, between these Helsinki hours. */
  windowStartHour: number;
  windowEndHour: number;
  /** 'link': a personal link to the web survey; 'reply': a 0–10 question answered by SMS. */
  mode: 'link' | 'reply';
  /** Survey slug. */
  survey: string;
  /** Most messages sent per Finnish calendar day (organisation-wide setting only). */
  dailyLimit: number;
}

export const DEFAULT_SMS_SETTINGS: SmsSettings = {
  enabled: true,
  minAge: 18,
  requireConsent: true,
  followUpDays: 30,
  perPersonDays: 30,
  windowStartHour: 12,
  windowEndHour: 20,
  mode: 'link',
  survey: 'thl-national',
  dailyLimit: 20_000,
};

export type SmsSettingsPatch = { [K in keyof SmsSettings]?: SmsSettings[K] | null };

/** Applies patches from the widest scope (organisation) to the narrowest (the unit itself). */
export function mergeSettings(patches: readonly SmsSettingsPatch[]): SmsSettings {
  const merged: SmsSettings = { ...DEFAULT_SMS_SETTINGS };
  for (const patch of patches)
    for (const [key, value] of Object.entries(patch))
      if (value !== null && value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  return merged;
}
