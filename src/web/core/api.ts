import { getLanguage } from '../i18n/index.js';
import { readingUnitId, unitHeader } from './reading-unit.js';
import type { ErrorBody, ErrorDetail } from './types.js';

/** An HTTP error from the eiso API, with the server's error code and field details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly details: ErrorDetail[];
  /** Seconds from the `retry-after` header of a 429 response. */
  readonly retryAfter: number | undefined;

  constructor(status: number, body: ErrorBody, retryAfter?: number) {
    super(body.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = Array.isArray(body.details) ? body.details : [];
    this.retryAfter = retryAfter;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | undefined;
let unauthorizedHandler: (() => void) | undefined;

/** Stores the CSRF token that every state-changing request sends in `x-csrf-token`. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Returns the CSRF token, for requests that do not go through `request`, such as uploads. */
export function getCsrfToken(): string | undefined {
  return csrfToken;
}

/** Registers what happens when a request returns 401 (the session expired). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

function buildHeaders(method: Method, url: string, hasBody: boolean): Headers {
  // The server may localize its messages, such as validation details, from accept-language.
  const headers = new Headers({ accept: 'application/json', 'accept-language': getLanguage() });
  // The session describes the user themselves, so it never names the unit being read.
  const unitId = readingUnitId();
  if (unitId !== null && url !== '/api/session') {
    headers.set(unitHeader, unitId);
  }
  if (hasBody) {
    headers.set('content-type', 'application/json');
  }
  if (method !== 'GET' && csrfToken) {
    headers.set('x-csrf-token', csrfToken);
  }
  return headers;
}

async function readErrorBody(response: Response): Promise<ErrorBody> {
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null ? (body as ErrorBody) : {};
  } catch {
    return {};
  }
}

function readRetryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

function isCsrfRejection(error: ApiError): boolean {
  return error.status === 403 && /CSRF/i.test(error.code ?? '');
}

async function send(
  method: Method,
  url: string,
  body: unknown,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const hasBody = body !== undefined;
  const response = await fetch(url, {
    method,
    headers: buildHeaders(method, url, hasBody),
    body: hasBody ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
    signal,
  });
  if (response.ok) {
    return response;
  }
  throw new ApiError(response.status, await readErrorBody(response), readRetryAfter(response));
}

async function refreshCsrfToken(): Promise<void> {
  const response = await send('GET', '/api/session', undefined, undefined);
  const session = (await response.json()) as { csrfToken?: string };
  csrfToken = session.csrfToken;
}

/**
 * Sends a JSON request with the session cookie, and the CSRF token on state-changing methods.
 * A 403 CSRF rejection refreshes the token from GET /api/session and retries once, because the
 * token can rotate when the server renews the session.
 */
export async function request(
  method: Method,
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<Response> {
  try {
    return await send(method, url, body, signal);
  } catch (error) {
    if (error instanceof ApiError && method !== 'GET' && isCsrfRejection(error)) {
      await refreshCsrfToken();
      return send(method, url, body, signal);
    }
    if (error instanceof ApiError && error.status === 401 && url !== '/api/session') {
      unauthorizedHandler?.();
    }
    throw error;
  }
}

/** Sends a request and parses the JSON response body. */
export async function requestJson<T>(
  method: Method,
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const response = await request(method, url, body, signal);
  return (await response.json()) as T;
}

/** GETs a JSON resource. */
export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>('GET', url, undefined, signal);
}

/** GETs a text resource such as BPMN XML. */
export async function getText(url: string, signal?: AbortSignal): Promise<string> {
  const response = await request('GET', url, undefined, signal);
  return response.text();
}

/** Returns true for the error that `fetch` raises when a request is aborted. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
