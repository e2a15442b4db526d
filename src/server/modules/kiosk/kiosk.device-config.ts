import { ValidationError } from '../../errors.ts';
import type { Language } from '../../../shared/languages.ts';
import type { LocalizedText, Question, SurveyDefinition } from '../../../shared/survey-definition.ts';
import type { DeviceConfig, DeviceTexts } from './index.ts';
import type { DeviceRow } from './kiosk.repository.ts';

// What a device shows comes from the survey version, so kiosk answers are the same answers as on the web and
// reports join them on question ids. The device gets every text of its languages at once and works offline.

function invalid(code: string, params: Record<string, string> = {}): ValidationError {
  return new ValidationError(code, `kiosk.error_${code}`, params);
}

function text(value: LocalizedText, lang: Language): string {
  return (value as Record<string, string | undefined>)[lang] ?? value.fi;
}

function find(definition: SurveyDefinition, id: string | null | undefined): Question | undefined {
  return id ? definition.questions.find((q) => q.id === id) : undefined;
}

export interface ChosenQuestions {
  main: string;
  followUp: string | null;
  freeText: string | null;
}

/** Checks the question ids against the survey; the main question defaults to the first smiley question. */
export function chooseQuestions(
  definition: SurveyDefinition,
  wanted: { main?: string | null; followUp?: string | null; freeText?: string | null },
): ChosenQuestions {
  const main = wanted.main
    ? find(definition, wanted.main)
    : definition.questions.find((q) => q.type === 'smiley');
  if (!main || main.type !== 'smiley') throw invalid('main_question_invalid', { id: wanted.main ?? '' });
  const followUp = find(definition, wanted.followUp);
  if (wanted.followUp && followUp?.type !== 'single_choice')
    throw invalid('follow_up_invalid', { id: wanted.followUp });
  const freeText = find(definition, wanted.freeText);
  if (wanted.freeText && freeText?.type !== 'free_text')
    throw invalid('free_text_invalid', { id: wanted.freeText });
  return { main: main.id, followUp: followUp?.id ?? null, freeText: freeText?.id ?? null };
}

export function deviceTexts(
  definition: SurveyDefinition,
  device: Pick<DeviceRow, 'main_question' | 'follow_up_question' | 'free_text_question'>,
  unitNames: { fi: string; sv: string | null; en: string | null },
  lang: Language,
): DeviceTexts {
  const main = find(definition, device.main_question);
  const followUp = find(definition, device.follow_up_question);
  const freeText = find(definition, device.free_text_question);
  return {
    title: text(definition.title, lang),
    question: main ? text(main.text, lang) : '',
    faces: definition.scales.smiley.labels.map((label) => text(label, lang)),
    followUp:
      followUp?.type === 'single_choice'
        ? {
            id: followUp.id,
            question: text(followUp.text, lang),
            options: followUp.options.map((o) => ({ id: o.id, label: text(o.label, lang) })),
          }
        : null,
    freeText:
      freeText?.type === 'free_text'
        ? {
            id: freeText.id,
            question: text(freeText.text, lang),
            help: freeText.help ? text(freeText.help, lang) : null,
            maxLength: Math.min(freeText.maxLength, 500),
          }
        : null,
    thankYou: text(definition.thankYou, lang),
    unitName: (lang === 'fi' ? unitNames.fi : unitNames[lang]) ?? unitNames.fi,
  };
}

export function buildDeviceConfig(input: {
  device: DeviceRow;
  definition: SurveyDefinition;
  unitNames: { fi: string; sv: string | null; en: string | null };
  qr: DeviceConfig['qr'];
}): DeviceConfig {
  const { device } = input;
  const languages = device.languages as Language[];
  return {
    version: device.config_version,
    deviceId: device.id,
    deviceName: device.name,
    mainQuestion: device.main_question,
    languages,
    resetSeconds: device.reset_seconds,
    thanksSeconds: device.thanks_seconds,
    repeatIntervalMs: device.repeat_interval_ms,
    texts: Object.fromEntries(
      languages.map((lang) => [lang, deviceTexts(input.definition, device, input.unitNames, lang)]),
    ),
    qr: input.qr,
  };
}
