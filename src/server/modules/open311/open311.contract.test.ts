import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openOpen311Kit, photo, type Open311Kit } from './open311.test-fixtures.ts';

// Every endpoint in both formats against the contract: the GeoReport v2 JSON Schemas, the 6Aika Swagger
// definitions (field names, enums, parameters) and, for XML, the same document as the JSON after conversion.

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTRACT = path.join(HERE, 'contract');
const SHARED = path.resolve(HERE, '../../../../../shared/contracts/open311');

type Schema = Record<string, unknown>;
interface Parameter {
  name?: string;
  $ref?: string;
  in?: string;
  enum?: string[];
  type?: string;
  items?: { type?: string };
}
interface Swagger {
  definitions: Record<string, { properties: Record<string, Schema & { enum?: string[]; items?: Schema }> }>;
  parameters: Record<string, Parameter>;
  paths: Record<string, Record<string, { parameters: Parameter[] }>>;
}

const GEO_FILES = [
  'request.json',
  'requests.json',
  'service.json',
  'services.json',
  'service-definition.json',
];
const geo = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(CONTRACT, 'georeport-v2', name), 'utf8')) as Schema;
const sixAika = yaml.load(
  fs.readFileSync(path.join(CONTRACT, '6aika-palaute.swagger.yaml'), 'utf8'),
) as Swagger;
const geoSwagger = geo('swagger.json') as unknown as Swagger;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Swagger 2.0 format names with no meaning for validation.
ajv.addFormat('uid', true);
ajv.addFormat('double', true);
for (const name of GEO_FILES) ajv.addSchema(geo(name), name);
ajv.addSchema({ definitions: sixAika.definitions }, '6aika');
ajv.addSchema({ definitions: geoSwagger.definitions }, 'geoswagger');

const arrayOf = (ref: string) => ajv.compile({ type: 'array', items: { $ref: ref } });
const EXTENDED_REQUEST = {
  allOf: ['request_georeport', 'request_citysdk', 'request_log'].map((d) => ({
    $ref: `6aika#/definitions/${d}`,
  })),
};
const validators: Record<string, ValidateFunction> = {
  geoRequests: ajv.getSchema('requests.json') as ValidateFunction,
  geoServices: ajv.getSchema('services.json') as ValidateFunction,
  geoDefinition: ajv.getSchema('service-definition.json') as ValidateFunction,
  sixAikaRequests: arrayOf('6aika#/definitions/request_georeport'),
  sixAikaExtended: ajv.compile({ type: 'array', items: EXTENDED_REQUEST }),
  sixAikaServices: arrayOf('6aika#/definitions/Service'),
  sixAikaService: ajv.compile({ $ref: '6aika#/definitions/Service' }),
  postResponse: arrayOf('geoswagger#/definitions/RequestResponse'),
  // The GeoReport v2 error format (wiki.open311.org/GeoReport_v2#Errors); the contract has no schema for it.
  errors: ajv.compile({
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['code', 'description'],
      additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    },
  }),
};

function expectValid(name: string, data: unknown) {
  const validate = validators[name] as ValidateFunction;
  const ok = validate(data);
  expect(ok ? [] : validate.errors, name).toEqual([]);
}

// XML → the JSON structure, guided by the schemas: which fields are numbers, booleans and lists.
const LISTS: Record<string, string> = {
  service_requests: 'request',
  services: 'service',
  errors: 'error',
  media_urls: 'media_url',
  log: 'entry',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};
function typesIn(schema: unknown, into: Map<string, Set<string>>): Map<string, Set<string>> {
  if (!schema || typeof schema !== 'object') return into;
  const props = (schema as { properties?: Record<string, Schema> }).properties ?? {};
  for (const [name, prop] of Object.entries(props)) {
    const set = into.get(name) ?? new Set<string>();
    for (const option of [prop, ...((prop.anyOf as Schema[]) ?? [])])
      if (option.type) set.add(String(option.type));
    into.set(name, set);
    typesIn(prop, into);
    typesIn(prop.items, into);
  }
  for (const value of Object.values(schema)) if (typeof value === 'object') typesIn(value, into);
  return into;
}
const FIELD_TYPES = typesIn([...GEO_FILES.map(geo), sixAika.definitions], new Map());
FIELD_TYPES.set('code', new Set(['integer']));

