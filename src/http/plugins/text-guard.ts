import type { FastifyInstance } from 'fastify';
import { EisoError, type FieldError } from '../../errors.js';
import { negotiateLocale, type Locale } from '../../locale.js';

// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate is not a
// character at all; both would fail deep in a query.
const invalidCharacter =
  // eslint-disable-next-line no-control-regex -- NUL is the character to find.
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function invalidValueMessage(path: string, locale: Locale): string {
  if (locale === 'vi')
    return `${path ? `Trường ${path}` : 'Nội dung yêu cầu'} chứa ký tự NUL hoặc ký tự Unicode bị hỏng: hãy xóa ký tự đó.`;
  return `${path || 'The body'} contains a NUL character or a broken Unicode character; remove it.`;
}

function invalidNameMessage(path: string, locale: Locale): string {
  return locale === 'vi'
    ? `Tên trường ${path} chứa ký tự không hợp lệ: hãy xóa ký tự đó.`
    : 'A property name contains an invalid character; remove it.';
}

function findInvalidText(value: unknown, path: string, found: FieldError[], locale: Locale): void {
  if (found.length >= 20) return;
  if (typeof value === 'string') {
    if (invalidCharacter.test(value))
      found.push({ path: path || '/', message: invalidValueMessage(path, locale) });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findInvalidText(item, `${path}/${index}`, found, locale));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (invalidCharacter.test(key))
        found.push({
          path: `${path}/${key}`,
          message: invalidNameMessage(`${path}/${key}`, locale),
        });
      findInvalidText(item, `${path}/${key}`, found, locale);
    }
  }
}

/** Rejects request bodies and query strings whose text the database cannot store. */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const found: FieldError[] = [];
    findInvalidText(request.body, '', found, locale);
    findInvalidText(request.query, '', found, locale);
    if (found.length === 0) return;

    const lead =
      locale === 'vi' ? 'Văn bản trong yêu cầu không hợp lệ' : 'Invalid text in the request';
    throw new EisoError('EISO_ERR_VALIDATION', `${lead}: ${found[0].message}`, found);
  });
}
