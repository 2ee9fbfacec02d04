import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError } from '../../errors.js';
import type { Principal } from '../../identity/principal.js';
import { formTitle } from '../../forms/form-title.js';
import { negotiateLocale, type Locale } from '../../locale.js';
import { draftMessages } from '../../models/draft-messages.js';
import { diffModels } from '../../models/model-diff.js';
import {
  assertModelEditor,
  createDraft,
  latestVersion,
  lintContent,
  lintContext,
  loadDraft,
  openStatuses,
  toDraft,
  updateDraft,
  versionContent,
  type ModelKind,
} from '../../models/model-drafts.js';
import { submitDraft, withdrawDraft } from '../../models/model-submission.js';
import { withDraftPeopleNames, withPeopleNames } from '../../models/draft-people.js';
import { requirePrincipal } from '../plugins/auth.js';
import { requestLanguage } from '../request-language.js';

// Errors follow Accept-Language like the other localized errors; the lint, which the modeler
// shows, follows `requestLanguage`.
function errorLocale(request: FastifyRequest): Locale {
  return negotiateLocale(request.headers['accept-language']);
}

function versionNotFound(request: FastifyRequest, resourceId: string, version: number): EisoError {
  return new EisoError(
    'EISO_ERR_NOT_FOUND',
    draftMessages(errorLocale(request)).versionNotFound(resourceId, version),
  );
}

const kindProperty = { type: 'string', enum: ['process', 'form'] } as const;
const resourceIdProperty = { type: 'string', minLength: 1, maxLength: 200 } as const;
// A model may be large; the deployer refuses more than 5 MiB of XML itself.
const contentProperty = { type: 'string', minLength: 1, maxLength: 6_000_000 } as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
} as const;

const versionParams = {
  type: 'object',
  required: ['kind', 'resourceId', 'version'],
  properties: {
    kind: kindProperty,
    resourceId: resourceIdProperty,
    version: { type: 'integer', minimum: 1 },
  },
} as const;

interface VersionRow {
  id: string;
  version: number;
  name: string | null;
  checksum: string;
  deployed_at: string;
  deployed_by: string | null;
  deployed_by_name: string | null;
  comment: string | null;
  source: string;
  /** The form-js schema of a form version; null for a process. */
  schema: unknown;
}

/** Every version of the unit's processes or forms, newest first, grouped by id. */
async function versionsOf(app: FastifyInstance, principal: Principal, kind: ModelKind) {
  const { db } = app.services;
  const table = kind === 'process' ? 'process_definitions' : 'forms';
  const idColumn = kind === 'process' ? 'bpmn_process_id' : 'form_id';
  const rows: VersionRow[] = await db(`${table} as d`)
    .join('deployments as dep', 'dep.key', 'd.deployment_key')
    .leftJoin('users as u', function joinUser() {
      this.on('u.username', '=', 'dep.deployed_by').andOn('u.unit_id', '=', 'd.unit_id');
    })
    .where('d.unit_id', principal.unitId)
    .orderBy([
      { column: `d.${idColumn}`, order: 'asc' },
      { column: 'd.version', order: 'desc' },
    ])
    .select(
      `d.${idColumn} as id`,
      'd.version',
      kind === 'process' ? 'd.name' : db.raw('null as name'),
      kind === 'process' ? db.raw('null as schema') : 'd.schema',
      'd.checksum',
      'd.deployed_at',
      'dep.deployed_by',
      'u.display_name as deployed_by_name',
      'dep.comment',
      'dep.source',
    );
  const running = new Map<string, number>();
  if (kind === 'process') {
    const counts = await db('process_instances')
      .where({ unit_id: principal.unitId, state: 'ACTIVE' })
      .groupBy('bpmn_process_id', 'version')
      .select('bpmn_process_id', 'version')
      .count({ count: '*' });
    for (const count of counts as { bpmn_process_id: string; version: number; count: string }[])
      running.set(`${count.bpmn_process_id}:${count.version}`, Number(count.count));
  }
  const drafts = await db('model_drafts')
    .where({ unit_id: principal.unitId, kind })
    .whereIn('status', openStatuses)
    .select('id', 'resource_id', 'status', 'updated_by', 'updated_at');
  const draftOf = new Map(drafts.map((draft) => [draft.resource_id as string, draft]));

  const grouped = new Map<string, { id: string; name: string | null; versions: unknown[] }>();
  for (const row of rows) {
    // Rows come newest first, so a form takes the title of its latest version.
    const name = kind === 'form' ? formTitle(parsedSchema(row.schema)) : row.name;
    const entry = grouped.get(row.id) ?? { id: row.id, name, versions: [] };
    grouped.set(row.id, entry);
    entry.versions.push({
      version: Number(row.version),
      checksum: row.checksum,
      deployedAt: new Date(row.deployed_at).toISOString(),
      deployedBy: row.deployed_by,
      deployedByName: row.deployed_by_name ?? row.deployed_by,
      comment: row.comment,
      source: row.source,
      runningInstances: running.get(`${row.id}:${row.version}`) ?? 0,
    });
  }
  const items = [...grouped.values()].map((entry) => {
    const draft = draftOf.get(entry.id);
    return {
      ...entry,
      latestVersion: (entry.versions[0] as { version: number }).version,
      openDraft: draft ? { id: String(draft.id), status: draft.status } : null,
    };
  });
  // A new process or form exists only as a draft until it is approved.
  for (const draft of drafts) {
    if (grouped.has(draft.resource_id as string)) continue;
    items.push({
      id: draft.resource_id as string,
      name: null,
      versions: [],
      latestVersion: 0,
      openDraft: { id: String(draft.id), status: draft.status },
    });
  }
  return items;
}

