import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../errors.js';
import type { Variables } from '../../../engine/process-engine.js';
import { assertMayStart } from '../../../runtime/starters.js';
import type { Principal } from '../../../identity/principal.js';
import {
  nextBusinessKey,
  startVariables,
  vietnamYear,
} from '../../../procedures/procedure-start.js';
import { defaultTenantId } from './search-schemas.js';

/** `ProcessInstanceCreationInstruction` of Camunda: by process id (and version) or by definition key. */
export interface CreateProcessInstanceRequest {
  processDefinitionId?: string;
  /** -1, like a missing version, means the latest. */
  processDefinitionVersion?: number;
  processDefinitionKey?: string;
  variables?: Variables;
}

/** `CreateProcessInstanceResult` of Camunda. */
export interface CreateProcessInstanceResult {
  processInstanceKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  tenantId: string;
  variables: Variables;
}

interface StartTarget {
  bpmnProcessId: string;
  version: number | undefined;
}

async function startTarget(
  app: FastifyInstance,
  principal: Principal,
  request: CreateProcessInstanceRequest,
): Promise<StartTarget> {
  if (request.processDefinitionKey === undefined) {
    const version = request.processDefinitionVersion;
    return {
      bpmnProcessId: request.processDefinitionId as string,
      version: version === undefined || version === -1 ? undefined : version,
    };
  }
  const row = await app.services
    .db('process_definitions')
    .where({ key: request.processDefinitionKey, unit_id: principal.unitId })
    .first('bpmn_process_id', 'version');
  if (!row) throw notFound('Process definition', request.processDefinitionKey);
  return { bpmnProcessId: row.bpmn_process_id as string, version: Number(row.version) };
}

// Every eiso procedure starts with the year (the caller may choose it), the
// unit's settings and departments and the initiator, on top of the caller's
// variables.
async function variablesOfStart(
  app: FastifyInstance,
  principal: Principal,
  variables: Variables,
): Promise<Variables> {
  const year =
    typeof variables.year === 'number' ? variables.year : vietnamYear(app.services.now());
  return {
    ...variables,
    ...(await startVariables(app.services.db, principal.unitId, {
      year,
      initiator: principal.username,
    })),
  };
}

/** Starts an instance for `POST /v2/process-instances`, adding the start variables that `/api` adds too. */
export async function createProcessInstance(
  app: FastifyInstance,
  principal: Principal,
  request: CreateProcessInstanceRequest,
): Promise<CreateProcessInstanceResult> {
  const target = await startTarget(app, principal, request);
  await assertMayStart(app.services.db, principal, target.bpmnProcessId);
  const variables = await variablesOfStart(app, principal, request.variables ?? {});
  const businessKey = await nextBusinessKey(
    app.services.db,
    principal.unitId,
    target.bpmnProcessId,
    { year: Number(variables.year), date: app.services.now() },
  );
  const instance = await app.services.runtime.startInstance({
    unitId: principal.unitId,
    bpmnProcessId: target.bpmnProcessId,
    version: target.version,
    variables,
    businessKey,
    actor: principal.username,
  });
  return {
    processInstanceKey: instance.key,
    processDefinitionId: instance.bpmnProcessId,
    processDefinitionVersion: instance.version,
    processDefinitionKey: instance.processDefinitionKey,
    tenantId: defaultTenantId,
    variables: instance.variables,
  };
}
