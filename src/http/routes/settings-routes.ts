import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../errors.js';
import { appendUnitHistory } from '../../history/unit-history.js';
import { rescheduleStartTimers } from '../../jobs/start-timers.js';
import { checkSettings, settingsChangeSchema } from '../../settings/settings-validation.js';
import { loadUnitSettings, type UnitSettings } from '../../settings/unit-settings.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLanguage } from '../request-language.js';

const settingsWriters = ['iso-secretary', 'board'];

/** Serves the unit's settings to every user and lets the ISO secretary and the board change them. */
export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.services;

  app.get('/settings', async (request) => {
    const principal = requirePrincipal(request);
    return loadUnitSettings(db, principal.unitId);
  });

  app.patch<{ Body: Partial<UnitSettings> }>(
    '/settings',
    { schema: { body: settingsChangeSchema } },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!settingsWriters.some((group) => principal.groups.includes(group))) {
        throw new EisoError(
          'EISO_ERR_FORBIDDEN',
          'Only the ISO secretary and the board may change the settings.',
        );
      }
      const now = app.services.now();
      return db.transaction(async (trx) => {
        const merged = { ...(await loadUnitSettings(trx, principal.unitId)), ...request.body };
        checkSettings(merged, requestLanguage(request));
        for (const [name, value] of Object.entries(request.body)) {
          await trx('unit_settings')
            .insert({
              unit_id: principal.unitId,
              name,
              value: JSON.stringify(value),
              updated_at: now.toISOString(),
              updated_by: principal.username,
            })
            .onConflict(['unit_id', 'name'])
            .merge();
        }
        await rescheduleStartTimers(trx, principal.unitId, now);
        await appendUnitHistory(
          trx,
          principal.unitId,
          { type: 'SETTINGS_CHANGED', actor: principal.username, data: request.body },
          now,
        );
        return merged;
      });
    },
  );
}
