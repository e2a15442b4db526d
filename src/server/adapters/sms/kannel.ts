import { UnauthorizedError, ValidationError } from '../../errors.ts';
import type { SmsDeliveryReport, SmsDeliveryStatus, SmsGateway, SmsWebhookRequest } from './sms-gateway.ts';
import { sameSecret } from './webhook-signature.ts';

// Kannel (https://www.kannel.org/): messages go out through smsbox's HTTP sendsms interface; smsbox calls Kuulo
// back with delivery reports (the dlr-url given with each message) and incoming messages (an sms-service whose
// get-url points at Kuulo). Both callbacks carry a shared token in the query, compared in constant time.
// Configuration and a kannel.conf example: docs/sms.md.

export interface KannelGatewayOptions {
  /** e.g. http://127.0.0.1:13013/cgi-bin/sendsms */
  sendsmsUrl: string;
  username: string;
  password: string;
  /** Sender shown on phones (a short code or an alphanumeric name). */
  from: string;
  /** Kuulo's base address as Kannel reaches it, e.g. http://kuulo.internal:3000 */
  callbackBaseUrl: string;
  /** The secret in the callbacks' query (token=...). */
  callbackToken: string;
  timeoutMs?: number;
}

export const SMS_INCOMING_PATH = '/api/v1/sms/gateway/incoming';
export const SMS_DELIVERY_PATH = '/api/v1/sms/gateway/delivery';

// dlr-mask: 1 delivered to phone, 2 delivery failed, 4 buffered, 8 accepted by SMSC, 16 rejected by SMSC.
const DLR_MASK = 1 | 2 | 16;
const DLR_STATUS: Record<string, SmsDeliveryStatus> = {
  '1': 'delivered',
  '2': 'failed',
  '4': 'pending',
  '8': 'pending',
  '16': 'failed',
};

/** The get-url to put in kannel.conf's sms-service group for incoming messages. */
export function kannelIncomingUrl(callbackBaseUrl: string, callbackToken: string): string {
  const base = callbackBaseUrl.replace(/\/$/, '');
  return `${base}${SMS_INCOMING_PATH}?token=${encodeURIComponent(callbackToken)}&from=%p&to=%P&text=%b&id=%I`;
}

function one(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function authorise(request: SmsWebhookRequest, token: string): void {
  const given = one(request.query, 'token');
  if (given === undefined || !sameSecret(given, token))
    throw new UnauthorizedError('sms_webhook_unauthorized', 'sms.webhook_unauthorized');
}

function invalid(): ValidationError {
  return new ValidationError('sms_webhook_invalid', 'sms.webhook_invalid');
}

export function createKannelGateway(options: KannelGatewayOptions): SmsGateway {
  const dlrBase = `${options.callbackBaseUrl.replace(/\/$/, '')}${SMS_DELIVERY_PATH}`;
  return {
    name: 'kannel',
    async send(sms) {
      const dlrUrl = `${dlrBase}?token=${encodeURIComponent(options.callbackToken)}&id=${encodeURIComponent(sms.id)}&status=%d`;
      const params = new URLSearchParams({
        username: options.username,
        password: options.password,
        from: options.from,
        to: sms.to,
        text: sms.text,
        charset: 'UTF-8',
        coding: '0',
        'dlr-mask': String(DLR_MASK),
        'dlr-url': dlrUrl,
      });
      const response = await fetch(`${options.sendsmsUrl}?${params.toString()}`, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const body = (await response.text()).trim();
      // 202 "0: Accepted for delivery" or "3: Queued for later delivery"; anything else is a failure to retry.
      if (response.status !== 202 && response.status !== 200)
        throw new Error(`kannel sendsms answered ${response.status}: ${body.slice(0, 100)}`);
      return {};
    },
    webhooks: {
      incoming(request, now) {
        authorise(request, options.callbackToken);
        const from = one(request.query, 'from');
        const text = one(request.query, 'text');
        if (!from || text === undefined) throw invalid();
        const id = one(request.query, 'id');
        return { from, text, receivedAt: now, ...(id && { gatewayId: id }) };
      },
      deliveryReport(request, now): SmsDeliveryReport {
        authorise(request, options.callbackToken);
        const messageId = one(request.query, 'id');
        const status = DLR_STATUS[one(request.query, 'status') ?? ''];
        if (!messageId || !status) throw invalid();
        return { messageId, status, at: now };
      },
    },
  };
}
