// A small staff page listing the alerts the signed-in person may see (the dashboards link here).
import type { HttpApp, RouteRegistrar } from '../../http/app.ts';
import type { StaffAuth, StaffPrincipal } from '../staff/index.ts';
import { staffViewer } from '../staff/index.ts';
import { renderAlertsPage } from '../../../web/staff/insights/alerts.page.ts';
import type { AlertsService } from './index.ts';
import { READ_ROLES, rootsFor } from './insights.routes.ts';

export function alertsPageRoutes(deps: { alerts: AlertsService; auth: StaffAuth }): RouteRegistrar {
  return (app: HttpApp) => {
    app.get(
      '/staff/insights/alerts',
      { preHandler: deps.auth.requireStaff({ roles: READ_ROLES }), schema: { hide: true } },
      async (request, reply) => {
        const principal = request.staff as StaffPrincipal;
        const alerts = await deps.alerts.listAlerts({ rootIds: rootsFor(principal, READ_ROLES), limit: 200 });
        return reply
          .type('text/html; charset=utf-8')
          .send(renderAlertsPage({ lang: request.lang, viewer: staffViewer(principal), alerts }).toString());
      },
    );
  };
}
