import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { repositoryRoot } from './helpers.js';
import type { ApiHandler } from './static-server.js';

/**
 * An in-memory stand-in for the eiso HTTP API, following the contract the web app is written
 * against. It lets the page tests script responses, such as a 400 with field details or a 409, that
 * the real server returns only in races or on invalid input.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  csrfToken: string | undefined;
  body: unknown;
}

export interface ScriptedResponse {
  status: number;
  body?: unknown;
}

type Json = Record<string, unknown>;

const csrfToken = 'csrf-token-1';
const departments = [
  { code: 'VP', name: 'Văn phòng' },
  { code: 'TTRA', name: 'Thanh tra' },
  { code: 'KHTC', name: 'Phòng Kế hoạch - Tài chính' },
];

function readRepositoryFile(relative: string): string {
  return fs.readFileSync(path.join(repositoryRoot, relative), 'utf8');
}

function task(key: string, overrides: Json): Json {
  return {
    key,
    name: 'Soạn thảo mục tiêu chất lượng',
    elementId: 'Task_DraftObjectives',
    bpmnProcessId: 'quality-objectives',
    processName: 'Xây dựng và phổ biến mục tiêu chất lượng',
    processInstanceKey: '2001',
    businessKey: 'MTCL-2026',
    assignee: null,
    candidateGroups: ['iso-secretary'],
    candidateUsers: [],
    dueDate: null,
    followUpDate: null,
    priority: 60,
    createdAt: '2026-01-05T02:00:00.000Z',
    state: 'CREATED',
    formId: 'quality-objectives-draft',
    completedAt: null,
    completedBy: null,
    ...overrides,
  };
}

// The claim and unclaim flags that the server computes for the signed-in secretary.
function withActions(item: Json): Json {
  const isOpen = item.state === 'CREATED';
  const offered = (item.candidateGroups as string[]).includes('iso-secretary');
  return {
    ...item,
    canClaim: isOpen && item.assignee === null && offered,
    canUnclaim: isOpen && item.assignee === 'secretary' && offered,
  };
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Json = {},
): true {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(body === undefined ? undefined : JSON.stringify(body));
  return true;
}

function error(
  status: number,
  code: string,
  message: string,
  details?: { path: string; message: string }[],
): Json {
  return { code, message, statusCode: status, ...(details ? { details } : {}) };
}

export class MockApi {
  readonly requests: RecordedRequest[] = [];
  /** Responses to the next POST /api/tasks/:key/complete calls, in order. Later calls get 204. */
  readonly completeResponses: ScriptedResponse[] = [];
  /** Responses to the next starts of quality objectives, in order. Later starts get 201. */
  readonly startResponses: ScriptedResponse[] = [];
  readonly tasks: Json[];
  private loggedIn = false;

  constructor(now: Date = new Date()) {
    const hour = 60 * 60 * 1000;
    this.tasks = [
      task('1001', {
        assignee: 'secretary',
        dueDate: new Date(now.getTime() - 5 * hour).toISOString(),
      }),
      task('1002', {
        name: 'Phổ biến mục tiêu đến các phòng',
        elementId: 'Task_Disseminate',
        formId: 'quality-objectives-disseminate',
        businessKey: 'MTCL-2025',
        dueDate: new Date(now.getTime() + 20 * hour).toISOString(),
        priority: 85,
      }),
    ];
  }

  readonly handle: ApiHandler = (request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/')) {
      return false;
    }
    const method = request.method ?? 'GET';
    const parsed: unknown = body ? JSON.parse(body) : undefined;
    const token = request.headers['x-csrf-token'];
    this.requests.push({
      method,
      path: url.pathname + url.search,
      csrfToken: typeof token === 'string' ? token : undefined,
      body: parsed,
    });
    return this.route(method, url, parsed, request, response);
  };

  private route(
    method: string,
    url: URL,
    body: unknown,
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): boolean {
    if (url.pathname === '/api/session') {
      return this.session(method, body, response);
    }
    if (!this.loggedIn || !/\bsid=ok\b/.test(request.headers.cookie ?? '')) {
      return sendJson(response, 401, error(401, 'EISO_ERR_AUTH_REQUIRED', 'Login required.'));
    }
    if (method !== 'GET' && request.headers['x-csrf-token'] !== csrfToken) {
      return sendJson(response, 403, error(403, 'FST_CSRF_INVALID_TOKEN', 'Invalid csrf token'));
    }
    if (method === 'GET' && url.pathname === '/api/task-filters') {
      return sendJson(response, 200, { items: [] });
    }
    if (method === 'GET' && url.pathname === '/api/notifications') {
      return sendJson(response, 200, { items: [], unreadCount: 0 });
    }
    return this.routeTasks(method, url, response) || this.routeOthers(method, url, response);
  }

  private sessionBody(): Json {
    return {
      user: {
        username: 'secretary',
        displayName: 'Nguyễn Thị Thư',
        title: 'Chuyên viên',
        unit: { id: 1, code: 'SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Mẫu' },
        department: { code: 'VP', name: 'Văn phòng' },
        groups: [{ code: 'iso-secretary', name: 'Thư ký ISO' }],
      },
      csrfToken,
    };
  }

  private session(method: string, body: unknown, response: http.ServerResponse): boolean {
    if (method === 'GET') {
      return this.loggedIn
        ? sendJson(response, 200, this.sessionBody())
        : sendJson(response, 401, error(401, 'EISO_ERR_AUTH_REQUIRED', 'Login required.'));
    }
    if (method === 'DELETE') {
      this.loggedIn = false;
      response.writeHead(204, { 'set-cookie': 'sid=; Path=/; Max-Age=0' }).end();
      return true;
    }
    const { username, password } = body as { username: string; password: string };
    if (username === 'locked') {
      return sendJson(response, 429, error(429, 'EISO_ERR_RATE_LIMITED', 'Rate limit exceeded'), {
        'retry-after': '42',
      });
    }
    if (password !== 'demo-password-1') {
      return sendJson(
        response,
        401,
        error(401, 'EISO_ERR_AUTH_FAILED', 'Tên đăng nhập hoặc mật khẩu không đúng.'),
      );
    }
    this.loggedIn = true;
    return sendJson(response, 200, this.sessionBody(), {
      'set-cookie': 'sid=ok; Path=/; HttpOnly; SameSite=Lax',
    });
  }

  private taskDetail(item: Json): Json {
    const formFile = `forms/${String(item.formId)}.form`;
    return {
      task: withActions(item),
      form: JSON.parse(readRepositoryFile(formFile)) as Json,
      variables: {
        year: 2026,
        departmentOptions: departments.map((department) => ({
          value: department.code,
          label: department.name,
        })),
        decision: 'return',
        comment: 'Bổ sung công thức tính cho mục tiêu 1.',
        objectives: [
          {
            title: 'Giải quyết hồ sơ đúng hạn',
            indicator: 'Tỷ lệ hồ sơ đúng hạn',
            targetValue: 98,
            targetUnit: '%',
            ownerDepartment: 'VP',
            deadline: '2026-12-31',
          },
        ],
      },
    };
  }

  private routeTasks(method: string, url: URL, response: http.ServerResponse): boolean {
    if (method === 'GET' && url.pathname === '/api/tasks') {
      const list = url.searchParams.get('list') ?? 'mine';
      const now = Date.now();
      const lists: Record<string, Json[]> = {
        mine: this.tasks.filter((item) => item.assignee === 'secretary'),
        group: this.tasks.filter((item) => item.assignee === null),
        all: this.tasks,
        overdue: this.tasks.filter(
          (item) => typeof item.dueDate === 'string' && Date.parse(item.dueDate) < now,
        ),
        completed: [],
      };
      const items = (lists[list] ?? []).map(withActions);
      const counts = Object.fromEntries(
        Object.entries(lists).map(([name, tasks]) => [name, tasks.length]),
      );
      return sendJson(response, 200, { items, total: items.length, page: 1, pageSize: 20, counts });
    }
    const match = /^\/api\/tasks\/([^/]+)(?:\/(claim|unclaim|complete))?$/.exec(url.pathname);
    const item = match ? this.tasks.find((candidate) => candidate.key === match[1]) : undefined;
    if (!match || !item) {
      return false;
    }
    if (!match[2]) {
      return sendJson(response, 200, this.taskDetail(item));
    }
    if (match[2] === 'complete') {
      const scripted = this.completeResponses.shift() ?? { status: 204 };
      return sendJson(response, scripted.status, scripted.body);
    }
    item.assignee = match[2] === 'claim' ? 'secretary' : null;
    return sendJson(response, 200, item);
  }

  private instance(): Json {
    return {
      key: '2001',
      bpmnProcessId: 'quality-objectives',
      processName: 'Xây dựng và phổ biến mục tiêu chất lượng',
      version: 1,
      businessKey: 'MTCL-2026',
      state: 'ACTIVE',
      startedAt: '2026-01-05T02:00:00.000Z',
      endedAt: null,
      startedBy: 'secretary',
      startedByName: 'Nguyễn Thu Hà',
      people: { secretary: 'Nguyễn Thu Hà', director: 'Trần Văn Minh' },
      hasIncident: false,
      variables: {},
      incidents: [],
      activeElementIds: ['Task_ReviewObjectives'],
      completedElementIds: ['StartEvent_Started', 'Task_DraftObjectives'],
      takenSequenceFlowIds: ['Flow_StartToDraft', 'Flow_DraftToReview'],
      tasks: this.tasks,
      history: [
        {
          position: 1,
          type: 'PROCESS_INSTANCE_STARTED',
          elementId: 'StartEvent_Started',
          actor: 'secretary',
          createdAt: '2026-01-05T02:00:00.000Z',
          data: null,
        },
        {
          position: 2,
          type: 'USER_TASK_COMPLETED',
          elementId: 'Task_ReviewObjectives',
          actor: 'director',
          createdAt: '2026-01-05T03:00:00.000Z',
          data: {
            userTaskKey: '1000',
            variables: { decision: 'return', comment: 'Bổ sung công thức.' },
          },
        },
      ],
    };
  }

  private register(): Json {
    const objective = {
      id: 1,
      year: 2026,
      position: 1,
      title: 'Giải quyết hồ sơ đúng hạn',
      indicator: 'Tỷ lệ hồ sơ đúng hạn',
      formula: 'Hồ sơ đúng hạn / Tổng số hồ sơ × 100%',
      targetValue: 98,
      targetUnit: '%',
      ownerDepartment: departments[0],
      deadline: '2026-12-31',
      resources: 'Cán bộ một cửa',
      evaluationMethod: 'Theo dõi hằng quý',
      status: 'disseminated',
      approvedAt: '2026-01-10T03:00:00.000Z',
      approvedBy: 'director',
      disseminatedAt: '2026-01-12T03:00:00.000Z',
      processInstanceKey: '2001',
    };
    return {
      items: [objective],
      approvals: [
        {
          decision: 'approve',
          comment: null,
          actor: 'director',
          actorName: 'Trần Văn Giám',
          decidedAt: '2026-01-10T03:00:00.000Z',
          processInstanceKey: '2001',
        },
        {
          decision: 'return',
          comment: 'Bổ sung công thức tính.',
          actor: 'director',
          actorName: 'Trần Văn Giám',
          decidedAt: '2026-01-08T03:00:00.000Z',
          processInstanceKey: '2001',
        },
      ],
      acknowledgements: [
        {
          department: departments[0],
          actor: 'head.vp',
          note: 'Đã triển khai',
          acknowledgedAt: '2026-01-13T03:00:00.000Z',
        },
      ],
      years: [2026, 2025],
    };
  }

  private routeOthers(method: string, url: URL, response: http.ServerResponse): boolean {
    if (url.pathname === '/api/process-instances/2001/xml') {
      response
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(readRepositoryFile('processes/quality-objectives.bpmn'));
      return true;
    }
    const routes: Record<string, () => unknown> = {
      '/api/process-instances/2001': () => this.instance(),
      '/api/process-instances': () => ({ items: [this.instance()], total: 1 }),
      '/api/objectives': () => this.register(),
      '/api/departments': () => ({ items: departments }),
      '/api/procedures': () => ({
        items: [
          {
            bpmnProcessId: 'quality-objectives',
            name: 'Xây dựng và phổ biến mục tiêu chất lượng',
            version: 1,
            processDefinitionKey: '9001',
            canStart: true,
            perYear: true,
          },
        ],
      }),
    };
    if (method === 'POST' && url.pathname === '/api/procedures/quality-objectives/instances') {
      const scripted = this.startResponses.shift();
      if (scripted) return sendJson(response, scripted.status, scripted.body);
      return sendJson(response, 201, { processInstanceKey: '2001', businessKey: 'MTCL-2026' });
    }
    const route = routes[url.pathname];
    return route
      ? sendJson(response, 200, route())
      : sendJson(response, 404, error(404, 'EISO_ERR_NOT_FOUND', 'Not found'));
  }
}
