/** System configuration (系统管理员): read and change the settings declared in platform/settings.ts. */
import type { FastifyInstance } from 'fastify';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { appSettings } from '../../db/schema/index.js';
import { writeAudit } from '../../platform/audit.js';
import { conflict, validationError } from '../../platform/errors.js';
import { requireActor, typed } from '../../platform/http.js';
import { INT_MAX, versionNumber } from '../../../../common/schemas/primitives.js';
import { crossCheckSettings, forgetCachedSettings, listSettings, listSettingValues, SettingKey, settingDefaults, settingSchemas } from '../../platform/settings.js';
import { SettingView } from '../../../../common/schemas/system.js';


export const settingsRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['系统'];

  api.get('/api/settings', {
    config: { access: 'config.manage' },
    schema: { tags, summary: '系统配置', response: { 200: z.array(SettingView) } },
    handler: () => listSettings(db),
  });

  api.put('/api/settings/:key', {
    config: { access: 'config.manage' },
    schema: {
      tags,
      summary: '修改系统配置（version 为 0 表示尚未保存过）',
      params: z.object({ key: SettingKey }),
      body: z.object({ value: z.number().int().min(-INT_MAX).max(INT_MAX), version: versionNumber() }),
      response: { 200: SettingView },
    },
    handler: async (request) => {
      const actor = requireActor(request);
      const { key } = request.params;
      const { min, max, label } = settingSchemas[key];
      const { value, version } = request.body;
      if (value < min || value > max) throw validationError(`${label}应在 ${min}–${max} 之间`);
      const clash = crossCheckSettings({ ...(await listSettingValues(db)), [key]: value });
      if (clash) throw validationError(clash);
      const saved = await db.transaction(async (tx) => {
        const now = clock();
        const written =
          version === 0
            ? await tx.insert(appSettings).values({ key, value: JSON.stringify(value), updatedBy: actor.userId, updatedAt: now }).onConflictDoNothing().returning()
            : await tx
                .update(appSettings)
                .set({ value: JSON.stringify(value), version: version + 1, updatedBy: actor.userId, updatedAt: now })
                .where(and(eq(appSettings.key, key), eq(appSettings.version, version)))
                .returning();
        if (written.length === 0) throw conflict();
        await writeAudit(tx, { actor }, { action: 'config.update', result: 'success', objectType: 'setting', objectId: key, objectLabel: label, details: { value } });
        return { key, label, min, max, defaultValue: settingDefaults[key], value, version: written[0]!.version };
      });
      forgetCachedSettings(); // after the commit, so no request caches the old value again
      return saved;
    },
  });
};
