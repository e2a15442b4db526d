import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import {
  checkTemplateText,
  formatLetterDate,
  renderTemplate,
  unknownPlaceholders,
} from './inbox.templates.ts';

const values = {
  reference: 'abc12345',
  date: '22. marraskuuta 2026',
  unit: 'Kallion terveysasema',
  handler: 'Maija Meikäläinen',
  tracking_url: 'https://kuulo.example/feedback/track/t',
};

describe('renderTemplate', () => {
  it('fills every known placeholder, with or without spaces inside the braces', () => {
    expect(renderTemplate('Viite {{reference}}, {{ unit }} – {{handler}}', values)).toBe(
      'Viite abc12345, Kallion terveysasema – Maija Meikäläinen',
    );
  });

  it('leaves an unknown placeholder as written', () => {
    expect(renderTemplate('{{refernce}}', values)).toBe('{{refernce}}');
  });
});

describe('checkTemplateText', () => {
  it('refuses a template with an unknown placeholder and names it', () => {
    expect(unknownPlaceholders('{{refernce}} {{date}} {{x}} {{x}}')).toEqual(['refernce', 'x']);
    expect(() => checkTemplateText('Hei {{name}}', 'ok')).toThrow(ValidationError);
    expect(() => checkTemplateText('Viite {{reference}}', '{{tracking_url}}')).not.toThrow();
  });
});

describe('formatLetterDate', () => {
  it('writes the Helsinki date in the writer’s language', () => {
    const instant = new Date('2026-11-22T22:30:00Z'); // 23 November in Helsinki
    expect(formatLetterDate(instant, 'fi')).toBe('23. marraskuuta 2026');
    expect(formatLetterDate(instant, 'sv')).toBe('23 november 2026');
    expect(formatLetterDate(instant, 'en')).toBe('23 November 2026');
  });
});
