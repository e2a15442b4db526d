import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t } from '../../../i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.ts';
import type { HttpApp } from '../../http/app.ts';
import { mapError } from '../../http/errors.ts';
import {
  readFormParts,
  registerMultipart,
  type FeedbackInput,
  type FeedbackItem,
  type FeedbackProblem,
  type FeedbackService,
} from '../feedback/index.ts';
import type { OrganisationService, UnitNames } from '../organisation/index.ts';
import type { Open311ClientService, PublicLogSource } from './index.ts';
import { presentRequest, type RequestView } from './open311.present.ts';
import { parseBoolean, parseRequestsQuery, type Params } from './open311.query.ts';
import { listServices, parseLocale, serviceView, typeOfCode } from './open311.services.ts';
import { xmlList, xmlObject } from './open311.xml.ts';

// GeoReport v2 under /open311/v2/, every document as .json or .xml. Errors use the GeoReport error format
// ([{code, description}] / <errors><error>…) in this scope instead of Kuulo's own. Public GETs allow any origin
// (map mash-ups in browsers); POST needs a registered client's api_key.

export interface Open311RoutesDeps {
  feedback: FeedbackService;
  organisation: OrganisationService;
  clients: Open311ClientService;
  publicUrl: string;
  publicLog: PublicLogSource;
}

type Format = 'json' | 'xml';
const FORMATS: Format[] = ['json', 'xml'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PUBLIC_ID = /^[a-z0-9]{8,40}$/;
const NAMES_TTL_MS = 60_000;

function formatOf(request: FastifyRequest): Format {
  return /\.xml(\?|$)/.test(request.url) ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, json: unknown, xml: () => string, status = 200) {
  reply.header('access-control-allow-origin', '*').header('cache-control', 'no-cache');
  if (format === 'xml') return reply.status(status).type('text/xml; charset=utf-8').send(xml());
  return reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify(json));
}

interface ErrorEntry {
  code: number;
  description: string;
}

function sendErrors(reply: FastifyReply, format: Format, status: number, errors: ErrorEntry[]) {
  return send(reply, format, errors, () => xmlList('errors', 'error', errors), status);
}

/** Error language: `locale` (CitySDK), then `lang` or Accept-Language, else English, CitySDK's default. */
function errorLanguage(request: FastifyRequest): Language {
  const query = request.query as Params | undefined;
  if (query?.locale) return parseLocale(query.locale);
  if (query?.lang || request.headers['accept-language']) return request.lang;
  return 'en';
}

function errorEntries(request: FastifyRequest, error: unknown): { status: number; errors: ErrorEntry[] } {
  const lang = errorLanguage(request);
  if (error instanceof ValidationError && error.code === 'invalid_feedback') {
    const problems = error.details as FeedbackProblem[];
    return {
      status: 400,
      errors: problems.map((p) => ({ code: 400, description: `${fieldName(p.field)}: ${p.message}` })),
    };
  }
  const mapped = mapError(error);
  if (mapped.status >= 500) request.log.error({ err: error }, 'open311 request failed');
  return {
    status: mapped.status,
    errors: [{ code: mapped.status, description: t(lang)(mapped.messageKey, mapped.params) }],
  };
}

/** Our field names in the writer's form → the Open311 parameter names a client sent. */
function fieldName(field: string): string {
  const names: Record<string, string> = {
    type: 'service_code',
    unitId: 'service_object_id',
    'contact.email': 'email',
    'contact.phone': 'phone',
    'contact.name': 'first_name',
    wantsReply: 'email',
    address: 'address_string',
    attachments: 'media',
  };
  return names[field.replace(/\.\d+$/, '')] ?? field;
}

function number(value: string | undefined, name: string): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n))
    throw new ValidationError('invalid_parameter', 'open311.error_parameter', { name });
  return n;
}

