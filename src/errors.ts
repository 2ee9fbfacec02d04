/** One invalid field of a request or a form submission. */
export interface FieldError {
  /** JSON pointer style path, for example `/objectives/0/target`. */
  path: string;
  message: string;
}

/** A text in each language of the user interface: Vietnamese first, English second. */
export interface LocalizedText {
  vi: string;
  en: string;
}

interface ErrorDefinition {
  statusCode: number;
  title: LocalizedText;
}

/**
 * Registry of eiso's error codes. Each code keeps its HTTP status forever, so
 * clients may branch on the code; the message carries the value and the fix.
 */
export const errorCodes = {
  EISO_ERR_VALIDATION: {
    statusCode: 400,
    title: { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' },
  },
  EISO_ERR_FORM_INVALID: {
    statusCode: 400,
    title: { vi: 'Dữ liệu biểu mẫu không hợp lệ', en: 'Invalid form submission' },
  },
  EISO_ERR_MODEL_INVALID: {
    statusCode: 400,
    title: { vi: 'Mô hình BPMN không hợp lệ', en: 'Invalid BPMN model' },
  },
  EISO_ERR_FORM_SCHEMA_INVALID: {
    statusCode: 400,
    title: { vi: 'Lược đồ biểu mẫu không hợp lệ', en: 'Invalid form schema' },
  },
  EISO_ERR_AUTH_REQUIRED: {
    statusCode: 401,
    title: { vi: 'Cần đăng nhập', en: 'Authentication required' },
  },
  EISO_ERR_AUTH_FAILED: {
    statusCode: 401,
    title: { vi: 'Đăng nhập không thành công', en: 'Login failed' },
  },
  EISO_ERR_CSRF: {
    statusCode: 403,
    title: { vi: 'Mã chống giả mạo (CSRF) không hợp lệ', en: 'Invalid CSRF token' },
  },
  EISO_ERR_FORBIDDEN: {
    statusCode: 403,
    title: { vi: 'Không có quyền', en: 'Forbidden' },
  },
  EISO_ERR_READ_ONLY: {
    statusCode: 403,
    title: { vi: 'Chỉ có quyền xem', en: 'Read-only access' },
  },
  EISO_ERR_NOT_FOUND: {
    statusCode: 404,
    title: { vi: 'Không tìm thấy', en: 'Not found' },
  },
  EISO_ERR_CONFLICT: {
    statusCode: 409,
    title: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  },
  EISO_ERR_TASK_NOT_ACTIVE: {
    statusCode: 409,
    title: { vi: 'Công việc không còn mở', en: 'Task is not active' },
  },
  EISO_ERR_TASK_ASSIGNED: {
    statusCode: 409,
    title: { vi: 'Công việc đã giao cho người khác', en: 'Task is assigned to someone else' },
  },
  EISO_ERR_INSTANCE_CHANGED: {
    statusCode: 409,
    title: {
      vi: 'Quy trình vừa bị thay đổi đồng thời',
      en: 'Process instance changed concurrently',
    },
  },
  EISO_ERR_PAYLOAD_TOO_LARGE: {
    statusCode: 413,
    title: { vi: 'Nội dung yêu cầu quá lớn', en: 'Request body too large' },
  },
  EISO_ERR_RATE_LIMITED: {
    statusCode: 429,
    title: { vi: 'Quá nhiều yêu cầu', en: 'Too many requests' },
  },
  EISO_ERR_ENGINE: {
    statusCode: 500,
    title: { vi: 'Lỗi bộ máy quy trình', en: 'Process engine failure' },
  },
  EISO_ERR_INTERNAL: {
    statusCode: 500,
    title: { vi: 'Lỗi nội bộ', en: 'Internal error' },
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCodes;

/**
 * An error that the HTTP layer turns into a problem-details response. A throw site that cannot
 * know the request's language passes a `LocalizedText`, and the error handler picks the language.
 * `message` is then the English text, which the logs show.
 */
export class EisoError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: FieldError[] | undefined;
  readonly localizedMessage: LocalizedText | undefined;

  constructor(code: ErrorCode, message: string | LocalizedText, details?: FieldError[]) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'EisoError';
    this.code = code;
    this.statusCode = errorCodes[code].statusCode;
    this.details = details;
    this.localizedMessage = typeof message === 'string' ? undefined : message;
  }

  /** English title of the error code. */
  get title(): string {
    return errorCodes[this.code].title.en;
  }

  /** Returns the message in `language`, or the only message that the throw site gave. */
  messageIn(language: keyof LocalizedText): string {
    return this.localizedMessage?.[language] ?? this.message;
  }
}

// Vietnamese names of the resources that `notFound` reports, by their English name.
const resourceNames: Record<string, string> = {
  Attachment: 'Tệp đính kèm',
  'Audit finding': 'Phát hiện đánh giá',
  'Audit plan': 'Kế hoạch đánh giá',
  'Audit programme': 'Chương trình đánh giá',
  'Controlled document version': 'Phiên bản tài liệu kiểm soát',
  Document: 'Tài liệu',
  Form: 'Biểu mẫu',
  Group: 'Nhóm',
  Incident: 'Sự cố',
  'Management review': 'Cuộc xem xét của lãnh đạo',
  Membership: 'Thành viên nhóm',
  Notification: 'Thông báo',
  Objective: 'Mục tiêu chất lượng',
  'Process definition': 'Quy trình',
  'Process instance': 'Hồ sơ quy trình',
  Record: 'Bản ghi',
  Register: 'Sổ theo dõi',
  'Review action': 'Hành động sau xem xét',
  Risk: 'Rủi ro',
  'Substitute rule': 'Quy tắc làm thay',
  'Task filter': 'Bộ lọc công việc',
  Unit: 'Đơn vị',
  User: 'Người dùng',
  'User task': 'Công việc',
};

/**
 * Builds the not-found error, which also hides resources the caller may not see. `what` is the
 * resource's English name, such as `User task`. The Vietnamese message takes the resource's name
 * from a table, or "Đối tượng" and the English name for a resource missing there.
 */
export function notFound(what: string, key: string): EisoError {
  const vietnamese = resourceNames[what] ?? `Đối tượng ${what}`;
  return new EisoError('EISO_ERR_NOT_FOUND', {
    vi: `Không tìm thấy ${lowerFirst(vietnamese)} ${key}: có thể nó đã bị xóa hoặc bạn không có quyền xem.`,
    en: `${what} ${key} was not found`,
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
