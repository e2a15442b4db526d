import { t } from '../../../i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import { FEEDBACK_TYPES, type FeedbackType } from '../feedback/index.ts';

// Service codes are the feedback types. They are numeric strings, as in Helsinki's API, because the 6Aika
// definition lists service_code query values as integers; the names come in the request's locale.

export const SERVICE_CODES: Record<FeedbackType, string> = {
  praise: '101',
  question: '102',
  idea: '103',
  complaint: '104',
  accessibility: '105',
  other: '106',
};

const BY_CODE = new Map(FEEDBACK_TYPES.map((type) => [SERVICE_CODES[type], type]));

export function typeOfCode(code: string): FeedbackType | undefined {
  return BY_CODE.get(code.trim());
}

export interface ServiceView {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  group: string;
}

export function serviceView(type: FeedbackType, locale: Language): ServiceView {
  const tr = t(locale);
  return {
    service_code: SERVICE_CODES[type],
    service_name: tr(`open311.service_${type}`),
    description: tr(`open311.service_${type}_description`),
    // No service has attributes of its own: a definition lists none.
    metadata: false,
    // Requests are stored at once but handled by people: "batch" in GeoReport terms.
    type: 'batch',
    group: tr('open311.service_group'),
  };
}

export function listServices(locale: Language): ServiceView[] {
  return FEEDBACK_TYPES.map((type) => serviceView(type, locale));
}

/** CitySDK locale: "fi", "sv", "en", "en_GB", "fi-FI"…; English when missing or unknown (the CitySDK default). */
export function parseLocale(value: unknown): Language {
  const base = typeof value === 'string' ? value.slice(0, 2).toLowerCase() : '';
  return base === 'fi' || base === 'sv' ? base : 'en';
}