function convert(name: string, value: unknown): unknown {
  const item = LISTS[name];
  if (item) {
    const children = value === '' ? [] : ((value as Record<string, unknown>)[item] as unknown[]);
    return children.map((child) => convert(item, child));
  }
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(k, v)]));
  const types = FIELD_TYPES.get(name) ?? new Set(['string']);
  if (types.has('number') || types.has('integer')) return Number(value);
  if (types.has('boolean')) return value === 'true';
  return value;
}
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (tag, jpath) => {
    const parent = String(jpath).split('.').at(-2) ?? '';
    return LISTS[parent] === tag;
  },
});
function fromXml(body: string): unknown {
  const doc = parser.parse(body) as Record<string, unknown>;
  const root = Object.keys(doc).find((k) => k !== '?xml') as string;
  return convert(root, doc[root]);
}

const REQUEST_FIELDS = new Set(
  ['request_georeport', 'request_citysdk', 'request_log'].flatMap((d) =>
    Object.keys(sixAika.definitions[d]?.properties ?? {}),
  ),
);
const SERVICE_FIELDS = new Set([
  ...Object.keys(sixAika.definitions.Service?.properties ?? {}),
  ...Object.keys((geo('service-definition.json').properties as Schema) ?? {}),
]);

let kit: Open311Kit;
const ids: Record<string, string> = {};

beforeAll(async () => {
  kit = await openOpen311Kit('pglite');
  const done = await kit.add(
    {
      type: 'complaint',
      description: 'Hetuni 131052-308T, soita 040 123 4567. Odotin tunnin.',
      contact: { name: 'Maija', email: 'maija@example.fi' },
      wantsReply: true,
      lat: 60.1841,
      long: 24.9503,
      attachments: [{ filename: 'a.jpg', mime: 'image/jpeg', data: await photo() }],
    },
    { reply: 'Kiitos palautteesta.\nOlemme lisänneet henkilökuntaa.', status: 'done' },
  );
  ids.done = done.publicId;
  kit.log.set(done.id, [
    { time: new Date('2026-11-01T10:00:00Z'), status: 'received' },
    { time: new Date('2026-11-02T10:00:00Z'), status: 'allocated' },
    { time: new Date('2026-11-03T10:00:00Z'), status: 'done', note: 'Kiitos palautteesta.' },
  ]);
  ids.open = (
    await kit.add(
      { type: 'idea', unitId: null, description: 'Idea: <b>iltavastaanotto</b> & "lisää"' },
      { status: 'handling' },
    )
  ).publicId;
  ids.hidden = (await kit.add({ type: 'praise', description: 'Tätä ei ole julkaistu vielä.' })).publicId;
});
afterAll(async () => kit.close());

async function get(url: string) {
  const res = await kit.app.inject({ url: `/open311/v2/${url}` });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.body, res };
}

async function both(url: string, query = '') {
  const json = await get(`${url}.json${query}`);
  const xml = await get(`${url}.xml${query}`);
  expect(json.type).toContain('application/json');
  expect(xml.type).toContain('text/xml');
  const data = JSON.parse(json.body) as unknown;
  expect(fromXml(xml.body)).toEqual(data);
  return { json, xml, data };
}

describe('the contract copy', () => {
  test.runIf(fs.existsSync(SHARED))('has the same content as the shared contracts', () => {
    for (const name of [...GEO_FILES, 'swagger.json'])
      expect(geo(name)).toEqual(JSON.parse(fs.readFileSync(path.join(SHARED, 'georeport-v2', name), 'utf8')));
    expect(sixAika).toEqual(
      yaml.load(fs.readFileSync(path.join(SHARED, '6aika-palaute.swagger.yaml'), 'utf8')),
    );
  });
});

