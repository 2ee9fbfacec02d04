import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { EisoError } from '../errors.js';
import type { Logger } from '../logger.js';
import { ExpressionError } from '../engine/embedded/feel.js';
import { validateModel, type TimerStartDefinition } from '../engine/embedded/model-validator.js';
import { registerStartTimers } from '../jobs/start-timers.js';
import { TimerExpressionError } from '../jobs/timer-schedule.js';
import { parseFormSchema } from '../forms/form-validator.js';
import { defaultLocale, type Locale } from '../locale.js';
import { appendUnitHistory } from '../history/unit-history.js';
import { hasErrors, lintProcessModel, type EisoLintContext } from '../models/model-lint.js';

/** One file of a deployment. */
export interface DeploymentResource {
  name: string;
  content: string;
}

/** A process version that a deployment created or found unchanged. */
export interface DeployedProcessDefinition {
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  resourceName: string;
}

/** A form version that a deployment created or found unchanged. */
export interface DeployedForm {
  formKey: string;
  formId: string;
  version: number;
  resourceName: string;
}

/** Origin of a deployment: the files that ship with eiso, the API, or an approved draft. */
export type DeploymentSource = 'bundled' | 'api' | 'draft';

/** Options that record and check a deployment. */
export interface DeployOptions {
  source?: DeploymentSource;
  /** Shown in the version list, such as the reason of an approved change. */
  comment?: string | null;
  /**
   * Runs the modeler's lint on every model and refuses the deployment on an error. The forms
   * of the unit and of this deployment are added to the context.
   */
  lint?: Omit<EisoLintContext, 'forms'>;
}

export interface DeploymentResult {
  deploymentKey: string;
  processes: DeployedProcessDefinition[];
  forms: DeployedForm[];
}

interface PreparedProcess {
  bpmnProcessId: string;
  name: string | null;
  timerStarts: TimerStartDefinition[];
  xml: string;
  checksum: string;
  resourceName: string;
}

interface PreparedForm {
  formId: string;
  schema: object;
  checksum: string;
  resourceName: string;
}

