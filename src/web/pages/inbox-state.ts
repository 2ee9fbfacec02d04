import type { PageContext } from '../core/page.js';
import { buildHash } from '../core/router.js';
import type { TaskList } from '../core/types.js';

/** The lists of the inbox, in tab order. */
export const inboxLists: TaskList[] = ['mine', 'group', 'all', 'overdue', 'completed'];

/** Text criteria of GET /api/tasks that the filter panel edits one field each. */
export const textCriteria = [
  'assignee',
  'candidateGroup',
  'bpmnProcessId',
  'businessKey',
  'createdFrom',
  'createdTo',
  'dueFrom',
  'dueTo',
  'followUpFrom',
  'followUpTo',
] as const;

/** Sort options as `<sort>-<order>`. */
export const sortOptions = [
  'created-desc',
  'created-asc',
  'due-asc',
  'due-desc',
  'followUp-asc',
  'followUp-desc',
  'priority-desc',
  'priority-asc',
] as const;

/**
 * Priority levels and the 0-100 range of each. The bands match `priorityLevel`
 * in core/format.ts, which labels each task.
 */
export const priorityBands = {
  low: [0, 29],
  medium: [30, 59],
  high: [60, 79],
  critical: [80, 100],
} as const;
export type PriorityBand = keyof typeof priorityBands;

/** The inbox's state, all of it kept in the URL so a view can be bookmarked and shared. */
export interface InboxState {
  list: TaskList;
  page: number;
  sort: (typeof sortOptions)[number] | '';
  search: string;
  criteria: Partial<Record<(typeof textCriteria)[number], string>>;
  priority: PriorityBand | '';
  /** Process variable conditions as `name=value`. */
  variables: string[];
  /** Id of the saved filter the view came from. */
  filterId: string;
}

/** Reads the inbox state from the route's query. */
export function readState(context: PageContext): InboxState {
  const query = context.route.query;
  const list = query.get('list') ?? 'mine';
  const sort = query.get('sort') ?? '';
  const priority = query.get('priority') ?? '';
  const criteria: InboxState['criteria'] = {};
  for (const field of textCriteria) {
    const value = query.get(field);
    if (value) criteria[field] = value;
  }
  return {
    list: (inboxLists as string[]).includes(list) ? (list as TaskList) : 'mine',
    page: Math.max(1, Number(query.get('page')) || 1),
    sort: (sortOptions as readonly string[]).includes(sort) ? (sort as InboxState['sort']) : '',
    search: query.get('search') ?? '',
    criteria,
    priority: priority in priorityBands ? (priority as PriorityBand) : '',
    variables: (query.get('variables') ?? '').split('\n').filter((line) => line.includes('=')),
    filterId: query.get('filter') ?? '',
  };
}

/** Builds the hash of an inbox state. */
export function inboxHash(state: InboxState): string {
  return buildHash('/inbox', {
    list: state.list,
    page: state.page > 1 ? state.page : undefined,
    sort: state.sort || undefined,
    search: state.search || undefined,
    ...state.criteria,
    priority: state.priority || undefined,
    variables: state.variables.length > 0 ? state.variables.join('\n') : undefined,
    filter: state.filterId || undefined,
  });
}

/** Counts the filter panel's active conditions. */
export function activeFilterCount(state: InboxState): number {
  return (
    Object.keys(state.criteria).length + (state.priority ? 1 : 0) + (state.variables.length ? 1 : 0)
  );
}

/** Returns the criteria of a state as GET /api/tasks and saved filters take them. */
export function stateCriteria(state: InboxState): Record<string, string | number | string[]> {
  const criteria: Record<string, string | number | string[]> = { ...state.criteria };
  if (state.search) criteria.search = state.search;
  if (state.priority) {
    const [min, max] = priorityBands[state.priority];
    criteria.priorityMin = min;
    criteria.priorityMax = max;
  }
  if (state.variables.length > 0) criteria.variables = state.variables;
  return criteria;
}

/** Builds the GET /api/tasks URL of a state, with the variables that the columns show. */
export function tasksUrl(state: InboxState, pageSize: number, variableColumns: string[]): string {
  const params = new URLSearchParams({
    list: state.list,
    page: String(state.page),
    pageSize: String(pageSize),
  });
  if (state.sort) {
    const [sort, order] = state.sort.split('-');
    params.set('sort', sort);
    params.set('order', order);
  }
  for (const [key, value] of Object.entries(stateCriteria(state))) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  for (const name of variableColumns) params.append('variableColumns', name);
  return `/api/tasks?${params.toString()}`;
}

/** Turns saved criteria back into a state of the given list. */
export function stateFromCriteria(
  list: TaskList,
  criteria: Record<string, string | number | string[]>,
  sort: string | null,
  order: string | null,
  filterId: string,
): InboxState {
  const state: InboxState = {
    list,
    page: 1,
    sort: '',
    search: typeof criteria.search === 'string' ? criteria.search : '',
    criteria: {},
    priority: '',
    variables: Array.isArray(criteria.variables) ? criteria.variables : [],
    filterId,
  };
  for (const field of textCriteria) {
    if (typeof criteria[field] === 'string') state.criteria[field] = criteria[field];
  }
  const band = Object.entries(priorityBands).find(
    ([, [min, max]]) => criteria.priorityMin === min && criteria.priorityMax === max,
  );
  if (band) state.priority = band[0] as PriorityBand;
  const combined = `${sort}-${order ?? (sort === 'due' || sort === 'followUp' ? 'asc' : 'desc')}`;
  if ((sortOptions as readonly string[]).includes(combined)) {
    state.sort = combined as InboxState['sort'];
  }
  return state;
}