describe('Open311 GeoReport v2 documents against the contract', () => {
  test('response formats are exactly the ones the 6Aika definition lists', async () => {
    expect(sixAika.parameters.responseFormat?.enum).toEqual(['json', 'xml']);
    for (const format of ['json', 'xml']) expect((await get(`services.${format}`)).status).toBe(200);
    expect((await get('services.csv')).status).toBe(404);
  });

  test('discovery names the GeoReport v2 endpoint and its formats', async () => {
    const { data } = await both('discovery');
    expect(data).toMatchObject({
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://palaute.example.fi/open311/v2',
        },
      ],
    });
  });

  test.each(['en', 'fi', 'sv'])('services (locale %s) validate against both definitions', async (locale) => {
    const { data } = await both('services', `?locale=${locale}`);
    expectValid('geoServices', data);
    expectValid('sixAikaServices', data);
    const services = data as { service_code: string; service_name: string; type: string }[];
    expect(services).toHaveLength(6);
    for (const service of services) {
      for (const key of Object.keys(service)) expect(SERVICE_FIELDS).toContain(key);
      expect(sixAika.definitions.Service?.properties.type?.enum).toContain(service.type);
      // The 6Aika definition types service_code query values as integers.
      expect(service.service_code).toMatch(/^\d+$/);
    }
    const names = { en: 'Praise', fi: 'Kiitos', sv: 'Beröm' } as Record<string, string>;
    expect(services[0]?.service_name).toBe(names[locale]);
  });

  test('a service definition validates as a GeoReport definition and a 6Aika service', async () => {
    const { data } = await both('services/104');
    expectValid('geoDefinition', data);
    expectValid('sixAikaService', data);
    expect(data).toMatchObject({ service_code: '104', attributes: [] });
    expectValid('errors', JSON.parse((await get('services/999.json')).body));
  });

  test('requests without extensions validate as plain GeoReport requests', async () => {
    const { data } = await both('requests');
    expectValid('geoRequests', data);
    expectValid('sixAikaRequests', data);
    const requests = data as Record<string, unknown>[];
    expect(requests.map((r) => r.service_request_id).sort()).toEqual([ids.done, ids.open].sort());
    for (const request of requests) {
      expect(Object.keys(request)).not.toContain('title');
      expect(Object.keys(request)).not.toContain('log');
    }
  });

  test('requests with extensions validate against GeoReport and the CitySDK and request-log extensions', async () => {
    const { data } = await both('requests', '?extensions=true&locale=fi');
    expectValid('geoRequests', data);
    expectValid('sixAikaExtended', data);
    const requests = data as Record<string, unknown>[];
    for (const request of requests) {
      for (const key of Object.keys(request)) expect(REQUEST_FIELDS).toContain(key);
      expect(sixAika.definitions.request_georeport?.properties.status?.enum).toContain(request.status);
    }
    const done = requests.find((r) => r.service_request_id === ids.done) as Record<string, unknown>;
    const logEnum = sixAika.definitions.request_log?.properties.log?.items as {
      properties: { status: { enum: string[] } };
    };
    const log = done.log as { status: string }[];
    expect(log.map((e) => e.status)).toEqual(['allocated', 'done']);
    for (const entry of log) expect(logEnum.properties.status.enum).toContain(entry.status);
    expect(done).toMatchObject({
      status: 'closed',
      status_notes: 'Kiitos palautteesta.\nOlemme lisänneet henkilökuntaa.',
      service_code: '104',
      service_name: 'Moite',
      agency_responsible: 'Kallion terveysasema',
      service_object_id: 'hs-kallio',
      service_object_type: 'urn:kuulo:unit',
      lat: 60.1841,
      long: 24.9503,
    });
    expect(String(done.media_url)).toMatch(
      /^https:\/\/palaute\.example\.fi\/feedback\/media\/[0-9a-f-]{36}\.jpg$/,
    );
    expect(done.media_urls).toEqual([done.media_url]);
  });

  test('one request, in both formats and under both path spellings, validates as a list of one', async () => {
    for (const base of ['requests', 'request']) {
      const { data } = await both(`${base}/${ids.done}`, '?extensions=true');
      expectValid('geoRequests', data);
      expectValid('sixAikaExtended', data);
      expect((data as unknown[]).length).toBe(1);
    }
  });

  test('unpublished and unknown requests are "not found" in the GeoReport error format, in both formats', async () => {
    for (const id of [ids.hidden, 'doesnotexist0000', 'NOT-AN-ID%21']) {
      const json = await get(`requests/${id}.json`);
      expect(json.status).toBe(404);
      expectValid('errors', JSON.parse(json.body));
      const xml = await get(`requests/${id}.xml`);
      expect(xml.status).toBe(404);
      expectValid('errors', fromXml(xml.body));
    }
  });

  test('public output never holds contact details, unredacted text or unpublished feedback', async () => {
    const bodies = [
      (await get('requests.json?extensions=true')).body,
      (await get('requests.xml?extensions=true')).body,
      (await get(`requests/${ids.done}.json?extensions=true`)).body,
    ];
    for (const body of bodies) {
      for (const secret of [
        'maija',
        'Maija',
        '131052',
        '040 123 4567',
        'Tätä ei ole julkaistu',
        ids.hidden as string,
      ])
        expect(body).not.toContain(secret);
      expect(body).toContain('[personal-id]');
    }
  });

  test('XML escapes markup in text', async () => {
    const xml = (await get(`requests/${ids.open}.xml`)).body;
    expect(xml).toContain('Idea: &lt;b&gt;iltavastaanotto&lt;/b&gt; &amp; &quot;lisää&quot;');
    expect(xml).not.toContain('<b>');
  });

  test('every GET /requests parameter of the 6Aika definition is understood', async () => {
    const samples: Record<string, string> = {
      service_request_id: `${ids.done},${ids.open}`,
      service_code: '104,103',
      start_date: '2020-01-01',
      end_date: '2099-12-31',
      status: 'open,closed',
      extensions: 'true',
      updated_after: '2020-01-01T00:00:00Z',
      updated_before: '2099-01-01',
      radius: '2000',
      lat: '60.184',
      long: '24.95',
      bbox: '24.9,60.1,25.0,60.2',
      service_object_id: 'hs-kallio',
      service_object_type: 'urn:kuulo:unit',
      handler: 'anyone',
      locale: 'sv',
      response_format: 'json',
    };
    const params = sixAika.paths['/requests.{response_format}']?.get?.parameters ?? [];
    const names = params.map(
      (p) => p.name ?? sixAika.parameters[String(p.$ref).split('/').at(-1) ?? '']?.name,
    );
    for (const name of names) expect(samples, `a sample for ${name}`).toHaveProperty(String(name));
    const query = names
      .filter((n) => n !== 'response_format')
      .map((n) => `${n}=${encodeURIComponent(samples[String(n)] ?? '')}`);
    const { data } = await both('requests', `?${query.join('&')}`);
    expectValid('sixAikaExtended', data);
    expect((data as { service_request_id: string }[]).map((r) => r.service_request_id)).toEqual([ids.done]);
  });

  test('a malformed parameter is a 400 in the GeoReport error format naming it', async () => {
    for (const [query, name] of [
      ['start_date=yesterday', 'start_date'],
      ['status=pending', 'status'],
      ['lat=60.1', 'long'],
      ['bbox=1,2,3', 'bbox'],
      ['extensions=maybe', 'extensions'],
      ['limit=0', 'limit'],
    ] as const) {
      const res = await get(`requests.json?${query}`);
      expect(res.status).toBe(400);
      const errors = JSON.parse(res.body) as { description: string }[];
      expectValid('errors', errors);
      expect(errors[0]?.description).toContain(name);
      const xml = await get(`requests.xml?${query}`);
      expectValid('errors', fromXml(xml.body));
    }
  });

  test('POST /requests answers in both formats as the GeoReport RequestResponse', async () => {
    for (const format of ['json', 'xml']) {
      const res = await kit.app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${format}`,
        payload: new URLSearchParams({
          api_key: kit.apiKey,
          service_code: '102',
          description: 'Milloin hammaslääkärin ajanvaraus aukeaa?',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(res.statusCode).toBe(200);
      const data = format === 'json' ? (JSON.parse(res.body) as unknown) : fromXml(res.body);
      expectValid('postResponse', data);
      expect((data as { service_request_id: string }[])[0]?.service_request_id).toMatch(/^[a-z0-9]{20}$/);
    }
  });

  test('POST errors use the GeoReport error format: 403 without a valid key, 400 for bad input', async () => {
    const post = (fields: Record<string, string>, format = 'json') =>
      kit.app.inject({
        method: 'POST',
        url: `/open311/v2/requests.${format}`,
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      });
    const forbidden = await post({
      api_key: 'k311_wrong',
      service_code: '102',
      description: 'Kysymys ajanvarauksesta.',
    });
    expect(forbidden.statusCode).toBe(403);
    expectValid('errors', JSON.parse(forbidden.body));
    const xml = await post({ service_code: '102', description: 'Kysymys ajanvarauksesta.' }, 'xml');
    expect(xml.statusCode).toBe(403);
    expectValid('errors', fromXml(xml.body));
    const bad = await post({ api_key: kit.apiKey, service_code: '102', description: 'lyhyt', email: 'x' });
    expect(bad.statusCode).toBe(400);
    const errors = JSON.parse(bad.body) as { description: string }[];
    expectValid('errors', errors);
    expect(errors.map((e) => e.description)).toEqual([
      'description: Your feedback is too short: write at least 10 characters.',
      'email: Check the e-mail address, for example name@example.fi.',
    ]);
  });
});
