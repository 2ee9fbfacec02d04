/** One invalid field of a request or a form submission. */
export interface FieldError {
  /** JSON pointer style path, for example `/objectives/0/target`. */
  path: string;
  message: string;
}

interface ErrorDefinition {
  statusCode: number;
  title: string;
}

/**
 * Registry of eiso's error codes. Each code keeps its HTTP status forever, so
 * clients may branch on the code; the message carries the value and the fix.
 */
export const errorCodes = {
  EISO_ERR_VALIDATION: { statusCode: 400, title: 'Invalid request' },
  EISO_ERR_FORM_INVALID: { statusCode: 400, title: 'Invalid form submission' },
  EISO_ERR_MODEL_INVALID: { statusCode: 400, title: 'Invalid BPMN model' },
  EISO_ERR_FORM_SCHEMA_INVALID: { statusCode: 400, title: 'Invalid form schema' },
  EISO_ERR_AUTH_REQUIRED: { statusCode: 401, title: 'Authentication required' },
  EISO_ERR_AUTH_FAILED: { statusCode: 401, title: 'Login failed' },
  EISO_ERR_CSRF: { statusCode: 403, title: 'Invalid CSRF token' },
  EISO_ERR_FORBIDDEN: { statusCode: 403, title: 'Forbidden' },
  EISO_ERR_READ_ONLY: { statusCode: 403, title: 'Read-only access' },
  EISO_ERR_NOT_FOUND: { statusCode: 404, title: 'Not found' },
  EISO_ERR_CONFLICT: { statusCode: 409, title: 'Conflict' },
  EISO_ERR_TASK_NOT_ACTIVE: { statusCode: 409, title: 'Task is not active' },
  EISO_ERR_TASK_ASSIGNED: { statusCode: 409, title: 'Task is assigned to someone else' },
  EISO_ERR_INSTANCE_CHANGED: { statusCode: 409, title: 'Process instance changed concurrently' },
  EISO_ERR_PAYLOAD_TOO_LARGE: { statusCode: 413, title: 'Request body too large' },
  EISO_ERR_RATE_LIMITED: { statusCode: 429, title: 'Too many requests' },
  EISO_ERR_ENGINE: { statusCode: 500, title: 'Process engine failure' },
  EISO_ERR_INTERNAL: { statusCode: 500, title: 'Internal error' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof errorCodes;

/** An error that the HTTP layer turns into a problem-details response. */
export class EisoError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: FieldError[] | undefined;

  constructor(code: ErrorCode, message: string, details?: FieldError[]) {
    super(message);
    this.name = 'EisoError';
    this.code = code;
    this.statusCode = errorCodes[code].statusCode;
    this.details = details;
  }

  get title(): string {
    return errorCodes[this.code].title;
  }
}

/** Throws the not-found error that also hides resources the caller may not see. */
export function notFound(what: string, key: string): EisoError {
  return new EisoError('EISO_ERR_NOT_FOUND', `${what} ${key} was not found`);
}
