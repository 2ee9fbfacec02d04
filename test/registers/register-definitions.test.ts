import { describe, expect, it } from 'vitest';
import { contextIssuesRegister } from '../../src/registers/context/context-issues.js';
import { RegisterRegistry } from '../../src/registers/framework/register-registry.js';
import type { RegisterDefinition } from '../../src/registers/framework/register-definition.js';
import { createRegisterCatalog } from '../../src/registers/register-catalog.js';

function withSchemaProperties(properties: Record<string, unknown>): RegisterDefinition {
  const schema = contextIssuesRegister.schema as Record<string, unknown>;
  return { ...contextIssuesRegister, schema: { ...schema, properties } };
}

describe('register definitions', () => {
  it('catalog loads every register', () => {
    const names = createRegisterCatalog()
      .all()
      .map((definition) => definition.name);

    expect(names).toEqual([
      'context-issues',
      'interested-parties',
      'qms-scope',
      'quality-policy',
      'risks',
      'opportunities',
      'objectives',
      'controlled-documents',
      'document-versions',
      'document-revisions',
      'external-documents',
      'objective-measurements',
      'complaints',
      'satisfaction-ratings',
      'audit-programmes',
      'audit-plans',
      'audit-findings',
      'management-reviews',
      'review-actions',
      'corrective-actions',
    ]);
  });

  it('rejects a schema property without column', () => {
    const schema = contextIssuesRegister.schema as { properties: Record<string, unknown> };
    const definition = withSchemaProperties({ ...schema.properties, colour: { type: 'string' } });

    expect(() => new RegisterRegistry().add(definition)).toThrow(
      'schema property colour is not an editable column',
    );
  });

  it('rejects a column missing from the schema', () => {
    const { impact: _impact, ...properties } = (
      contextIssuesRegister.schema as { properties: Record<string, unknown> }
    ).properties;

    expect(() => new RegisterRegistry().add(withSchemaProperties(properties))).toThrow(
      'editable column impact is missing from the schema',
    );
  });

  it('rejects enum values that differ from options', () => {
    const schema = contextIssuesRegister.schema as { properties: Record<string, unknown> };
    const definition = withSchemaProperties({
      ...schema.properties,
      issueType: { type: 'string', enum: ['internal'] },
    });

    expect(() => new RegisterRegistry().add(definition)).toThrow(
      'the schema enum of issueType differs from its options',
    );
  });

  it('rejects a filter on an unknown column', () => {
    const definition: RegisterDefinition = {
      ...contextIssuesRegister,
      filters: [{ key: 'owner', kind: 'equals', columns: ['owner'], label: { vi: 'x', en: 'x' } }],
    };

    expect(() => new RegisterRegistry().add(definition)).toThrow('names unknown column owner');
  });

  it('rejects an unsortable default sort', () => {
    const definition: RegisterDefinition = {
      ...contextIssuesRegister,
      defaultSort: { column: 'description', order: 'asc' },
    };

    expect(() => new RegisterRegistry().add(definition)).toThrow('is not sortable');
  });

  it('rejects a register added twice', () => {
    const registry = new RegisterRegistry().add(contextIssuesRegister);

    expect(() => registry.add(contextIssuesRegister)).toThrow('defined twice');
  });
});
