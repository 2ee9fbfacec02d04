import fs from 'node:fs/promises';
import path from 'node:path';
import { validateAllZeebe } from '@bpmn-io/element-templates-validator';
import { describe, expect, it } from 'vitest';
import { WorkerRegistry } from '../../src/jobs/job-worker.js';
import { registerNotifyWorker } from '../../src/notifications/notify-worker.js';
import { procedureModules } from '../../src/procedures/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const templatesFile = path.join(root, 'element-templates/eiso-service-tasks.json');

interface TemplateProperty {
  type?: string;
  value?: string;
  binding: { type: string; property?: string; key?: string };
}

interface ElementTemplate {
  id: string;
  name: string;
  description: string;
  properties: TemplateProperty[];
}

async function readTemplates(): Promise<ElementTemplate[]> {
  return JSON.parse(await fs.readFile(templatesFile, 'utf8')) as ElementTemplate[];
}

function jobType(template: ElementTemplate): string | undefined {
  const property = template.properties.find(
    (candidate) =>
      candidate.binding.type === 'zeebe:taskDefinition' && candidate.binding.property === 'type',
  );
  return property?.value;
}

function registeredJobTypes(): string[] {
  const registry = new WorkerRegistry();
  registerNotifyWorker(registry);
  for (const module of procedureModules) module.registerWorkers?.(registry);
  return registry.types();
}

async function jobTypesOfModels(): Promise<Set<string>> {
  const dir = path.join(root, 'processes');
  const types = new Set<string>();
  for (const file of await fs.readdir(dir)) {
    const xml = await fs.readFile(path.join(dir, file), 'utf8');
    for (const match of xml.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)) {
      types.add(match[1]);
    }
  }
  return types;
}

describe('element templates of eiso service tasks', () => {
  it('match the Zeebe element template schema', async () => {
    const templates = await readTemplates();

    const { valid, results } = validateAllZeebe(templates);

    const errors = results.flatMap((result) =>
      (result.errors ?? []).map((error) => `${result.object.id}: ${error.message}`),
    );
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('name a job type that a worker handles', async () => {
    const registered = new Set(registeredJobTypes());

    const unknown = (await readTemplates())
      .map((template) => jobType(template))
      .filter((type) => type === undefined || !registered.has(type));

    expect(unknown).toEqual([]);
  });

  it('cover every worker and every job type of the models', async () => {
    const templateTypes = new Set((await readTemplates()).map((template) => jobType(template)));

    const missingWorkers = registeredJobTypes().filter((type) => !templateTypes.has(type));
    const missingModelTypes = [...(await jobTypesOfModels())].filter(
      (type) => !templateTypes.has(type),
    );

    expect(missingWorkers).toEqual([]);
    expect(missingModelTypes).toEqual([]);
  });

  it('have unique ids and Vietnamese names and descriptions', async () => {
    const templates = await readTemplates();
    // Every Vietnamese sentence has letters with diacritics, which lie outside ASCII.
    const vietnamese = /[\u00c0-\u1ef9]/;

    expect(new Set(templates.map((template) => template.id)).size).toBe(templates.length);
    expect(new Set(templates.map((template) => template.name)).size).toBe(templates.length);
    for (const template of templates) {
      expect(template.name, template.id).toMatch(vietnamese);
      expect(template.description, template.id).toMatch(vietnamese);
    }
  });

  it('let the notification template set every header the worker reads', async () => {
    const notify = (await readTemplates()).find((template) => jobType(template) === 'eiso.notify');

    const headers = notify?.properties
      .filter((property) => property.binding.type === 'zeebe:taskHeader')
      .map((property) => property.binding.key);

    expect(headers).toEqual(['recipients', 'title', 'titleEn', 'kind', 'link']);
  });
});
