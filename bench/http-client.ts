// A request that takes longer than this fails the measurement instead of
// keeping the bench waiting.
const requestTimeoutMs = 60_000;

/** A response body with its status, as the bench reads it. */
export interface JsonResponse {
  status: number;
  body: unknown;
}

/** A browser-like session: the session cookie and the CSRF token of one logged-in user. */
export class SessionClient {
  private constructor(
    readonly username: string,
    private readonly baseUrl: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  /** Logs in through `POST /api/session` and keeps the cookie and token it returns. */
  static async login(baseUrl: string, username: string, password: string): Promise<SessionClient> {
    const response = await fetch(`${baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const body = (await response.json()) as { csrfToken?: string };
    if (response.status !== 200 || !body.csrfToken) {
      throw new Error(
        `login of ${username} failed with ${response.status}: ${JSON.stringify(body)}`,
      );
    }
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    return new SessionClient(username, baseUrl, cookie, body.csrfToken);
  }

  get(path: string): Promise<JsonResponse> {
    return this.send('GET', path, undefined);
  }

  post(path: string, body: unknown): Promise<JsonResponse> {
    return this.send('POST', path, body);
  }

  private async send(method: string, path: string, body: unknown): Promise<JsonResponse> {
    const headers: Record<string, string> = { cookie: this.cookie, 'x-csrf-token': this.csrfToken };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  }
}
