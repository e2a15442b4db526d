// Shares for the demo's responses, as relative weights. The division-wide result is close to the brief's shares
// (SMS ~40 %, QR ~20 %, web ~15 %, kiosk ~10 %, paper ~8 %, oral ~4 %, chat and home care the rest; Finnish
// ~86 %, Swedish ~8 %, English ~6 %) once the busy services' own mixes are weighed in.
import type { Channel } from '../../../../shared/channels.ts';
import type { Language } from '../../../../shared/languages.ts';
import type { ServiceSpec } from './services.ts';

export type Weights<K extends string> = Partial<Record<K, number>>;
/** Entries for Random.weighted(). */
export type Mix<T> = readonly (readonly [T, number])[];
export const toMix = <K extends string>(weights: Weights<K>): Mix<K> => Object.entries(weights) as [K, number][];
type Profile = NonNullable<ServiceSpec['channelProfile']>;

export const CHANNEL_WEIGHTS: Record<Profile, Weights<Channel>> = {
  default: { sms: 45, qr: 21, web: 15, kiosk: 10, paper: 6, oral: 3 },
  home_care: { home_care: 30, sms: 25, paper: 20, oral: 15, web: 10 },
  chat: { chat: 70, web: 20, sms: 10 },
  ward: { paper: 26, kiosk: 25, qr: 22, web: 12, oral: 10, sms: 5 },
  housing: { paper: 40, oral: 30, qr: 15, web: 15 },
};
/** The children's survey is published for on-the-spot channels only. */
export const CHILD_CHANNEL_WEIGHTS: Weights<Channel> = { qr: 45, kiosk: 30, web: 25 };

export const LANGUAGE_WEIGHTS: Weights<Language> = { fi: 86, sv: 8, en: 6 };
export const IMMIGRANT_LANGUAGE_WEIGHTS: Weights<Language> = { fi: 58, sv: 2, en: 40 };

/** Older people's services: relatives answer more often, and more clients get help answering. */
export const RESPONDENT_WEIGHTS = { client: 82, relative: 14, assisted: 4 };
export const OLDER_RESPONDENT_WEIGHTS = { client: 55, relative: 30, assisted: 15 };

/** Local hour weights 0–23: office hours; SMS answers come the day after a visit, from noon on; 24/7 units. */
export const HOUR_WEIGHTS = {
  office: [0, 0, 0, 0, 0, 0, 0.2, 1, 3, 4, 4, 3.5, 3, 3.5, 3.5, 3, 2, 1, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05],
  sms: [0.1, 0, 0, 0, 0, 0, 0.1, 0.3, 0.4, 0.5, 0.5, 0.6, 3, 4, 3, 2.5, 2.2, 2, 2.2, 2.4, 2, 1.5, 0.8, 0.3],
  allDay: [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1, 2, 3, 3, 3, 3, 3, 3, 3, 2.5, 2.5, 2, 2, 1.5, 1, 0.6, 0.4],
};
