import { UnauthorizedError, ValidationError } from '../../errors.ts';
import type { SmsDeliveryStatus, SmsGateway, SmsWebhookRequest } from './sms-gateway.ts';
import { SIGNATURE_HEADER, signPayload, verifySignature } from './webhook-signature.ts';

// A generic HTTPS SMS API, the shape most commercial providers offer: Kuulo POSTs JSON
// {id, to, text, from} signed with the shared secret; the provider POSTs callbacks to Kuulo, signed the same way:
// incoming messages {from, text, id?} and delivery reports {messageId, status: delivered|failed|pending}.
// Signature header and replay window: webhook-signature.ts; the contract in full: docs/sms.md.

export interface HttpsSmsGatewayOptions {
  apiUrl: string;
  secret: string;
  from: string;
  timeoutMs?: number;
  toleranceSeconds?: number;
}

function header(request: SmsWebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readJson(request: SmsWebhookRequest): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(request.rawBody);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // falls through to the error below
  }
  throw new ValidationError('sms_webhook_invalid', 'sms.webhook_invalid');
}

const STATUSES: readonly SmsDeliveryStatus[] = ['delivered', 'failed', 'pending'];

export function createHttpsSmsGateway(options: HttpsSmsGatewayOptions): SmsGateway {
  function verified(request: SmsWebhookRequest, now: Date): Record<string, unknown> {
    const check = verifySignature(
      options.secret,
      request.rawBody,
      header(request, SIGNATURE_HEADER),
      now,
      options.toleranceSeconds,
    );
    if (check !== 'ok')
      throw new UnauthorizedError('sms_webhook_unauthorized', 'sms.webhook_unauthorized', { check });
    return readJson(request);
  }

  return {
    name: 'https',
    async send(sms) {
      const body = JSON.stringify({ id: sms.id, to: sms.to, text: sms.text, from: options.from });
      const response = await fetch(options.apiUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signPayload(options.secret, body, new Date()),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`SMS API answered ${response.status}`);
      try {
        const parsed = JSON.parse(text) as { id?: unknown };
        return typeof parsed.id === 'string' ? { gatewayId: parsed.id } : {};
      } catch {
        return {};
      }
    },
    webhooks: {
      incoming(request, now) {
        const body = verified(request, now);
        if (typeof body.from !== 'string' || typeof body.text !== 'string')
          throw new ValidationError('sms_webhook_invalid', 'sms.webhook_invalid');
        return {
          from: body.from,
          text: body.text,
          receivedAt: now,
          ...(typeof body.id === 'string' && { gatewayId: body.id }),
        };
      },
      deliveryReport(request, now) {
        const body = verified(request, now);
        const status = body.status as SmsDeliveryStatus;
        if (typeof body.messageId !== 'string' || !STATUSES.includes(status))
          throw new ValidationError('sms_webhook_invalid', 'sms.webhook_invalid');
        return { messageId: body.messageId, status, at: now };
      },
    },
  };
}