function parsedSchema(schema: unknown): unknown {
  return typeof schema === 'string' ? JSON.parse(schema) : schema;
}

/**
 * Routes of the modeler: the versions of the unit's processes and forms, the lint, drafts and
 * their submission to the board, the diff between versions, download and restore.
 */
export async function modelRoutes(app: FastifyInstance): Promise<void> {
  const { db, workers, runtime } = app.services;

  app.get('/models', async (request) => {
    const principal = requirePrincipal(request);
    return {
      processes: await versionsOf(app, principal, 'process'),
      forms: await versionsOf(app, principal, 'form'),
    };
  });

  app.get<{
    Params: { kind: ModelKind; resourceId: string; version: number };
    Querystring: { download?: string };
  }>(
    '/models/:kind/:resourceId/versions/:version',
    {
      schema: {
        params: versionParams,
        querystring: {
          type: 'object',
          properties: { download: { type: 'string', enum: ['0', '1'] } },
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { kind, resourceId, version } = request.params;
      const content = await versionContent(db, principal.unitId, kind, resourceId, version);
      if (content === null) throw versionNotFound(request, resourceId, version);
      const extension = kind === 'process' ? 'bpmn' : 'form';
      reply.type(kind === 'process' ? 'application/xml; charset=utf-8' : 'application/json');
      if (request.query.download === '1') {
        reply.header(
          'content-disposition',
          `attachment; filename="${resourceId}-v${version}.${extension}"`,
        );
      }
      return content;
    },
  );

  app.get<{
    Params: { resourceId: string };
    Querystring: { from: number; to: number };
  }>(
    '/models/process/:resourceId/diff',
    {
      schema: {
        params: {
          type: 'object',
          required: ['resourceId'],
          properties: { resourceId: resourceIdProperty },
        },
        querystring: {
          type: 'object',
          required: ['from', 'to'],
          properties: {
            from: { type: 'integer', minimum: 1 },
            to: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { resourceId } = request.params;
      const { from, to } = request.query;
      const [before, after] = await Promise.all([
        versionContent(db, principal.unitId, 'process', resourceId, from),
        versionContent(db, principal.unitId, 'process', resourceId, to),
      ]);
      if (before === null) throw versionNotFound(request, resourceId, from);
      if (after === null) throw versionNotFound(request, resourceId, to);
      return { from, to, before, after, diff: await diffModels(before, after) };
    },
  );

  app.post<{ Params: { resourceId: string }; Body: { fromVersion: number; toVersion: number } }>(
    '/models/process/:resourceId/migration-plan',
    {
      schema: {
        params: {
          type: 'object',
          required: ['resourceId'],
          properties: { resourceId: resourceIdProperty },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['fromVersion', 'toVersion'],
          properties: {
            fromVersion: { type: 'integer', minimum: 1 },
            toVersion: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const { resourceId } = request.params;
      const target = await db('process_definitions')
        .where({
          unit_id: principal.unitId,
          bpmn_process_id: resourceId,
          version: request.body.toVersion,
        })
        .first('key');
      if (!target) throw versionNotFound(request, resourceId, request.body.toVersion);
      const keys: string[] = await db('process_instances')
        .where({
          unit_id: principal.unitId,
          bpmn_process_id: resourceId,
          version: request.body.fromVersion,
          state: 'ACTIVE',
        })
        .orderBy('key')
        .limit(200)
        .pluck('key');
      const items = [];
      for (const key of keys) {
        items.push(
          await runtime.planMigration(
            principal.unitId,
            String(key),
            String(target.key),
            [],
            errorLocale(request),
          ),
        );
      }
      return { targetProcessDefinitionKey: String(target.key), items };
    },
  );

  app.post<{ Body: { kind: ModelKind; content: string } }>(
    '/models/lint',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'content'],
          properties: { kind: kindProperty, content: contentProperty },
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const context = await lintContext(
        db,
        principal.unitId,
        workers.types(),
        requestLanguage(request),
      );
      return { problems: await lintContent(request.body.kind, request.body.content, context) };
    },
  );

  app.get('/model-drafts', async (request) => {
    const principal = requirePrincipal(request);
    assertModelEditor(principal, errorLocale(request));
    const rows = await db('model_drafts')
      .where({ unit_id: principal.unitId })
      .orderBy('updated_at', 'desc')
      .limit(200)
      .select('*');
    return { items: await withPeopleNames(db, rows.map(toDraft)) };
  });

  app.post<{ Body: { kind: ModelKind; content: string; baseVersion?: number | null } }>(
    '/model-drafts',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'content'],
          properties: {
            kind: kindProperty,
            content: contentProperty,
            baseVersion: { type: ['integer', 'null'], minimum: 1 },
          },
        },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const draft = await createDraft(
        db,
        principal,
        request.body,
        app.services.now(),
        errorLocale(request),
      );
      return reply.status(201).send(await withContent(app, principal, draft.id, request));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/model-drafts/:id',
    { schema: { params: idParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      return withContent(app, principal, request.params.id, request);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/model-drafts/:id/diff',
    { schema: { params: idParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const locale = errorLocale(request);
      const row = await loadDraft(db, principal.unitId, request.params.id, { locale });
      if (row.kind !== 'process') {
        const say = draftMessages(locale);
        throw new EisoError('EISO_ERR_VALIDATION', say.diagramOnlyForProcess, [
          { path: '/id', message: say.openProcessDraft },
        ]);
      }
      const base =
        row.base_version === null
          ? null
          : await versionContent(
              db,
              principal.unitId,
              'process',
              row.resource_id as string,
              Number(row.base_version),
            );
      const after = row.content as string;
      return {
        baseVersion: row.base_version === null ? null : Number(row.base_version),
        before: base,
        after,
        diff: base === null ? null : await diffModels(base, after),
      };
    },
  );

  app.put<{ Params: { id: string }; Body: { content: string } }>(
    '/model-drafts/:id',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['content'],
          properties: { content: contentProperty },
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const draft = await updateDraft(
        db,
        principal,
        request.params.id,
        request.body.content,
        app.services.now(),
        errorLocale(request),
      );
      return withContent(app, principal, draft.id, request);
    },
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/model-drafts/:id/submit',
    {
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['reason'],
          properties: { reason: { type: 'string', maxLength: 2000 } },
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const draft = await submitDraft(
        { db, runtime, jobTypes: workers.types(), now: app.services.now },
        principal,
        request.params.id,
        request.body.reason,
        requestLanguage(request),
        errorLocale(request),
      );
      return withDraftPeopleNames(db, draft);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/model-drafts/:id',
    { schema: { params: idParams } },
    async (request) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const draft = await withdrawDraft(
        db,
        principal,
        request.params.id,
        app.services.now(),
        errorLocale(request),
      );
      return withDraftPeopleNames(db, draft);
    },
  );

  app.post<{ Params: { kind: ModelKind; resourceId: string; version: number } }>(
    '/models/:kind/:resourceId/versions/:version/restore',
    { schema: { params: versionParams } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      assertModelEditor(principal, errorLocale(request));
      const { kind, resourceId, version } = request.params;
      const content = await versionContent(db, principal.unitId, kind, resourceId, version);
      if (content === null) throw versionNotFound(request, resourceId, version);
      const latest = await latestVersion(db, principal.unitId, kind, resourceId);
      const draft = await createDraft(
        db,
        principal,
        { kind, content, baseVersion: latest?.version ?? null },
        app.services.now(),
        errorLocale(request),
      );
      return reply.status(201).send(await withContent(app, principal, draft.id, request));
    },
  );
}

async function withContent(
  app: FastifyInstance,
  principal: Principal,
  id: string,
  request: FastifyRequest,
) {
  const { db, workers } = app.services;
  const row = await loadDraft(db, principal.unitId, id, { locale: errorLocale(request) });
  const context = await lintContext(
    db,
    principal.unitId,
    workers.types(),
    requestLanguage(request),
  );
  return {
    ...(await withDraftPeopleNames(db, toDraft(row))),
    content: row.content as string,
    problems: await lintContent(row.kind as ModelKind, row.content as string, context),
  };
}
