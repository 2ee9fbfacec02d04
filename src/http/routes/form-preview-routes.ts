import type { FastifyInstance } from 'fastify';
import { EisoError } from '../../errors.js';
import { parseFormSchema, validateSubmission } from '../../forms/form-validator.js';
import { negotiateLocale } from '../../locale.js';
import { requirePrincipal } from '../plugins/auth.js';

/** Groups that edit the unit's forms, and so preview them. */
const formEditorGroups = ['iso-secretary', 'board'];

const previewBody = {
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'data'],
  properties: {
    schema: { type: 'object' },
    data: { type: 'object' },
  },
} as const;

interface PreviewBody {
  schema: Record<string, unknown>;
  data: Record<string, unknown>;
}

/**
 * Validates the data of a form editor's preview with the rules that a submission of the deployed
 * form meets: the JSON Schema derived from the form and the FEEL conditions. The browser cannot
 * run these rules itself, because ajv compiles validators with `new Function`, which the web
 * app's Content-Security-Policy forbids.
 */
export async function formPreviewRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: PreviewBody }>(
    '/forms/preview-validation',
    { schema: { body: previewBody } },
    async (request) => {
      const principal = requirePrincipal(request);
      if (!formEditorGroups.some((group) => principal.groups.includes(group))) {
        throw new EisoError(
          'EISO_ERR_FORBIDDEN',
          `Only the groups ${formEditorGroups.join(', ')} edit and preview forms.`,
        );
      }
      const locale = negotiateLocale(request.headers['accept-language']);
      const schema = parseFormSchema(JSON.stringify(request.body.schema), 'schema', locale);
      return { errors: validateSubmission(schema, request.body.data, { locale }) };
    },
  );
}
