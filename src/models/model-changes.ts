import type { Knex } from 'knex';
import type { ModdleElement } from 'moddle';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { BpmnModdle } from '../engine/embedded/compile.js';
import { diffModels } from './model-diff.js';

type Element = ModdleElement<{ id?: string; name?: string }>;

// Candidate groups of each user task: the static codes, or 'dynamic' for a FEEL expression.
async function userTaskGroups(xml: string): Promise<Map<string, string[] | 'dynamic'>> {
  const moddle = new BpmnModdle({ zeebe: zeebeSchema });
  const { elementsById } = await moddle.fromXML(xml);
  const groups = new Map<string, string[] | 'dynamic'>();
  for (const element of Object.values(elementsById) as Element[]) {
    if (!element.$instanceOf('bpmn:UserTask') || !element.id) continue;
    const values = ((element.get('extensionElements') as Element | undefined)?.get('values') ??
      []) as Element[];
    const assignment = values.find((value) => value.$instanceOf('zeebe:AssignmentDefinition'));
    const text = String(assignment?.get('candidateGroups') ?? '').trim();
    groups.set(
      element.id,
      text.startsWith('=')
        ? 'dynamic'
        : text
            .split(',')
            .map((code) => code.trim())
            .filter(Boolean),
    );
  }
  return groups;
}

/**
 * Lists the groups whose work changes between two versions of a process: the
 * candidate groups of every user task added, removed or changed. A task whose
 * groups are computed by FEEL may reach any department, so every department head is notified.
 */
export async function changedGroups(
  db: Knex | Knex.Transaction,
  unitId: string,
  beforeXml: string | null,
  afterXml: string,
): Promise<string[]> {
  const after = await userTaskGroups(afterXml);
  const before = beforeXml ? await userTaskGroups(beforeXml) : new Map();
  const ids = new Set<string>();
  if (beforeXml) {
    const diff = await diffModels(beforeXml, afterXml);
    for (const element of [...diff.added, ...diff.removed, ...diff.changed]) ids.add(element.id);
  } else {
    for (const id of after.keys()) ids.add(id);
  }
  const groups = new Set<string>();
  let dynamic = false;
  for (const id of ids) {
    for (const entry of [before.get(id), after.get(id)]) {
      if (entry === 'dynamic') dynamic = true;
      else for (const code of entry ?? []) groups.add(code);
    }
  }
  if (dynamic) {
    const heads = await db('groups')
      .where({ unit_id: unitId })
      .andWhereLike('code', 'head-%')
      .pluck('code');
    for (const code of heads as string[]) groups.add(code);
  }
  const known = new Set((await db('groups').where({ unit_id: unitId }).pluck('code')) as string[]);
  return [...groups].filter((code) => known.has(code)).sort();
}
