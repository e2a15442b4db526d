import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { parseEncounterBundle } from './visit-events.fhir.ts';
import { checkVisitEvents } from './visit-event.ts';

const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fhir-examples');
const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(examples, name), 'utf8'));

describe('FHIR R4 Encounter bundles', () => {
  test('every example bundle in the repository parses into valid visit events', () => {
    const files = fs.readdirSync(examples).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const { events } = parseEncounterBundle(load(file));
      expect(events.length, file).toBeGreaterThan(0);
      expect(() => checkVisitEvents(events), file).not.toThrow();
    }
  });

  test('a contained patient gives the mobile number, language, age, consent and the OID unit', () => {
    const { events, skipped } = parseEncounterBundle(load('encounter-bundle-contained.json'));
    expect(skipped).toBe(1);
    expect(events).toEqual([
      {
        eventId: 'KAYNTI-2026-000123',
        phone: '040 123 4567',
        visitTime: '2026-11-20T09:30:00+02:00',
        visitType: 'appointment',
        unit: 'urn:oid:1.2.246.10.1234567.10.1',
        language: 'sv-FI',
        age: 46,
        consent: true,
        nonDisclosure: false,
      },
    ]);
    const [checked] = checkVisitEvents(events);
    expect(checked).toMatchObject({
      phone: '+358401234567',
      unitRef: '1.2.246.10.1234567.10.1',
      language: 'sv',
    });
  });

  test('a patient referenced by fullUrl with a restricted security label is a non-disclosure case without consent', () => {
    const { events } = parseEncounterBundle(load('encounter-bundle-referenced.json'));
    expect(events[0]).toMatchObject({
      eventId: 'KAYNTI-2026-000125',
      phone: '+358 50 765 4321',
      visitType: 'HH',
      unit: 'kallio',
      language: 'fi',
      age: 16,
      consent: false,
      nonDisclosure: true,
    });
  });

  test('something that is not a Bundle is refused with a code', () => {
    expect(() => parseEncounterBundle({ resourceType: 'Encounter' })).toThrow(ValidationError);
  });
});
