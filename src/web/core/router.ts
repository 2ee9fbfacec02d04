/** Names of the hash routes of the app. */
export type RouteName =
  | 'login'
  | 'inbox'
  | 'task'
  | 'start'
  | 'objectives'
  | 'registers'
  | 'register'
  | 'registerNew'
  | 'registerRecord'
  | 'registerEdit'
  | 'instances'
  | 'instance'
  | 'instanceReplay'
  | 'view'
  | 'settings'
  | 'models'
  | 'modelProcess'
  | 'modelForm'
  | 'modelVersions'
  | 'modelDiff'
  | 'modelMigration'
  | 'modelDraftReview'
  | 'auditVerify';

export interface RouteMatch {
  name: RouteName;
  params: Record<string, string>;
  query: URLSearchParams;
}

const routes: [RouteName, RegExp, string[]][] = [
  ['login', /^\/login$/, []],
  ['inbox', /^\/inbox$/, []],
  ['task', /^\/tasks\/([^/]+)$/, ['key']],
  ['start', /^\/start$/, []],
  ['objectives', /^\/objectives$/, []],
  ['registers', /^\/registers$/, []],
  ['register', /^\/registers\/([^/]+)$/, ['name']],
  ['registerNew', /^\/registers\/([^/]+)\/new$/, ['name']],
  ['registerRecord', /^\/registers\/([^/]+)\/(\d+)$/, ['name', 'id']],
  ['registerEdit', /^\/registers\/([^/]+)\/(\d+)\/edit$/, ['name', 'id']],
  ['instances', /^\/instances$/, []],
  ['instance', /^\/instances\/([^/]+)$/, ['key']],
  ['instanceReplay', /^\/instances\/([^/]+)\/replay$/, ['key']],
  ['view', /^\/views\/([a-z0-9-]+)$/, ['name']],
  ['settings', /^\/settings$/, []],
  ['models', /^\/models$/, []],
  ['modelProcess', /^\/models\/process\/([^/]+)$/, ['id']],
  ['modelForm', /^\/models\/form\/([^/]+)$/, ['id']],
  ['modelVersions', /^\/models\/(process|form)\/([^/]+)\/versions$/, ['kind', 'id']],
  ['modelDiff', /^\/models\/(process|form)\/([^/]+)\/diff$/, ['kind', 'id']],
  ['modelMigration', /^\/models\/process\/([^/]+)\/migration$/, ['id']],
  ['modelDraftReview', /^\/models\/drafts\/(\d+)$/, ['id']],
  ['auditVerify', /^\/audit\/verify$/, []],
];

/** Matches a location hash such as `#/tasks/42?x=1`, or returns null for an unknown path. */
export function matchRoute(hash: string): RouteMatch | null {
  const [path = '', search = ''] = hash.replace(/^#/, '').split('?');
  for (const [name, pattern, keys] of routes) {
    const match = pattern.exec(path || '/inbox');
    if (match) {
      const params = Object.fromEntries(
        keys.map((key, i) => [key, decodeURIComponent(match[i + 1] ?? '')]),
      );
      return { name, params, query: new URLSearchParams(search) };
    }
  }
  return null;
}

/** Builds a hash for a route path and query parameters, skipping empty values. */
export function buildHash(
  path: string,
  query: Record<string, string | number | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** Navigates to a hash, whose `hashchange` listener renders the page. */
export function navigate(hash: string): void {
  if (location.hash === hash) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}
