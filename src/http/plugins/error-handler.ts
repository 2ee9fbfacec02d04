import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { EisoError, errorCodes, type FieldError, type LocalizedText } from '../../errors.js';
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
  locale: Locale,
  details?: FieldError[],
): ProblemBody {
  const { statusCode, title } = errorCodes[code];
  return {
    type: 'about:blank',
    title: title[locale],
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
      locale,
      details,
    );
  }
  const where = error.validationContext ? `request ${error.validationContext}` : 'request';
  return problem('EISO_ERR_VALIDATION', `Invalid ${where}: ${summary}`, locale, details);
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
  return problem('EISO_ERR_VALIDATION', message, locale, [{ path: '/', message }]);
}

const csrfMessage: LocalizedText = {
  vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF) của phiên làm việc: hãy tải lại trang rồi thử lại.',
  en: 'Missing or invalid CSRF token: reload the page and try again.',
};

const jsonBodyMessages: Record<string, LocalizedText> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ dù tiêu đề content-type là application/json: hãy gửi JSON đúng cú pháp.',
    en: 'The request body is not valid JSON although its content-type is application/json; send well-formed JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    vi: 'Nội dung yêu cầu trống dù tiêu đề content-type là application/json: hãy gửi một đối tượng JSON, ví dụ {}, hoặc bỏ tiêu đề content-type.',
    en: 'The request body is empty although its content-type is application/json; send a JSON object such as {}, or leave out the content-type header.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    vi: 'Kiểu nội dung (content-type) của yêu cầu không được hỗ trợ: hãy gửi application/json.',
    en: 'The content-type of the request is not supported; send application/json.',
  },
};

function bodyTooLarge(limit: number, locale: Locale): ProblemBody {
  const message =
    locale === 'vi'
      ? `Nội dung yêu cầu vượt quá giới hạn ${limit} byte: hãy gửi ít dữ liệu hơn, ví dụ chia tệp hoặc rút gọn văn bản.`
      : `The request body is larger than the limit of ${limit} bytes; send less data.`;
  return problem('EISO_ERR_PAYLOAD_TOO_LARGE', message, locale);
}

// Other 4xx errors of Fastify and its plugins keep their status and their own English message.
function otherClientError(error: FastifyError, locale: Locale): ProblemBody {
  const statusCode = error.statusCode ?? 400;
  if (statusCode === 403 && error.code?.startsWith('FST_CSRF'))
    return problem('EISO_ERR_CSRF', csrfMessage[locale], locale);
  const known = error.code ? jsonBodyMessages[error.code] : undefined;
  const body = problem('EISO_ERR_VALIDATION', known?.[locale] ?? error.message, locale);
  return { ...body, status: statusCode, statusCode };
}

function problemOf(error: FastifyError, request: FastifyRequest, locale: Locale): ProblemBody {
  if (error instanceof EisoError)
    return problem(error.code, error.messageIn(locale), locale, error.details);
  if (error.validation)
    return fromValidation(error, locale, request.routeOptions.config?.fieldLabels);
  if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return bodyTooLarge(request.server.services.config.bodyLimit, locale);
  if (error.statusCode === 429) return problem('EISO_ERR_RATE_LIMITED', error.message, locale);
  if (isDataException(error)) {
    request.log.warn({ err: error }, 'a request value reached the database out of range');
    return dataException(locale);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return otherClientError(error, locale);
  const internal =
    locale === 'vi'
      ? 'Lỗi nội bộ; hệ thống đã ghi lại chi tiết.'
      : 'Internal error; the service logged the details.';
  return problem('EISO_ERR_INTERNAL', internal, locale);
}

/**
 * Turns every error into a problem-details body with a stable code, in the language that the
 * request's Accept-Language prefers. Client errors log at info; server errors log at error and
 * never show their stack.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = problemOf(error, request, negotiateLocale(request.headers['accept-language']));
    if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, message: body.message }, 'request rejected');
    void reply.status(body.statusCode).type('application/problem+json').send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const locale = negotiateLocale(request.headers['accept-language']);
    const route = `${request.method} ${request.url.split('?')[0]}`;
    const message =
      locale === 'vi'
        ? `Không có đường dẫn ${route}: hãy kiểm tra phương thức và địa chỉ.`
        : `Route ${route} was not found.`;
    void reply
      .status(404)
      .type('application/problem+json')
      .send(problem('EISO_ERR_NOT_FOUND', message, locale));
  });
}
