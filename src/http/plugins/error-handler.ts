import type { FastifyError, FastifyInstance } from 'fastify';
import { EisoError, errorCodes, type FieldError } from '../../errors.js';
import { negotiateLocale, type Locale } from '../../locale.js';
import {
  englishIssue,
  vietnameseContext,
  vietnameseIssue,
  type FieldLabels,
} from '../schema-messages.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  message: string;
  detail: string;
  statusCode: number;
  details?: FieldError[];
}

function problem(
  code: keyof typeof errorCodes,
  message: string,
  details?: FieldError[],
): ProblemBody {
  const { statusCode, title } = errorCodes[code];
  return {
    type: 'about:blank',
    title,
    status: statusCode,
    code,
    message,
    detail: message,
    statusCode,
    ...(details ? { details } : {}),
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Labels that the validation messages of the route show before a field's path. */
    fieldLabels?: FieldLabels;
  }
}

function fromValidation(error: FastifyError, locale: Locale, labels?: FieldLabels): ProblemBody {
  const vi = locale === 'vi';
  const details = (error.validation ?? []).map((issue) => {
    const missing =
      issue.keyword === 'required'
        ? `/${String((issue.params as { missingProperty?: string }).missingProperty)}`
        : '';
    const extra =
      issue.keyword === 'additionalProperties'
        ? `/${String((issue.params as { additionalProperty?: string }).additionalProperty)}`
        : '';
    const path = `${issue.instancePath}${missing}${extra}` || '/';
    const label = labels?.[path]?.[locale];
    const subject = label ? `${label} (${path})` : path;
    const described = vi ? vietnameseIssue(issue) : englishIssue(issue);
    if (described) return { path, message: `${subject} ${described}.` };
    return {
      path,
      message: `${subject} ${issue.message ?? 'is invalid'}${extra ? ': remove this property' : ''}.`,
    };
  });
  const summary = details.map((detail) => detail.message).join(' ');
  if (vi) {
    return problem(
      'EISO_ERR_VALIDATION',
      `${vietnameseContext(error.validationContext)} không hợp lệ: ${summary}`.replace(
        /^./,
        (first) => first.toUpperCase(),
      ),
      details,
    );
  }
  const where = error.validationContext ? `request ${error.validationContext}` : 'request';
  return problem('EISO_ERR_VALIDATION', `Invalid ${where}: ${summary}`, details);
}

// PostgreSQL's data exceptions (SQLSTATE class 22): a number beyond its column's type, a date
// outside the calendar it stores, a NUL character in text. Route schemas catch most such values
// with a message naming the field; a value that slips past them is still the request's fault.
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

function dataException(locale: Locale): ProblemBody {
  const message =
    locale === 'vi'
      ? 'Một giá trị trong yêu cầu vượt quá giới hạn lưu trữ (số quá lớn, ngày ngoài phạm vi hoặc ký tự NUL). Hãy sửa giá trị đó rồi gửi lại.'
      : 'A value in the request is beyond what can be stored (a number too large, a date out of range or a NUL character). Correct it and send the request again.';
  return problem('EISO_ERR_VALIDATION', message, [{ path: '/', message }]);
}

/**
 * Turns every error into a problem-details body with a stable code. Client
 * errors log at info; server errors log at error and never show their stack.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: ProblemBody;
    if (error instanceof EisoError) body = problem(error.code, error.message, error.details);
    else if (error.validation)
      body = fromValidation(
        error,
        negotiateLocale(request.headers['accept-language']),
        request.routeOptions.config?.fieldLabels,
      );
    else if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      body = problem(
        'EISO_ERR_PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${app.services.config.bodyLimit} bytes; send less data.`,
      );
    } else if (error.statusCode === 429) body = problem('EISO_ERR_RATE_LIMITED', error.message);
    else if (isDataException(error)) {
      body = dataException(negotiateLocale(request.headers['accept-language']));
      request.log.warn({ err: error }, 'a request value reached the database out of range');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      body = {
        ...problem('EISO_ERR_VALIDATION', error.message),
        status: error.statusCode,
        statusCode: error.statusCode,
      };
      if (error.statusCode === 403 && error.code?.startsWith('FST_CSRF'))
        body = problem(
          'EISO_ERR_CSRF',
          'Missing or invalid CSRF token: reload the page and try again.',
        );
    } else body = problem('EISO_ERR_INTERNAL', 'Internal error; the service logged the details.');

    if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, message: body.message }, 'request rejected');
    void reply.status(body.statusCode).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body = problem(
      'EISO_ERR_NOT_FOUND',
      `Route ${request.method} ${request.url.split('?')[0]} was not found.`,
    );
    void reply.status(404).type('application/problem+json').send(body);
  });
}
