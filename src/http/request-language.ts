import type { FastifyRequest } from 'fastify';
import { negotiateLocale, type Locale } from '../locale.js';
import type { Language } from '../registers/framework/register-definition.js';

/**
 * Picks the language of a response: `lang=vi|en` in the query string, else the first language of
 * `accept-language` that eiso has, else Vietnamese, the language of the agencies it serves.
 */
export function requestLanguage(request: FastifyRequest): Language {
  const query = request.query as Record<string, unknown> | undefined;
  if (query?.lang === 'vi' || query?.lang === 'en') return query.lang;
  const header = request.headers['accept-language'] ?? '';
  for (const entry of header.split(',')) {
    const tag = entry.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}

/**
 * Picks the locale of the error messages of a request from its Accept-Language header, as
 * `negotiateLocale` does.
 */
export function requestLocale(request: FastifyRequest): Locale {
  return negotiateLocale(request.headers['accept-language']);
}
