import { ValidationError } from '../../errors.ts';
import type { EventProblem, VisitEventInput } from './visit-event.ts';

// FHIR R4: a Bundle whose entries include Encounter resources; only status `finished` becomes a visit event.
// The mapping (docs/sms.md#fhir):
//   event id        Encounter.identifier[0].value (else Encounter.id)
//   phone           Patient.telecom (system phone|sms, use mobile preferred); the Patient is Encounter.subject:
//                   a contained resource ("#p1") or another entry of the Bundle (fullUrl or "Patient/<id>")
//   visit time      Encounter.period.end (else period.start)
//   visit type      Encounter.type[0].coding[0].code, else Encounter.class.code
//   unit            Encounter.serviceProvider.identifier.value, else Encounter.location[0].location.identifier
//                   .value (a unit id, an OID, or urn:oid:<OID>)
//   language        Patient.communication (preferred first) .language.coding[0].code
//   age             whole years from Patient.birthDate to the visit date
//   consent         extension SMS_CONSENT_URL (valueBoolean) on the Encounter or the Patient
//   non-disclosure  extension NON_DISCLOSURE_URL (valueBoolean) on the Patient, or a security label R or V
//                   (v3-Confidentiality) on Patient.meta.security or Encounter.meta.security

export const SMS_CONSENT_URL = 'https://kuulo.fi/fhir/StructureDefinition/sms-survey-consent';
export const NON_DISCLOSURE_URL = 'https://kuulo.fi/fhir/StructureDefinition/non-disclosure';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';

type Json = Record<string, unknown>;

const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function extensionBoolean(resource: Json | undefined, url: string): boolean | undefined {
  const ext = arr(resource?.extension)
    .map(obj)
    .find((e) => e?.url === url);
  return typeof ext?.valueBoolean === 'boolean' ? ext.valueBoolean : undefined;
}

function restricted(resource: Json | undefined): boolean {
  return arr(obj(resource?.meta)?.security)
    .map(obj)
    .some((s) => s?.system === CONFIDENTIALITY && (s.code === 'R' || s.code === 'V'));
}

function findPatient(encounter: Json, byRef: Map<string, Json>): Json | undefined {
  const ref = str(obj(encounter.subject)?.reference);
  if (!ref) return undefined;
  if (ref.startsWith('#'))
    return arr(encounter.contained)
      .map(obj)
      .find((r) => r?.resourceType === 'Patient' && `#${String(r.id)}` === ref);
  return byRef.get(ref);
}

function phoneOf(patient: Json | undefined): string | undefined {
  const phones = arr(patient?.telecom)
    .map(obj)
    .filter((t) => (t?.system === 'phone' || t?.system === 'sms') && typeof t.value === 'string');
  const mobile = phones.find((t) => t?.use === 'mobile') ?? phones[0];
  return str(mobile?.value);
}

function languageOf(patient: Json | undefined): string | undefined {
  const comms = arr(patient?.communication).map(obj);
  const chosen = comms.find((c) => c?.preferred === true) ?? comms[0];
  const language = obj(chosen?.language);
  return str(obj(arr(language?.coding)[0])?.code) ?? str(language?.text);
}

function ageAt(birthDate: string | undefined, visitTime: string | undefined): number | null {
  if (!birthDate || !visitTime || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const visit = new Date(visitTime);
  if (Number.isNaN(visit.getTime())) return null;
  const [vy, vm, vd] = [visit.getUTCFullYear(), visit.getUTCMonth() + 1, visit.getUTCDate()];
  return vy - by - (vm < bm || (vm === bm && vd < bd) ? 1 : 0);
}

function unitOf(encounter: Json): string | undefined {
  const provider = str(obj(obj(encounter.serviceProvider)?.identifier)?.value);
  if (provider) return provider;
  const location = obj(obj(arr(encounter.location)[0])?.location);
  return str(obj(location?.identifier)?.value);
}

export function parseEncounterBundle(bundle: unknown): { events: VisitEventInput[]; skipped: number } {
  const root = obj(bundle);
  if (root?.resourceType !== 'Bundle')
    throw new ValidationError('invalid_fhir', 'sms.invalid_fhir', {}, [
      { field: 'resourceType', code: 'not_a_bundle' },
    ]);
  const entries = arr(root.entry).map(obj);
  const byRef = new Map<string, Json>();
  for (const entry of entries) {
    const resource = obj(entry?.resource);
    if (!resource) continue;
    if (typeof entry?.fullUrl === 'string') byRef.set(entry.fullUrl, resource);
    if (typeof resource.id === 'string')
      byRef.set(`${String(resource.resourceType)}/${resource.id}`, resource);
  }
  const events: VisitEventInput[] = [];
  const problems: EventProblem[] = [];
  let skipped = 0;
  entries.forEach((entry, index) => {
    const encounter = obj(entry?.resource);
    if (encounter?.resourceType !== 'Encounter') return;
    if (encounter.status !== 'finished') {
      skipped++;
      return;
    }
    const patient = findPatient(encounter, byRef);
    if (!patient) problems.push({ index, field: 'subject', code: 'patient_not_found' });
    const period = obj(encounter.period);
    const visitTime = str(period?.end) ?? str(period?.start);
    const eventId = str(obj(arr(encounter.identifier)[0])?.value) ?? str(encounter.id);
    const unit = unitOf(encounter);
    if (!eventId) problems.push({ index, field: 'identifier', code: 'missing_identifier' });
    if (!unit) problems.push({ index, field: 'serviceProvider', code: 'missing_unit' });
    const typeCode =
      str(obj(arr(obj(arr(encounter.type)[0])?.coding)[0])?.code) ?? str(obj(encounter.class)?.code) ?? null;
    events.push({
      eventId: eventId ?? '',
      phone: phoneOf(patient) ?? null,
      visitTime: visitTime ?? '',
      visitType: typeCode,
      unit: unit ?? '',
      language: languageOf(patient) ?? null,
      age: ageAt(str(patient?.birthDate), visitTime),
      consent:
        extensionBoolean(encounter, SMS_CONSENT_URL) ?? extensionBoolean(patient, SMS_CONSENT_URL) ?? false,
      nonDisclosure:
        extensionBoolean(patient, NON_DISCLOSURE_URL) === true ||
        restricted(patient) ||
        restricted(encounter),
    });
  });
  if (problems.length > 0) throw new ValidationError('invalid_fhir', 'sms.invalid_fhir', {}, problems);
  return { events, skipped };
}
