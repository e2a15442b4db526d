import type { Config } from '../../config.ts';
import { createHttpsSmsGateway } from './https-api.ts';
import { createKannelGateway } from './kannel.ts';
import type { SmsGateway } from './sms-gateway.ts';

/** The gateway KUULO_SMS_GATEWAY names, or undefined for 'none' (invitations wait until one is configured). */
export function selectSmsGateway(config: Config, callbackToken: string): SmsGateway | undefined {
  if (config.smsGateway === 'kannel') {
    return createKannelGateway({
      sendsmsUrl: config.smsKannelUrl,
      username: config.smsKannelUsername,
      password: config.smsKannelPassword ?? '',
      from: config.smsSender,
      callbackBaseUrl: config.smsCallbackBaseUrl ?? config.publicUrl,
      callbackToken,
    });
  }
  if (config.smsGateway === 'https') {
    if (!config.smsHttpsUrl || !config.smsHttpsSecret)
      throw new Error('KUULO_SMS_GATEWAY=https needs KUULO_SMS_HTTPS_URL and KUULO_SMS_HTTPS_SECRET');
    return createHttpsSmsGateway({
      apiUrl: config.smsHttpsUrl,
      secret: config.smsHttpsSecret,
      from: config.smsSender,
    });
  }
  return undefined;
}
