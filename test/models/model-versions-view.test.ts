// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { diffLines, prettyJson } from '../../src/web/model-versions/json-diff.js';
import { propertyLabel, sourceLabel } from '../../src/web/model-versions/labels.js';
import { migrationProblemTexts } from '../../src/web/model-versions/migration-problems.js';
import type { MigrationPlan } from '../../src/web/model-versions/versions-api.js';

function plan(overrides: Partial<MigrationPlan>): MigrationPlan {
  return {
    processInstanceKey: '1',
    businessKey: 'quality-objectives-2031',
    fromVersion: 1,
    toVersion: 3,
    elements: [],
    problems: [],
    migratable: false,
    ...overrides,
  };
}

describe('line diff of form JSON', () => {
  it('aligns a changed line between unchanged ones', () => {
    const before = prettyJson('{"id":"f","label":"Quyết định","key":"decision"}');
    const after = prettyJson('{"id":"f","label":"Quyết định của Ban Giám đốc","key":"decision"}');

    const lines = diffLines(before, after);

    expect(lines.filter((line) => line.kind === 'removed')).toEqual([
      { kind: 'removed', text: '  "label": "Quyết định",' },
    ]);
    expect(lines.filter((line) => line.kind === 'added')).toEqual([
      { kind: 'added', text: '  "label": "Quyết định của Ban Giám đốc",' },
    ]);
    expect(lines.filter((line) => line.kind === 'same')).toHaveLength(4);
  });

  it('keeps insertions in order', () => {
    const lines = diffLines('a\nb\nd', 'a\nb\nc\nd\ne');

    expect(lines).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
      { kind: 'added', text: 'c' },
      { kind: 'same', text: 'd' },
      { kind: 'added', text: 'e' },
    ]);
  });

  it('lists a block too large to align as removed then added', () => {
    const before = Array.from({ length: 2100 }, (_, index) => `old ${index}`).join('\n');
    const after = Array.from({ length: 2100 }, (_, index) => `new ${index}`).join('\n');

    const lines = diffLines(`start\n${before}\nend`, `start\n${after}\nend`);

    expect(lines).toHaveLength(4202);
    expect(lines[1]).toEqual({ kind: 'removed', text: 'old 0' });
    expect(lines[2101]).toEqual({ kind: 'added', text: 'new 0' });
    expect(lines.at(-1)).toEqual({ kind: 'same', text: 'end' });
  });

  it('returns text that is not JSON unchanged', () => {
    expect(prettyJson('{not json')).toBe('{not json');
  });
});

describe('labels of versions and diffs', () => {
  it('names the common property paths', () => {
    expect(propertyLabel('zeebe:AssignmentDefinition.candidateGroups')).toBe('Nhóm được giao');
    expect(propertyLabel('zeebe:TaskSchedule.dueDate')).toBe('Hạn xử lý');
    expect(propertyLabel('zeebe:FormDefinition.formId')).toBe('Biểu mẫu');
    expect(propertyLabel('conditionExpression')).toBe('Điều kiện');
    expect(propertyLabel('documentation[0]<bpmn:Documentation>.text')).toBe('Mô tả');
  });

  it('leaves unknown property paths raw', () => {
    expect(propertyLabel('zeebe:Properties.properties[0]<zeebe:Property>.value')).toBeNull();
  });

  it('names the sources of a version', () => {
    expect(sourceLabel('bundled')).toBe('Bản gốc của eiso');
    expect(sourceLabel('draft')).toBe('Phê duyệt thay đổi');
    expect(sourceLabel('api')).toBe('Triển khai qua API');
    expect(sourceLabel('import')).toBe('import');
  });
});

describe('migration problems in plain words', () => {
  it('describes a missing step by its name', () => {
    const problem = 'Task_DraftObjectives does not exist in version 3.';
    const texts = migrationProblemTexts(
      plan({
        elements: [
          {
            elementId: 'Task_DraftObjectives',
            type: 'bpmn:UserTask',
            name: 'Soạn thảo mục tiêu chất lượng',
            active: true,
            targetElementId: null,
            problem,
          },
        ],
        problems: [problem],
      }),
    );

    expect(texts).toEqual(['Bước «Soạn thảo mục tiêu chất lượng» không còn trong phiên bản 3.']);
  });

  it('describes a step whose type changed', () => {
    const problem = 'Task_X is a bpmn:UserTask in version 1 but a bpmn:ServiceTask in version 3.';
    const texts = migrationProblemTexts(
      plan({
        elements: [
          {
            elementId: 'Task_X',
            type: 'bpmn:UserTask',
            name: null,
            active: true,
            targetElementId: 'Task_X',
            problem,
          },
        ],
        problems: [problem],
      }),
    );

    expect(texts).toEqual(['Bước «Task_X» đổi loại trong phiên bản 3.']);
  });

  it('shows instance problems as localized by the server', () => {
    const texts = migrationProblemTexts(
      plan({
        problems: [
          'Hồ sơ đã hoàn thành.',
          'Trạng thái đã lưu của hồ sơ không chạy tiếp được trên phiên bản 3: missing child.',
        ],
      }),
    );

    expect(texts).toEqual([
      'Hồ sơ đã hoàn thành.',
      'Trạng thái đã lưu của hồ sơ không chạy tiếp được trên phiên bản 3: missing child.',
    ]);
  });
});
