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
}

export interface SmsGateway {
  readonly name: string;
  send(sms: OutgoingSms): Promise<SmsSendResult>;
}