export function open311Routes(deps: Open311RoutesDeps) {
  const { feedback, organisation } = deps;

  // Unit names for agency_responsible: the whole tree in one query, kept for a minute (names change rarely, and a
  // page of 200 requests can name 200 units); a unit created since is looked up on its own.
  let names: { at: number; byId: Map<string, UnitNames> } | undefined;
  async function unitNames(items: FeedbackItem[]): Promise<Map<string, UnitNames>> {
    const ids = new Set<string>();
    for (const item of items) {
      const id = item.routedUnitId ?? item.unitId;
      if (id) ids.add(id);
    }
    if (ids.size === 0) return new Map();
    if (!names || Date.now() - names.at > NAMES_TTL_MS) {
      const units = await organisation.listUnits({ includeClosed: true });
      names = { at: Date.now(), byId: new Map(units.map((u) => [u.id, u.names])) };
    }
    const known = names.byId;
    const missing = [...ids].filter((id) => !known.has(id));
    for (const unit of await Promise.all(missing.map((id) => organisation.getUnit(id))))
      if (unit) known.set(unit.id, unit.names);
    return known;
  }

  async function present(
    items: FeedbackItem[],
    locale: Language,
    extensions: boolean,
  ): Promise<RequestView[]> {
    const [names, log] = await Promise.all([
      unitNames(items),
      extensions ? deps.publicLog(items.map((i) => i.id)) : Promise.resolve(new Map()),
    ]);
    const ctx = { locale, publicUrl: deps.publicUrl, extensions, unitNames: names, log };
    return items.map((item) => presentRequest(item, ctx));
  }

  function sendRequests(reply: FastifyReply, format: Format, views: RequestView[]) {
    return send(reply, format, views, () => xmlList('service_requests', 'request', views));
  }

  async function submit(request: FastifyRequest, reply: FastifyReply, format: Format) {
    const { fields: body, files } = await readFormParts(request, ['media[]', 'media']);
    // GeoReport puts the parameters in the query string, the 6Aika definition in the form: accept both.
    const fields: Params = { ...(request.query as Params), ...body };
    const client = fields.api_key ? await deps.clients.authenticate(fields.api_key) : undefined;
    if (!client) throw new ForbiddenError('invalid_api_key', 'open311.error_api_key');
    const type = typeOfCode(fields.service_code ?? '');
    if (!type)
      throw new ValidationError('invalid_parameter', 'open311.error_parameter', { name: 'service_code' });
    if (fields.service_object_type && fields.service_object_type !== 'urn:kuulo:unit')
      throw new ValidationError('invalid_parameter', 'open311.error_parameter', {
        name: 'service_object_type',
      });
    const name = [fields.first_name, fields.last_name].filter((v) => v && v.trim() !== '').join(' ');
    const email = fields.email ?? '';
    const phone = fields.phone ?? '';
    const locale = fields.locale ? parseLocale(fields.locale) : 'fi';
    const input: FeedbackInput = {
      submissionId: UUID.test(fields.submission_id ?? '') ? (fields.submission_id as string) : randomUUID(),
      type,
      unitId: fields.service_object_id || null,
      description: fields.description ?? '',
      title: fields.title ?? null,
      language: locale,
      // Open311 has no "I want a reply": a client that passes on an address or number expects one.
      wantsReply: email.trim() !== '' || phone.trim() !== '',
      contact: { name, email, phone },
      attachments: files,
      lat: number(fields.lat, 'lat'),
      long: number(fields.long, 'long'),
      address: fields.address_string ?? null,
    };
    const result = await feedback.submit(input, {
      source: 'api',
      apiClientId: client.id,
      lang: errorLanguage(request),
    });
    const answer = [
      { service_request_id: result.publicId, service_notice: t(locale)('open311.service_notice') },
    ];
    return send(reply, format, answer, () => xmlList('service_requests', 'request', answer));
  }

  return async (app: HttpApp) => {
    await app.register(
      async (v2) => {
        await registerMultipart(v2);
        v2.setErrorHandler((error, request, reply) => {
          const { status, errors } = errorEntries(request, error);
          return sendErrors(reply, formatOf(request), status, errors);
        });
        v2.setNotFoundHandler((request, reply) =>
          sendErrors(reply, formatOf(request), 404, [
            { code: 404, description: t(errorLanguage(request))('open311.error_not_found') },
          ]),
        );

        for (const format of FORMATS) {
          v2.get(`/discovery.${format}`, async (_request, reply) => {
            const doc = {
              changeset: '2026-11-22T00:00:00Z',
              contact: deps.publicUrl,
              // How to get an API key (GeoReport discovery): the installation's administrators issue them.
              key_service: 'API keys for posting are issued by the administrators of this service.',
              endpoints: [
                {
                  specification: 'http://wiki.open311.org/GeoReport_v2',
                  url: `${deps.publicUrl}/open311/v2`,
                  changeset: '2026-11-22T00:00:00Z',
                  type: 'production',
                  formats: ['application/json', 'text/xml'],
                },
              ],
            };
            return send(reply, format, doc, () => xmlObject('discovery', doc));
          });

          v2.get(`/services.${format}`, async (request, reply) => {
            const services = listServices(parseLocale((request.query as Params).locale));
            return send(reply, format, services, () => xmlList('services', 'service', services));
          });

          v2.get<{ Params: { code: string } }>(`/services/:code.${format}`, async (request, reply) => {
            const type = typeOfCode(request.params.code);
            if (!type) throw new NotFoundError('unknown_service', 'open311.error_unknown_service');
            const locale = parseLocale((request.query as Params).locale);
            // The GeoReport definition (service_code + attributes) and the 6Aika Service fields in one object.
            const definition = { ...serviceView(type, locale), attributes: [] };
            return send(reply, format, definition, () => xmlObject('service_definition', definition));
          });

          v2.get(`/requests.${format}`, async (request, reply) => {
            const params = request.query as Params;
            const query = parseRequestsQuery(params);
            const items = await feedback.listPublic(query);
            const extensions = parseBoolean('extensions', params.extensions);
            return sendRequests(reply, format, await present(items, parseLocale(params.locale), extensions));
          });

          // GeoReport's own swagger names it /request/{id}; the 6Aika definition /requests/{id}: both work.
          for (const path of [`/requests/:id.${format}`, `/request/:id.${format}`]) {
            v2.get<{ Params: { id: string } }>(path, async (request, reply) => {
              const params = request.query as Params;
              const id = request.params.id;
              const items = PUBLIC_ID.test(id)
                ? await feedback.listPublic({ publicIds: [id], limit: 1 })
                : [];
              if (items.length === 0)
                throw new NotFoundError('unknown_request', 'open311.error_unknown_request');
              const extensions = parseBoolean('extensions', params.extensions);
              return sendRequests(
                reply,
                format,
                await present(items, parseLocale(params.locale), extensions),
              );
            });
          }

          v2.post(`/requests.${format}`, async (request, reply) => submit(request, reply, format));
        }
      },
      { prefix: '/open311/v2' },
    );
  };
}