function checksumOf(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Deploys BPMN models and form-js forms for one unit, together or not at all.
 * Every resource is validated before anything is written; a resource whose
 * content did not change keeps its version.
 */
export async function deployResources(
  db: Knex,
  logger: Logger,
  unitId: string,
  resources: DeploymentResource[],
  actor: string | null,
  options: DeployOptions = {},
): Promise<DeploymentResult> {
  if (resources.length === 0) {
    throw new EisoError(
      'EISO_ERR_VALIDATION',
      'A deployment needs at least one resource: attach a .bpmn or .form file.',
      [{ path: '/resources', message: 'Attach at least one .bpmn or .form file.' }],
    );
  }
  const processes: PreparedProcess[] = [];
  const forms: PreparedForm[] = [];
  // The messages of an invalid form follow the language of the lint, English without one.
  const locale = options.lint?.language ?? defaultLocale;
  for (const resource of resources) await prepareResource(resource, processes, forms, locale);
  if (options.lint) await lintBeforeDeploy(db, unitId, processes, forms, options.lint);

  const result = await db.transaction(async (trx) => {
    const [deployment] = await trx('deployments')
      .insert({
        unit_id: unitId,
        deployed_by: actor,
        source: options.source ?? 'api',
        comment: options.comment ?? null,
      })
      .returning('key');
    const deploymentKey = String(deployment.key);
    const deployed: DeploymentResult = { deploymentKey, processes: [], forms: [] };
    for (const form of forms)
      deployed.forms.push(await storeForm(trx, unitId, deploymentKey, form));
    for (const process of processes)
      deployed.processes.push(await storeProcess(trx, unitId, deploymentKey, process));
    await appendUnitHistory(trx, unitId, {
      type: 'DEPLOYMENT_CREATED',
      actor,
      data: {
        deploymentKey,
        processes: deployed.processes.map(
          (p) => `${p.processDefinitionId}:${p.processDefinitionVersion}`,
        ),
        forms: deployed.forms.map((f) => `${f.formId}:${f.version}`),
      },
    });
    return deployed;
  });

  logger.info(
    { unitId, deploymentKey: result.deploymentKey, resources: resources.map((r) => r.name) },
    'resources deployed',
  );
  return result;
}

async function lintBeforeDeploy(
  db: Knex,
  unitId: string,
  processes: PreparedProcess[],
  forms: PreparedForm[],
  context: Omit<EisoLintContext, 'forms'>,
): Promise<void> {
  const deployedForms = await db('forms').where({ unit_id: unitId }).distinct('form_id');
  const formIds = new Set<string>([
    ...deployedForms.map((row: { form_id: string }) => row.form_id),
    ...forms.map((form) => form.formId),
  ]);
  const details: { path: string; message: string }[] = [];
  const linted = new Set<string>();
  for (const process of processes) {
    if (linted.has(process.resourceName)) continue;
    linted.add(process.resourceName);
    const problems = await lintProcessModel(process.xml, { ...context, forms: formIds });
    if (!hasErrors(problems)) continue;
    for (const problem of problems.filter((candidate) => candidate.severity === 'error')) {
      details.push({
        path: problem.elementId ?? process.resourceName,
        message: `${process.resourceName}: ${problem.message}`,
      });
    }
  }
  if (details.length === 0) return;
  const more = details.length > 1 ? ` (and ${details.length - 1} more, see details)` : '';
  throw new EisoError(
    'EISO_ERR_MODEL_INVALID',
    `The lint found problems that block the deployment: ${details[0]?.message}${more}`,
    details,
  );
}

/**
 * Deploys only the resources whose content differs from the latest stored
 * version, so that deploying the bundled procedures at every start leaves no
 * empty deployments behind. Returns null when nothing changed.
 */
export async function deployChangedResources(
  db: Knex,
  logger: Logger,
  unitId: string,
  resources: DeploymentResource[],
  actor: string | null,
): Promise<DeploymentResult | null> {
  const processes: PreparedProcess[] = [];
  const forms: PreparedForm[] = [];
  for (const resource of resources) await prepareResource(resource, processes, forms);

  const changedNames = new Set<string>();
  const keptUnitVersions: string[] = [];
  for (const process of processes) {
    const state = await bundledState(db, 'process_definitions', process.checksum, {
      'd.unit_id': unitId,
      'd.bpmn_process_id': process.bpmnProcessId,
    });
    if (state === 'changed') changedNames.add(process.resourceName);
    if (state === 'kept') keptUnitVersions.push(process.bpmnProcessId);
  }
  for (const form of forms) {
    const state = await bundledState(db, 'forms', form.checksum, {
      'd.unit_id': unitId,
      'd.form_id': form.formId,
    });
    if (state === 'changed') changedNames.add(form.resourceName);
    if (state === 'kept') keptUnitVersions.push(form.formId);
  }
  if (keptUnitVersions.length > 0) {
    logger.warn(
      { unitId, kept: keptUnitVersions },
      'the bundled files changed, but the unit approved its own versions of these; they stay',
    );
  }
  if (changedNames.size === 0) return null;
  return deployResources(
    db,
    logger,
    unitId,
    resources.filter((resource) => changedNames.has(resource.name)),
    actor,
    { source: 'bundled', comment: 'eiso' },
  );
}

// A bundled file redeploys only when it differs from the last bundled version and the unit has
// not approved a version of its own since: an officer's approved change is never overwritten.
async function bundledState(
  db: Knex,
  table: 'process_definitions' | 'forms',
  checksum: string,
  where: Record<string, string>,
): Promise<'same' | 'changed' | 'kept'> {
  const rows: { checksum: string; source: string }[] = await db(`${table} as d`)
    .join('deployments as dep', 'dep.key', 'd.deployment_key')
    .where(where)
    .orderBy('d.version', 'desc')
    .select('d.checksum', 'dep.source');
  const latest = rows[0];
  if (!latest) return 'changed';
  if (latest.source !== 'bundled') {
    const lastBundled = rows.find((row) => row.source === 'bundled');
    return lastBundled?.checksum === checksum ? 'same' : 'kept';
  }
  return latest.checksum === checksum ? 'same' : 'changed';
}

async function prepareResource(
  resource: DeploymentResource,
  processes: PreparedProcess[],
  forms: PreparedForm[],
  locale: Locale = defaultLocale,
): Promise<void> {
  if (resource.name.endsWith('.bpmn') || resource.name.endsWith('.xml')) {
    const model = await validateModel(resource.content, resource.name);
    for (const process of model.processes.filter((candidate) => candidate.isExecutable)) {
      processes.push({
        bpmnProcessId: process.bpmnProcessId,
        name: process.name ?? null,
        timerStarts: process.timerStarts,
        xml: resource.content,
        checksum: checksumOf(resource.content),
        resourceName: resource.name,
      });
    }
    return;
  }
  if (resource.name.endsWith('.form')) {
    const schema = parseFormSchema(resource.content, resource.name, locale);
    forms.push({
      formId: schema.id,
      schema,
      checksum: checksumOf(JSON.stringify(schema)),
      resourceName: resource.name,
    });
    return;
  }
  throw new EisoError(
    'EISO_ERR_VALIDATION',
    `Resource '${resource.name}' has an unsupported type: deploy .bpmn or .form files.`,
    [
      {
        path: `/resources/${resource.name}`,
        message: 'Only .bpmn and .form files can be deployed.',
      },
    ],
  );
}

async function storeProcess(
  trx: Knex.Transaction,
  unitId: string,
  deploymentKey: string,
  process: PreparedProcess,
): Promise<DeployedProcessDefinition> {
  const latest = await trx('process_definitions')
    .where({ unit_id: unitId, bpmn_process_id: process.bpmnProcessId })
    .orderBy('version', 'desc')
    .first('key', 'version', 'checksum');
  if (latest && latest.checksum === process.checksum) {
    return toDeployedProcess(latest.key, process, Number(latest.version));
  }

  const version = latest ? Number(latest.version) + 1 : 1;
  const [row] = await trx('process_definitions')
    .insert({
      unit_id: unitId,
      deployment_key: deploymentKey,
      bpmn_process_id: process.bpmnProcessId,
      version,
      name: process.name,
      resource_name: process.resourceName,
      xml: process.xml,
      checksum: process.checksum,
    })
    .returning('key');
  await scheduleTimerStarts(trx, unitId, process);
  return toDeployedProcess(row.key, process, version);
}

// A timer start expression that does not evaluate to a date or cycle would never
// fire, so it fails the deployment with the element named.
async function scheduleTimerStarts(
  trx: Knex.Transaction,
  unitId: string,
  process: PreparedProcess,
): Promise<void> {
  try {
    await registerStartTimers(trx, unitId, process.bpmnProcessId, process.timerStarts, new Date());
  } catch (error) {
    if (!(error instanceof TimerExpressionError) && !(error instanceof ExpressionError))
      throw error;
    const elementIds = process.timerStarts.map((timer) => timer.elementId).join(', ');
    throw new EisoError(
      'EISO_ERR_MODEL_INVALID',
      `The timer start event of '${process.resourceName}' has no valid schedule: ${error.message}.`,
      [
        {
          path: elementIds,
          message: `${error.message}. Give a timeCycle such as R/2027-01-15T08:00:00+07:00/P1Y or a timeDate such as 2027-01-15T08:00:00+07:00.`,
        },
      ],
    );
  }
}

function toDeployedProcess(
  key: unknown,
  process: PreparedProcess,
  version: number,
): DeployedProcessDefinition {
  return {
    processDefinitionKey: String(key),
    processDefinitionId: process.bpmnProcessId,
    processDefinitionVersion: version,
    resourceName: process.resourceName,
  };
}

async function storeForm(
  trx: Knex.Transaction,
  unitId: string,
  deploymentKey: string,
  form: PreparedForm,
): Promise<DeployedForm> {
  const latest = await trx('forms')
    .where({ unit_id: unitId, form_id: form.formId })
    .orderBy('version', 'desc')
    .first('key', 'version', 'checksum');
  if (latest && latest.checksum === form.checksum) {
    return {
      formKey: String(latest.key),
      formId: form.formId,
      version: Number(latest.version),
      resourceName: form.resourceName,
    };
  }

  const version = latest ? Number(latest.version) + 1 : 1;
  const [row] = await trx('forms')
    .insert({
      unit_id: unitId,
      deployment_key: deploymentKey,
      form_id: form.formId,
      version,
      resource_name: form.resourceName,
      schema: JSON.stringify(form.schema),
      checksum: form.checksum,
    })
    .returning('key');
  return {
    formKey: String(row.key),
    formId: form.formId,
    version,
    resourceName: form.resourceName,
  };
}
