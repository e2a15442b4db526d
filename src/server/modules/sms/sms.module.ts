import { createHmac } from 'node:crypto';
import { selectSmsGateway } from '../../adapters/sms/select-gateway.ts';
import type { Config } from '../../config.ts';
import type { SmsDeps, SmsModule } from './index.ts';
import { createSmsService } from './sms.service.ts';
import { createDispatcher } from './dispatch.service.ts';
import { smsApiRoutes } from './sms-api.routes.ts';
import { smsLinkRoutes } from './sms-link.routes.ts';
import { smsStaffRoutes } from './sms-staff.routes.ts';

/** The token in Kannel's callback URLs: configured, or derived from the data key so it needs no setup. */
export function smsCallbackToken(config: Config, dataKey: Buffer): string {
  return (
    config.smsCallbackToken ??
    createHmac('sha256', dataKey).update('kuulo-sms-callback-v1').digest('base64url')
  );
}

export function createSmsModule(deps: SmsDeps): SmsModule {
  const now = deps.now ?? (() => new Date());
  const gateway =
    'gateway' in deps
      ? deps.gateway
      : selectSmsGateway(deps.config, smsCallbackToken(deps.config, deps.dataKey));
  const service = createSmsService({ ...deps, now });
  const dispatcher = createDispatcher({
    db: deps.db,
    gateway,
    dataKey: deps.dataKey,
    organisation: deps.organisation,
    publicUrl: deps.config.publicUrl,
    logger: deps.logger,
    now,
  });
  return {
    service,
    dispatcher,
    gateway,
    routes: async (app) => {
      await smsApiRoutes({ service, dispatcher, gateway, now })(app);
      smsLinkRoutes({ service })(app);
      smsStaffRoutes({ service, auth: deps.auth, organisation: deps.organisation })(app);
    },
  };
}
