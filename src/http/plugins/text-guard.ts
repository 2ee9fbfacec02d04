import type { FastifyInstance } from 'fastify';
import { EisoError, type FieldError } from '../../errors.js';

// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate is not a
// character at all; both would fail deep in a query.
const invalidCharacter =
  // eslint-disable-next-line no-control-regex -- NUL is the character to find.
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findInvalidText(value: unknown, path: string, found: FieldError[]): void {
  if (found.length >= 20) return;
  if (typeof value === 'string') {
    if (invalidCharacter.test(value)) {
      found.push({
        path: path || '/',
        message: `${path || 'The body'} contains a NUL character or a broken Unicode character; remove it.`,
      });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findInvalidText(item, `${path}/${index}`, found));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (invalidCharacter.test(key))
        found.push({
          path: `${path}/${key}`,
          message: 'A property name contains an invalid character; remove it.',
        });
      findInvalidText(item, `${path}/${key}`, found);
    }
  }
}

/** Rejects request bodies and query strings whose text the database cannot store. */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found: FieldError[] = [];
    findInvalidText(request.body, '', found);
    findInvalidText(request.query, '', found);
    if (found.length > 0) {
      throw new EisoError(
        'EISO_ERR_VALIDATION',
        `Invalid text in the request: ${found[0].message}`,
        found,
      );
    }
  });
}
