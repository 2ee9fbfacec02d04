import type { ModdleElement } from 'moddle';

type Element = ModdleElement<{ id?: string; name?: string }>;

/** Context of eiso's lint rules; a null set skips that check. */
export interface EisoLintContext {
  /** Codes of the unit's groups, such as `head-VP`. */
  groups: ReadonlySet<string> | null;
  /** Ids of the forms deployed in the unit, or sent in the same deployment. */
  forms: ReadonlySet<string> | null;
  /** Job types that a worker of this service handles. */
  jobTypes: ReadonlySet<string> | null;
  /** Language of the messages. */
  language: 'vi' | 'en';
}

interface Reporter {
  report(id: string, message: string): void;
}

interface Rule {
  check(node: Element, reporter: Reporter): void;
}

type RuleFactory = (context: EisoLintContext) => Rule;

const JOB_ELEMENTS = [
  'bpmn:ServiceTask',
  'bpmn:SendTask',
  'bpmn:BusinessRuleTask',
  'bpmn:ScriptTask',
  'bpmn:IntermediateThrowEvent',
  'bpmn:EndEvent',
];

function extension(element: Element, type: string): Element | undefined {
  const extensionElements = element.get('extensionElements') as Element | undefined;
  const values = (extensionElements?.get('values') ?? []) as Element[];
  return values.find((value) => value.$instanceOf(type));
}

function text(element: Element | undefined, property: string): string {
  const value = element?.get(property) as unknown;
  return typeof value === 'string' ? value.trim() : '';
}

function isUserTask(node: Element): boolean {
  return node.$instanceOf('bpmn:UserTask');
}

function label(node: Element): string {
  return node.name ? `"${node.name}" (${node.id})` : `${node.id}`;
}

function say(context: EisoLintContext, vi: string, en: string): string {
  return context.language === 'vi' ? vi : en;
}

const userTaskForm: RuleFactory = (context) => ({
  check(node, reporter) {
    if (!isUserTask(node)) return;
    const form = extension(node, 'zeebe:FormDefinition');
    const formId = text(form, 'formId');
    const linked = formId || text(form, 'formKey') || text(form, 'externalReference');
    if (!linked) {
      reporter.report(
        node.id ?? '',
        say(
          context,
          `Nhiệm vụ ${label(node)} chưa có biểu mẫu. Trong mục Form, chọn loại "Camunda Form (linked)" và chọn mã một biểu mẫu đã triển khai.`,
          `User task ${label(node)} has no form. Under Form, choose the type "Camunda Form (linked)" and pick a deployed form ID.`,
        ),
      );
      return;
    }
    if (formId && context.forms && !context.forms.has(formId)) {
      reporter.report(
        node.id ?? '',
        say(
          context,
          `Nhiệm vụ ${label(node)} dùng biểu mẫu "${formId}", biểu mẫu này chưa được triển khai trong đơn vị. Chọn một biểu mẫu đã triển khai hoặc triển khai biểu mẫu trước.`,
          `User task ${label(node)} links the form "${formId}", which is not deployed in this unit. Pick a deployed form or deploy the form first.`,
        ),
      );
    }
  },
});

const userTaskAssignment: RuleFactory = (context) => ({
  check(node, reporter) {
    if (!isUserTask(node)) return;
    const assignment = extension(node, 'zeebe:AssignmentDefinition');
    const assigned =
      text(assignment, 'assignee') ||
      text(assignment, 'candidateGroups') ||
      text(assignment, 'candidateUsers');
    if (!assigned) {
      reporter.report(
        node.id ?? '',
        say(
          context,
          `Nhiệm vụ ${label(node)} chưa giao cho ai. Trong mục Assignment, điền Candidate groups (ví dụ iso-secretary) hoặc Assignee.`,
          `User task ${label(node)} has no assignment. Under Assignment, set Candidate groups (such as iso-secretary) or an assignee.`,
        ),
      );
    }
  },
});

const candidateGroupsExist: RuleFactory = (context) => ({
  check(node, reporter) {
    if (!isUserTask(node) || !context.groups) return;
    const groups = text(extension(node, 'zeebe:AssignmentDefinition'), 'candidateGroups');
    // A FEEL expression names its groups only when the task opens.
    if (!groups || groups.startsWith('=')) return;
    for (const group of groups.split(',').map((entry) => entry.trim())) {
      if (group && !context.groups.has(group)) {
        reporter.report(
          node.id ?? '',
          say(
            context,
            `Nhiệm vụ ${label(node)} giao cho nhóm "${group}", nhóm này không có trong đơn vị. Các nhóm có: ${known(context.groups)}.`,
            `User task ${label(node)} names the candidate group "${group}", which does not exist in this unit. The unit's groups: ${known(context.groups)}.`,
          ),
        );
      }
    }
  },
});

// The unit's group codes for a message, sorted, at most 20 of them.
function known(groups: ReadonlySet<string>): string {
  const codes = [...groups].sort();
  return codes.length > 20 ? `${codes.slice(0, 20).join(', ')}, …` : codes.join(', ');
}

const noScriptTask: RuleFactory = (context) => ({
  check(node, reporter) {
    if (!node.$instanceOf('bpmn:ScriptTask')) return;
    reporter.report(
      node.id ?? '',
      say(
        context,
        `Không dùng được tác vụ kịch bản (script task) ${label(node)}: eiso không chạy mã lệnh trong mô hình. Hãy dùng tác vụ dịch vụ với một mẫu của eiso.`,
        `Script task ${label(node)} is not allowed: eiso runs no scripts from models. Use a service task with one of eiso's templates.`,
      ),
    );
  },
});

function taskType(node: Element): string | null {
  if (!JOB_ELEMENTS.some((type) => node.$instanceOf(type))) return null;
  const definition = extension(node, 'zeebe:TaskDefinition');
  if (!definition) return null;
  return text(definition, 'type');
}

const jobTypeKnown: RuleFactory = (context) => ({
  check(node, reporter) {
    const type = taskType(node);
    if (!type || type.startsWith('=') || !context.jobTypes) return;
    if (!context.jobTypes.has(type)) {
      reporter.report(
        node.id ?? '',
        say(
          context,
          `Tác vụ ${label(node)} có loại "${type}", không bộ xử lý nào của eiso nhận loại này nên hồ sơ sẽ dừng ở đây. Hãy chọn một mẫu của eiso.`,
          `Task ${label(node)} has the type "${type}", which no eiso worker handles, so its instances would stop there. Pick one of eiso's templates.`,
        ),
      );
    }
  },
});

const jobTypeDynamic: RuleFactory = (context) => ({
  check(node, reporter) {
    const type = taskType(node);
    if (!type?.startsWith('=')) return;
    reporter.report(
      node.id ?? '',
      say(
        context,
        `Tác vụ ${label(node)} tính loại bằng FEEL (${type}); eiso chỉ kiểm tra được khi chạy.`,
        `Task ${label(node)} computes its type with FEEL (${type}); eiso can check it only when it runs.`,
      ),
    );
  },
});

/** eiso's own lint rules, served to bpmnlint as the plugin `eiso`. */
export const eisoRules: Record<string, RuleFactory> = {
  'user-task-form': userTaskForm,
  'user-task-assignment': userTaskAssignment,
  'candidate-groups-exist': candidateGroupsExist,
  'no-script-task': noScriptTask,
  'job-type-known': jobTypeKnown,
  'job-type-dynamic': jobTypeDynamic,
};
