import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { KioskDevicesTable } from '../../db/tables/kiosk.ts';

// SQL for kiosks. Hashes only: enrolment codes and device credentials never reach the database in clear.

export type DeviceRow = Selectable<KioskDevicesTable>;

export interface DeviceCounts {
  answers: number;
  repeats: number;
}

export interface OpenAlert {
  deviceId: string;
  raisedAt: Date;
  silentSince: Date | null;
}

export interface DeviceColumns {
  unit_id: string;
  name: string;
  survey_id: string;
  main_question: string;
  follow_up_question: string | null;
  free_text_question: string | null;
  languages: string[];
  reset_seconds: number;
  thanks_seconds: number;
  repeat_interval_ms: number;
  silent_after_minutes: number;
  opening_days: number[];
  opens_at: string;
  closes_at: string;
}

export function createKioskRepository(db: Kysely<DB>) {
  return {
    async insertDevice(
      columns: DeviceColumns & {
        enrol_code_hash: string;
        enrol_code_expires_at: Date;
        created_by: string | null;
      },
    ): Promise<DeviceRow> {
      return db.insertInto('kiosk_devices').values(columns).returningAll().executeTakeFirstOrThrow();
    },

    async updateDevice(id: string, columns: DeviceColumns): Promise<DeviceRow | undefined> {
      return db
        .updateTable('kiosk_devices')
        .set({ ...columns, config_version: sql`config_version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    async setEnrolCode(id: string, hash: string, expiresAt: Date): Promise<boolean> {
      const result = await db
        .updateTable('kiosk_devices')
        .set({ enrol_code_hash: hash, enrol_code_expires_at: expiresAt, updated_at: new Date() })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Uses the code up and sets the credential in one statement: a code works once, even under a race. */
    async redeemEnrolCode(codeHash: string, tokenHash: string, now: Date): Promise<DeviceRow | undefined> {
      return db
        .updateTable('kiosk_devices')
        .set({
          enrol_code_hash: null,
          enrol_code_expires_at: null,
          token_hash: tokenHash,
          enrolled_at: now,
          revoked_at: null,
          last_contact_at: now,
          updated_at: now,
        })
        .where('enrol_code_hash', '=', codeHash)
        .where('enrol_code_expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
    },

    async revoke(id: string, now: Date): Promise<boolean> {
      const result = await db
        .updateTable('kiosk_devices')
        .set({ token_hash: null, revoked_at: now, enrol_code_hash: null, enrol_code_expires_at: null })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Records a contact (and what the device reported); closes an open silence alert. */
    async touchByToken(
      tokenHash: string,
      report: { queueLength: number | null; appVersion: string | null },
      now: Date,
    ): Promise<string | undefined> {
      const row = await db
        .updateTable('kiosk_devices')
        .set({
          last_contact_at: now,
          queue_length: report.queueLength === null ? sql`queue_length` : report.queueLength,
          app_version: report.appVersion === null ? sql`app_version` : report.appVersion,
        })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!row) return undefined;
      await db
        .updateTable('kiosk_alerts')
        .set({ resolved_at: now })
        .where('device_id', '=', row.id)
        .where('resolved_at', 'is', null)
        .execute();
      return row.id;
    },

    async setQueueLength(id: string, queueLength: number): Promise<void> {
      await db.updateTable('kiosk_devices').set({ queue_length: queueLength }).where('id', '=', id).execute();
    },

    async addRejected(id: string, count: number): Promise<void> {
      if (count === 0) return;
      await db
        .updateTable('kiosk_devices')
        .set({ rejected_count: sql`rejected_count + ${count}` })
        .where('id', '=', id)
        .execute();
    },

    async device(id: string): Promise<DeviceRow | undefined> {
      return db.selectFrom('kiosk_devices').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async devices(): Promise<DeviceRow[]> {
      return db.selectFrom('kiosk_devices').selectAll().orderBy('unit_id').orderBy('name').execute();
    },

    /** Links stored responses to the device; a link made before (a resent batch) stays as it was. */
    async linkAnswers(rows: { responseId: string; deviceId: string; repeat: boolean; answeredAt: Date }[]) {
      if (rows.length === 0) return;
      await db
        .insertInto('kiosk_answers')
        .values(
          rows.map((r) => ({
            response_id: r.responseId,
            device_id: r.deviceId,
            repeat: r.repeat,
            answered_at: r.answeredAt,
          })),
        )
        .onConflict((oc) => oc.column('response_id').doNothing())
        .execute();
    },

    async counts(): Promise<Map<string, DeviceCounts>> {
      const rows = await db
        .selectFrom('kiosk_answers')
        .select((eb) => [
          'device_id',
          eb.fn.countAll<number>().as('answers'),
          eb.fn.countAll<number>().filterWhere('repeat', '=', true).as('repeats'),
        ])
        .groupBy('device_id')
        .execute();
      return new Map(
        rows.map((r) => [r.device_id, { answers: Number(r.answers), repeats: Number(r.repeats) }]),
      );
    },

    async openAlerts(): Promise<Map<string, OpenAlert>> {
      const rows = await db
        .selectFrom('kiosk_alerts')
        .select(['device_id', 'raised_at', 'silent_since'])
        .where('resolved_at', 'is', null)
        .execute();
      return new Map(
        rows.map((r) => [
          r.device_id,
          { deviceId: r.device_id, raisedAt: r.raised_at, silentSince: r.silent_since },
        ]),
      );
    },

    /** Opens an alert unless one is open already; true when this call opened it. */
    async raiseAlert(deviceId: string, silentSince: Date, now: Date): Promise<number | undefined> {
      const row = await db
        .insertInto('kiosk_alerts')
        .values({ device_id: deviceId, silent_since: silentSince, raised_at: now })
        .onConflict((oc) => oc.column('device_id').where('resolved_at', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async resolveAlert(deviceId: string, now: Date): Promise<void> {
      await db
        .updateTable('kiosk_alerts')
        .set({ resolved_at: now })
        .where('device_id', '=', deviceId)
        .where('resolved_at', 'is', null)
        .execute();
    },

    async markEmailed(alertId: number, now: Date): Promise<void> {
      await db.updateTable('kiosk_alerts').set({ emailed_at: now }).where('id', '=', alertId).execute();
    },

    /** Whether a monitoring run is already waiting (other than the one running now, which is locked). */
    async hasWaitingJob(name: string): Promise<boolean> {
      const row = await db
        .selectFrom('jobs')
        .select('id')
        .where('name', '=', name)
        .where('done_at', 'is', null)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', new Date())]))
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type KioskRepository = ReturnType<typeof createKioskRepository>;
