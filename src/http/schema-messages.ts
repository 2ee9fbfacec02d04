import type { FastifySchemaValidationError } from 'fastify';

type Params = Record<string, unknown>;

const typeNames: Record<string, string> = {
  string: 'chuỗi ký tự',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'true hoặc false',
  object: 'đối tượng JSON',
  array: 'danh sách',
  null: 'null',
};

const formatNames: Record<string, string> = {
  date: 'ngày dạng YYYY-MM-DD',
  'date-time': 'thời điểm dạng ISO 8601, ví dụ 2026-12-05T08:00:00+07:00',
  email: 'địa chỉ e-mail',
  uri: 'địa chỉ URL',
};

function typeList(value: unknown): string {
  const types = Array.isArray(value) ? value : String(value).split(',');
  return types.map((type) => typeNames[String(type)] ?? String(type)).join(' hoặc ');
}

/**
 * Describes one schema violation of a request in Vietnamese, after the field path. Returns null
 * for a keyword it does not know, and the caller then keeps Ajv's English message.
 */
export function vietnameseIssue(issue: FastifySchemaValidationError): string | null {
  const params = issue.params as Params;
  switch (issue.keyword) {
    case 'required':
      return 'bắt buộc phải có';
    case 'additionalProperties':
      return 'không phải là trường được nhận: hãy bỏ trường này';
    case 'type':
      return `phải là ${typeList(params.type)}`;
    case 'minimum':
      return `phải lớn hơn hoặc bằng ${String(params.limit)}`;
    case 'maximum':
      return `phải nhỏ hơn hoặc bằng ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `phải lớn hơn ${String(params.limit)}`;
    case 'exclusiveMaximum':
      return `phải nhỏ hơn ${String(params.limit)}`;
    case 'minLength':
      return `cần ít nhất ${String(params.limit)} ký tự`;
    case 'maxLength':
      return `tối đa ${String(params.limit)} ký tự`;
    case 'minItems':
      return `cần ít nhất ${String(params.limit)} mục`;
    case 'maxItems':
      return `tối đa ${String(params.limit)} mục`;
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return `phải là một trong các giá trị: ${allowed.map(String).join(', ')}`;
    }
    case 'const':
      return `phải bằng ${JSON.stringify(params.allowedValue)}`;
    case 'format': {
      const format = String(params.format);
      return `phải là ${formatNames[format] ?? `giá trị dạng "${format}"`}`;
    }
    case 'pattern':
      return `không đúng dạng ${String(params.pattern)}`;
    case 'minProperties':
      return `cần ít nhất ${String(params.limit)} trường`;
    default:
      return null;
  }
}

/** Names the part of the request that failed, such as `body` or `querystring`, in Vietnamese. */
export function vietnameseContext(context: string | undefined): string {
  switch (context) {
    case 'body':
      return 'nội dung yêu cầu';
    case 'querystring':
      return 'tham số truy vấn';
    case 'params':
      return 'đường dẫn';
    case 'headers':
      return 'tiêu đề';
    default:
      return 'yêu cầu';
  }
}
