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

/** Label of a request field in each language, such as "Bắt đầu từ ngày" for `/startedFrom`. */
export interface FieldLabel {
  vi: string;
  en: string;
}

/** Labels of a route's fields by JSON pointer path, which its validation messages name. */
export type FieldLabels = Readonly<Record<string, FieldLabel>>;

// Descriptions of the route schemas' patterns, so that no message shows a regular expression. A
// pattern missing here gets a generic message, which names the field but not the format.
const patternDescriptions: Record<string, FieldLabel> = {
  '^[0-9]{1,18}$': {
    vi: 'phải là mã số gồm 1 đến 18 chữ số, ví dụ 1',
    en: 'must be an id of 1 to 18 digits, such as 1',
  },
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': {
    vi: 'phải là ngày dạng YYYY-MM-DD, ví dụ 2026-12-05',
    en: 'must be a date as YYYY-MM-DD, such as 2026-12-05',
  },
  '^\\d{4}-\\d{2}-\\d{2}$': {
    vi: 'phải là ngày dạng YYYY-MM-DD, ví dụ 2026-12-05',
    en: 'must be a date as YYYY-MM-DD, such as 2026-12-05',
  },
  '\\S': {
    vi: 'không được để trống hoặc chỉ có khoảng trắng',
    en: 'must contain a character other than white space',
  },
  '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$': {
    vi: 'phải là ngày dạng YYYY-MM-DD hoặc thời điểm ISO 8601, ví dụ 2026-12-05 hoặc 2026-12-05T08:00:00+07:00',
    en: 'must be a date as YYYY-MM-DD or an ISO 8601 date-time, such as 2026-12-05 or 2026-12-05T08:00:00+07:00',
  },
  '^[A-Za-z_][A-Za-z0-9_.-]{0,99}=.{0,200}$': {
    vi: 'phải có dạng tên_biến=giá_trị, ví dụ year=2026',
    en: 'must be name=value with a variable name, such as year=2026',
  },
  '^(name|procedure|businessKey|assignee|candidateGroups|created|due|followUp|priority|variable:[A-Za-z_][A-Za-z0-9_.-]{0,99})$':
    {
      vi: 'phải là một cột: name, procedure, businessKey, assignee, candidateGroups, created, due, followUp, priority hoặc variable:<tên biến>',
      en: 'must be a column: name, procedure, businessKey, assignee, candidateGroups, created, due, followUp, priority or variable:<variable name>',
    },
  '^[A-Za-z_$][A-Za-z0-9_$]{0,99}$': {
    vi: 'phải là tên biến: tối đa 100 chữ cái không dấu, chữ số, _ hoặc $, không bắt đầu bằng chữ số',
    en: 'must be a variable name: up to 100 letters without diacritics, digits, _ or $, not starting with a digit',
  },
};

/** Describes the values that a schema pattern accepts in `language`, or returns null for an unknown pattern. */
export function patternDescription(pattern: unknown, language: keyof FieldLabel): string | null {
  return patternDescriptions[String(pattern)]?.[language] ?? null;
}

/** Describes an item that repeats an earlier one. Ajv's `i` and `j` count from 0. */
function duplicateItems(params: Params, language: keyof FieldLabel): string {
  const [first, second] = [Number(params.j) + 1, Number(params.i) + 1];
  return language === 'vi'
    ? `không được có mục trùng nhau: mục ${first} và mục ${second} giống nhau, hãy bỏ một mục`
    : `must not repeat an item: items ${first} and ${second} are the same, so remove one`;
}

/**
 * Describes one schema violation in English where Ajv's own message shows a regular expression or
 * leaves out the fix. Returns null to keep Ajv's message.
 */
export function englishIssue(issue: FastifySchemaValidationError): string | null {
  const params = issue.params as Params;
  switch (issue.keyword) {
    case 'pattern':
      return patternDescription(params.pattern, 'en') ?? 'is not in the accepted format';
    case 'uniqueItems':
      return duplicateItems(params, 'en');
    // Ajv's own enum message does not list the values, which are the fix.
    case 'enum': {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
      return `must be one of: ${allowed.map(String).join(', ')}`;
    }
    default:
      return null;
  }
}

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
      return patternDescription(params.pattern, 'vi') ?? 'không đúng định dạng được nhận';
    case 'uniqueItems':
      return duplicateItems(params, 'vi');
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
