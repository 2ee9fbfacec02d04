import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError, type FieldError } from '../../../errors.js';
import type { Principal } from '../../../identity/principal.js';
import {
  deployResources,
  type DeploymentResource,
  type DeploymentResult,
} from '../../../runtime/deployer.js';
import { requirePrincipal } from '../../plugins/auth.js';
import { requestLanguage } from '../../request-language.js';
import { defaultTenantId } from './search-schemas.js';

// Deploying is the leader's act of approval (ISO 9001 7.5.3): the ISO secretary
// proposes a change as a draft, which deploys once the board approves it.
const deployerGroups = ['board'];

const multipartHeaders = {
  type: 'object',
  required: ['content-type'],
  properties: { 'content-type': { type: 'string', pattern: '^multipart/form-data' } },
} as const;

/** One entry of `deployments` in Camunda's `DeploymentResult`. */
type DeploymentMetadata =
  | {
      processDefinition: {
        processDefinitionKey: string;
        processDefinitionId: string;
        processDefinitionVersion: number;
        resourceName: string;
        tenantId: string;
      };
    }
  | {
      form: {
        formKey: string;
        formId: string;
        version: number;
        resourceName: string;
        tenantId: string;
      };
    };

function invalid(message: string, details: FieldError[]): EisoError {
  return new EisoError('EISO_ERR_VALIDATION', `Invalid deployment: ${message}`, details);
}

function assertMayDeploy(principal: Principal): void {
  if (!deployerGroups.some((group) => principal.groups.includes(group))) {
    throw new EisoError(
      'EISO_ERR_FORBIDDEN',
      'Only the board deploys procedures and forms directly. Save the change as a draft ' +
        '(POST /api/model-drafts) and submit it for approval.',
    );
  }
}

// Reads Camunda's multipart deployment body: files in `resources` and an
// optional `tenantId`, which can only be the default tenant here.
async function readResources(request: FastifyRequest): Promise<DeploymentResource[]> {
  const resources: DeploymentResource[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = (await part.toBuffer()).toString('utf8');
      if (part.fieldname !== 'resources') {
        throw invalid(
          `unexpected file field ${part.fieldname}. Send files in the field resources.`,
          [{ path: `/${part.fieldname}`, message: 'Send files in the field resources.' }],
        );
      }
      resources.push({ name: part.filename, content });
    } else if (part.fieldname !== 'tenantId') {
      throw invalid(`unexpected field ${part.fieldname}. Send only resources and tenantId.`, [
        { path: `/${part.fieldname}`, message: 'Remove this field.' },
      ]);
    } else if (part.value !== defaultTenantId) {
      throw invalid(
        `tenantId must be ${defaultTenantId}, because eiso deploys to the unit of the caller.`,
        [{ path: '/tenantId', message: `tenantId must be ${defaultTenantId}.` }],
      );
    }
  }
  return resources;
}

// Camunda lists the deployed items in the order of the resources that were sent.
function presentDeployment(result: DeploymentResult, resources: DeploymentResource[]) {
  const position = (name: string) => resources.findIndex((resource) => resource.name === name);
  const entries: { resourceName: string; metadata: DeploymentMetadata }[] = [
    ...result.processes.map((process) => ({
      resourceName: process.resourceName,
      metadata: { processDefinition: { ...process, tenantId: defaultTenantId } },
    })),
    ...result.forms.map((form) => ({
      resourceName: form.resourceName,
      metadata: { form: { ...form, tenantId: defaultTenantId } },
    })),
  ];
  entries.sort((a, b) => position(a.resourceName) - position(b.resourceName));
  return {
    deploymentKey: result.deploymentKey,
    tenantId: defaultTenantId,
    deployments: entries.map((entry) => entry.metadata),
  };
}

/** Registers `POST /v2/deployments`, which deploys BPMN models and forms together or not at all. */
export async function deploymentRoutes(app: FastifyInstance): Promise<void> {
  const { db, logger, workers } = app.services;

  app.post(
    '/deployments',
    {
      schema: {
        tags: ['Resource (Camunda REST API v2)'],
        summary: 'Deploy BPMN models and forms',
        description:
          'multipart/form-data: the files in the field `resources`, optionally `tenantId` = `<default>`.',
        consumes: ['multipart/form-data'],
        headers: multipartHeaders,
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      assertMayDeploy(principal);
      const resources = await readResources(request);
      const groups = await db('groups').where({ unit_id: principal.unitId }).pluck('code');
      const result = await deployResources(
        db,
        logger,
        principal.unitId,
        resources,
        principal.username,
        {
          source: 'api',
          lint: {
            groups: new Set(groups as string[]),
            jobTypes: new Set(workers.types()),
            language: requestLanguage(request),
          },
        },
      );
      return presentDeployment(result, resources);
    },
  );
}
