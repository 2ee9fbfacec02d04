import { getJson } from './api.js';
import { h } from './dom.js';
import { localName } from './format.js';
import type { Department, Group, Procedure } from './types.js';

/** A user of the unit as GET /api/users returns them. */
export interface DirectoryUser {
  username: string;
  displayName: string;
  title: string | null;
  department: Department | null;
}

/** The users, groups and deployed procedures of the signed-in user's unit, for pickers. */
export interface Directory {
  users: DirectoryUser[];
  groups: Group[];
  procedures: Procedure[];
}

// One directory per signed-in user for the life of the page, since units change rarely. A failed
// load is not kept, so the next page tries again.
let cached: { username: string; directory: Promise<Directory> } | null = null;

async function fetchDirectory(): Promise<Directory> {
  const [users, groups, procedures] = await Promise.all([
    getJson<{ items: DirectoryUser[] }>('/api/users'),
    getJson<{ items: Group[] }>('/api/groups'),
    getJson<{ items: Procedure[] }>('/api/procedures'),
  ]);
  return { users: users.items, groups: groups.items, procedures: procedures.items };
}

/**
 * Loads the directory of `username`'s unit once and returns the same one afterwards. It is not
 * tied to a page's abort signal, because a later page reuses it.
 */
export function loadDirectory(username: string): Promise<Directory> {
  if (cached?.username !== username) {
    const directory = fetchDirectory();
    cached = { username, directory };
    directory.catch(() => {
      if (cached?.directory === directory) cached = null;
    });
  }
  return cached.directory;
}

/** Returns the full name of a username, or the username when the directory has no such user. */
export function userLabel(directory: Directory, username: string): string {
  return directory.users.find((user) => user.username === username)?.displayName ?? username;
}

// Sorts by Vietnamese collation, so that "Đỗ" follows "Dương" as readers expect.
const collator = new Intl.Collator('vi');

/**
 * Builds the `<option>`s of the unit's users by full name, grouped by department, with the job
 * title after the name. A `selected` username that the directory lacks keeps an option of its own,
 * so the current value stays visible.
 */
export function userOptions(
  directory: Directory,
  selected: string,
  exclude: string[] = [],
): (HTMLOptionElement | HTMLOptGroupElement)[] {
  const groups = new Map<string, { label: string; users: DirectoryUser[] }>();
  for (const user of directory.users) {
    if (exclude.includes(user.username)) continue;
    const key = user.department?.code ?? '';
    const label = user.department ? localName(user.department) : '';
    const group = groups.get(key) ?? { label, users: [] };
    group.users.push(user);
    groups.set(key, group);
  }
  const option = (user: DirectoryUser) =>
    h(
      'option',
      { value: user.username, selected: user.username === selected },
      user.title ? `${user.displayName} (${user.title})` : user.displayName,
    );
  const options: (HTMLOptionElement | HTMLOptGroupElement)[] = [];
  if (selected && !directory.users.some((user) => user.username === selected)) {
    options.push(h('option', { value: selected, selected: true }, selected));
  }
  for (const { label, users } of groups.values()) {
    users.sort((a, b) => collator.compare(a.displayName, b.displayName));
    if (label) options.push(h('optgroup', { label }, users.map(option)));
    else options.push(...users.map(option));
  }
  return options;
}

/** Builds the `<option>`s of the unit's groups by name. */
export function groupOptions(directory: Directory, selected: string): HTMLOptionElement[] {
  const groups = [...directory.groups].sort((a, b) => collator.compare(localName(a), localName(b)));
  const options = groups.map((group) =>
    h('option', { value: group.code, selected: group.code === selected }, localName(group)),
  );
  if (selected && !groups.some((group) => group.code === selected)) {
    options.unshift(h('option', { value: selected, selected: true }, selected));
  }
  return options;
}

/** Builds the `<option>`s of the deployed procedures by name. */
export function procedureOptions(directory: Directory, selected: string): HTMLOptionElement[] {
  const procedures = [...directory.procedures].sort((a, b) => collator.compare(a.name, b.name));
  const options = procedures.map((procedure) =>
    h(
      'option',
      { value: procedure.bpmnProcessId, selected: procedure.bpmnProcessId === selected },
      procedure.name,
    ),
  );
  if (selected && !procedures.some((procedure) => procedure.bpmnProcessId === selected)) {
    options.unshift(h('option', { value: selected, selected: true }, selected));
  }
  return options;
}
