// The SMS port. A gateway adapter (Kannel, a generic HTTPS API) sends; delivery reports and incoming messages
// arrive at Kuulo's HTTP endpoints and are turned into SmsDeliveryReport / IncomingSms by the adapter.
export interface OutgoingSms {
  /** Kuulo's own id for the message, echoed back in delivery reports. */
  id: string;
  /** E.164, e.g. +358401234567. */
  to: string;
  text: string;
}

export interface SmsSendResult {
  /** The gateway's id for the message where it gives one. */
  gatewayId?: string;
}

export type SmsDeliveryStatus = 'delivered' | 'failed' | 'pending';

export interface SmsDeliveryReport {
  messageId: string;
  status: SmsDeliveryStatus;
  at: Date;
}

export interface IncomingSms {
  from: string;
  text: string;
  receivedAt: Date;
  /** The gateway's id for the incoming message where it gives one. */
  gatewayId?: string;
}

/** An HTTP request from the gateway to Kuulo (incoming message or delivery report), as the adapter needs it. */
export interface SmsWebhookRequest {
  query: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** The body exactly as received (signatures are computed over it); '' for GET. */
  rawBody: string;
}

/**
 * How a gateway's callbacks are read. Both throw UnauthorizedError (src/server/errors.ts) when the request
 * does not prove it comes from the gateway, ValidationError when it is malformed.
 */
export interface SmsWebhooks {
  incoming(request: SmsWebhookRequest, now: Date): IncomingSms;
  deliveryReport(request: SmsWebhookRequest, now: Date): SmsDeliveryReport;
}

export interface SmsGateway {
  readonly name: string;
  send(sms: OutgoingSms): Promise<SmsSendResult>;
  /** Present when the gateway calls Kuulo back (Kannel, the HTTPS API); absent for send-only gateways. */
  readonly webhooks?: SmsWebhooks;
}
