import { t } from '../../../i18n/index.ts';
import type { KioskDeps } from './index.ts';
import type { DeviceRow } from './kiosk.repository.ts';

// A silent device is e-mailed to the coordinators whose scope holds its unit, each in their own language.
// The message names the device and unit only; no feedback ever goes into it.

export function createAlertMailer(
  deps: Pick<KioskDeps, 'mailer' | 'staff' | 'organisation' | 'config' | 'logger'>,
) {
  async function recipients(unitId: string) {
    const ancestors = new Set((await deps.organisation.ancestors(unitId)).map((u) => u.id));
    ancestors.add(unitId);
    const users = await deps.staff.listUsers();
    return users.filter(
      (u) =>
        !u.disabled &&
        u.roles.some((r) => r.role === 'coordinator' && (r.unitId === null || ancestors.has(r.unitId))),
    );
  }

  return {
    /** True when at least one message went out. */
    async send(device: DeviceRow, lastContact: Date): Promise<boolean> {
      if (!deps.mailer) return false;
      const unit = await deps.organisation.getUnit(device.unit_id);
      let sent = false;
      for (const user of await recipients(device.unit_id)) {
        const tr = t(user.locale);
        const unitName = (user.locale === 'fi' ? unit?.names.fi : unit?.names[user.locale]) ?? unit?.names.fi;
        const params = {
          device: device.name,
          unit: unitName ?? device.unit_id,
          since: lastContact.toLocaleString(`${user.locale}-FI`, { timeZone: 'Europe/Helsinki' }),
          url: `${deps.config.publicUrl}/staff/kiosks/${device.id}`,
        };
        try {
          await deps.mailer.send({
            to: [user.email],
            subject: tr('kiosk.alert_subject', params),
            text: tr('kiosk.alert_text', params),
          });
          sent = true;
        } catch (error) {
          deps.logger.warn(
            { deviceId: device.id, err: (error as Error).name },
            'kiosk alert e-mail not sent',
          );
        }
      }
      return sent;
    },
  };
}
