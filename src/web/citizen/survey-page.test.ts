import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { THL_NATIONAL } from '../../server/modules/surveys/templates/thl-national.ts';
import { THL_CHILDREN } from '../../server/modules/surveys/templates/thl-children.ts';
import type { Language } from '../../shared/languages.ts';
import { EMPTY_VALUES, type FieldError } from './answer-form.ts';
import { renderSurveyPage, type SurveyPageModel } from './survey-page.ts';

const model = (over: Partial<SurveyPageModel> = {}): SurveyPageModel => ({
  lang: 'fi',
  plain: false,
  definition: THL_NATIONAL,
  unitName: 'Kallion terveysasema',
  action: '/s/abcdefg?lang=fi',
  submissionId: '3b241101-e2bb-4255-8caf-4136c566a962',
  values: EMPTY_VALUES,
  errors: [],
  languageHref: (l: Language) => `/s/abcdefg?lang=${l}`,
  ...over,
});

test('the national survey page, HTML and CSS, is at most 15 KB gzipped even with every field in error', () => {
  const errors: FieldError[] = THL_NATIONAL.questions.map((q) => ({ field: q.id, code: 'invalid' }));
  for (const lang of ['fi', 'sv', 'en'] as const) {
    for (const m of [model({ lang }), model({ lang, errors })]) {
      const size = gzipSync(renderSurveyPage(m).value).length;
      expect(size, lang).toBeLessThanOrEqual(15 * 1024);
    }
  }
});

test('smiley options carry text labels, the faces are hidden from assistive technology', () => {
  const page = renderSurveyPage(model({ definition: THL_CHILDREN, lang: 'sv' })).value;
  expect(page).toContain('<symbol id="face-1"');
  expect(page).toMatch(
    /<svg class="face" aria-hidden="true" focusable="false"><use href="#face-4" \/><\/svg>\s*<span>Helt sant<\/span>/,
  );
});

test('every input has a label and every group a legend', () => {
  const page = renderSurveyPage(model()).value;
  const inputs = [...page.matchAll(/<input[^>]*type="(radio|checkbox|text|email|tel)"[^>]*id="([^"]+)"/g)];
  expect(inputs.length).toBeGreaterThan(50);
  for (const [, , id] of inputs) expect(page).toContain(`for="${id}"`);
  expect(page.match(/<fieldset/g)?.length).toBe(page.match(/<legend>/g)?.length);
});

test('an error summary is focused on load and links to the first input of each question', () => {
  const page = renderSurveyPage(model({ errors: [{ field: 'smooth', code: 'required' }] })).value;
  expect(page).toMatch(/class="error-summary"[^>]*tabindex="-1"[^>]*autofocus/);
  expect(page).toContain('href="#q-smooth-1"');
  expect(page).toMatch(/<fieldset\s+id="q-smooth"\s+aria-describedby="q-smooth-error"/);
});
