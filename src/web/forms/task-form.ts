import '@bpmn-io/form-js/dist/assets/form-js.css';
import { Form } from '@bpmn-io/form-js';
import type { ErrorDetail, FormSchema, Variables } from '../core/types.js';
import { getLanguage, t } from '../i18n/index.js';
import { errorPath, fieldDefinition, fieldInput, fieldInstances } from './form-internals.js';
import type { FieldInstance } from './form-internals.js';
import {
  formatFormDates,
  freeTextLines,
  localizeFormJs,
  localizeText,
} from './localize-form-js.js';
import { translateSchema } from './translate-schema.js';
import { guardTypedDates, readableDateFormat } from './typed-dates.js';

type Errors = Record<string, unknown>;
type FormOptions = NonNullable<ConstructorParameters<typeof Form>[0]>;

/** One invalid field, for the error summary above the form. */
export interface FormIssue {
  label: string;
  message: string;
  /** Focuses the field, or null when no rendered field matches the error. */
  focus: (() => void) | null;
}

/** A mounted form-js viewer for a user task. */
export interface TaskForm {
  /** Validates the form and returns the submitted data with the issues of the invalid fields. */
  submit(): { data: Variables; issues: FormIssue[]; files: Map<string, File[]> };
  /** Shows the server's validation errors next to their fields and returns them for the summary. */
  showServerErrors(details: ErrorDetail[]): FormIssue[];
  setReadOnly(readOnly: boolean): void;
  destroy(): void;
}

function readAt(errors: Errors, path: (string | number)[]): string[] {
  let node: unknown = errors;
  for (const part of path) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  return Array.isArray(node) ? node.filter((item): item is string => typeof item === 'string') : [];
}

function writeAt(errors: Errors, path: (string | number)[], messages: string[]): void {
  let node = errors;
  path.slice(0, -1).forEach((part) => {
    const next = node[part];
    node[part] = typeof next === 'object' && next !== null ? next : {};
    node = node[part] as Errors;
  });
  const last = path[path.length - 1];
  if (last !== undefined) {
    const existing = Array.isArray(node[last]) ? (node[last] as string[]) : [];
    node[last] = [...existing, ...messages];
  }
}

function clearAt(errors: Errors, path: (string | number)[]): void {
  let node: unknown = errors;
  for (const part of path.slice(0, -1)) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  const last = path[path.length - 1];
  if (typeof node === 'object' && node !== null && last !== undefined) {
    delete (node as Record<string | number, unknown>)[last];
  }
}

/** Builds a field label preceded by its repeated parents, such as "Danh sách mục tiêu 2 › Chỉ tiêu". */
function issueLabel(form: Form, instance: FieldInstance): string {
  const field = fieldDefinition(form, instance.id);
  const parts: string[] = [];
  let parentId = field?._parent;
  const indexes = Object.values(instance.indexes ?? {});
  while (parentId) {
    const parent = fieldDefinition(form, parentId);
    if (parent?.type === 'dynamiclist') {
      const index = indexes.pop();
      parts.unshift(
        `${parent.label ?? parent.key ?? ''} ${index === undefined ? '' : index + 1}`.trim(),
      );
    }
    parentId = parent?._parent;
  }
  parts.push(field?.label || field?.dateLabel || field?.key || instance.id);
  return parts.join(' › ');
}

function focusFor(form: Form, container: Element, instance: FieldInstance): () => void {
  return () => fieldInput(form, container, instance)?.focus();
}

function pathKey(path: (string | number)[]): string {
  return path.map(String).join('/');
}

/** Splits a JSON pointer such as `/objectives/0/targetValue` into its unescaped parts. */
function pointerParts(pointer: string): string[] {
  return pointer
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Finds the field for a server error path, falling back to the closest rendered ancestor path. */
function instanceForPointer(
  instances: FieldInstance[],
  pointer: string,
): FieldInstance | undefined {
  const parts = pointerParts(pointer);
  const byPath = new Map(instances.map((instance) => [pathKey(instance.valuePath), instance]));
  for (let length = parts.length; length > 0; length -= 1) {
    const match = byPath.get(parts.slice(0, length).join('/'));
    if (match) {
      return match;
    }
  }
  return undefined;
}

/** Marks each field's wrapper with its value path, such as `objectives.0.title`, for tests and styles. */
function annotatePaths(form: Form, container: Element): void {
  for (const instance of fieldInstances(form)) {
    const wrapper = fieldInput(form, container, instance)?.closest('.fjs-form-field');
    const path = instance.valuePath.join('.');
    if (wrapper && wrapper.getAttribute('data-eiso-path') !== path) {
      wrapper.setAttribute('data-eiso-path', path);
    }
  }
}

function observeRendering(form: Form, container: Element, data: Variables): MutationObserver {
  const freeText = freeTextLines(data);
  const update = (): void => {
    annotatePaths(form, container);
    formatFormDates(container, freeText);
    if (getLanguage() === 'vi') {
      localizeFormJs(container);
    }
  };
  const observer = new MutationObserver(update);
  observer.observe(container, { childList: true, subtree: true, characterData: true });
  update();
  return observer;
}

function collectIssues(form: Form, container: Element, errors: Errors): FormIssue[] {
  return fieldInstances(form).flatMap((instance) =>
    readAt(errors, errorPath(instance)).map((message) => ({
      label: issueLabel(form, instance),
      message: localizeText(message),
      focus: focusFor(form, container, instance),
    })),
  );
}

function serverIssues(
  form: Form,
  container: Element,
  details: ErrorDetail[],
): { errors: Errors; issues: FormIssue[] } {
  const errors: Errors = {};
  const instances = fieldInstances(form);
  const issues = details.map((detail) => {
    const instance = instanceForPointer(instances, detail.path);
    if (!instance) {
      return {
        label: detail.path || t('task.form.wholeForm'),
        message: detail.message,
        focus: null,
      };
    }
    writeAt(errors, errorPath(instance), [detail.message]);
    return {
      label: issueLabel(form, instance),
      message: detail.message,
      focus: focusFor(form, container, instance),
    };
  });
  return { errors, issues };
}

/** Renders a form-js schema with the task's variables as data, in the current language. */
export async function mountTaskForm(
  container: HTMLElement,
  schema: FormSchema,
  formId: string | null,
  data: Variables,
  readOnly: boolean,
): Promise<TaskForm> {
  const localized = getLanguage() === 'en' ? translateSchema(schema, formId) : schema;
  // NOTE: form-js 1.23 commits typed text 300 ms after the last key, and a re-render before then
  // (its number field commits again 300 ms after blur) resets the input to the older value.
  // `debounce: false`, a Form option missing from its types, commits every key at once instead.
  const options: FormOptions & { debounce: false } = {
    container,
    properties: { readOnly },
    debounce: false,
  };
  const form = new Form(options);
  await form.importSchema(localized, data);
  const observer = observeRendering(form, container, data);

  // Impossible dates typed into date inputs, by input element, with the message shown for each.
  const rejectedDates = new Map<HTMLInputElement, { instance: FieldInstance; message: string }>();
  const showRejectedDates = (errors: Errors): Errors => {
    const merged = structuredClone(errors);
    for (const { instance, message } of rejectedDates.values()) {
      if (!readAt(merged, errorPath(instance)).includes(message)) {
        writeAt(merged, errorPath(instance), [message]);
      }
    }
    return merged;
  };
  const removeDateGuard = guardTypedDates(container, (input, rejected) => {
    const instance = fieldInstances(form).find(
      (candidate) => fieldInput(form, container, candidate) === input,
    );
    if (!instance) return;
    if (rejected === null && !rejectedDates.has(input)) return;
    const errors = structuredClone(form._getState().errors as Errors);
    // The field's earlier message goes first, so that a new rejection replaces it.
    if (rejectedDates.has(input)) clearAt(errors, errorPath(instance));
    if (rejected === null) {
      rejectedDates.delete(input);
    } else {
      const message = t('task.form.invalidDate', { text: rejected, format: readableDateFormat() });
      rejectedDates.set(input, { instance, message });
    }
    form._setState({ errors: showRejectedDates(errors) });
  });

  return {
    submit() {
      // form-js keeps the files of `filepicker` fields apart and leaves a `files::` key in the data.
      const {
        data: submitted,
        errors,
        files,
      } = form.submit() as ReturnType<Form['submit']> & {
        files?: Map<string, File[]>;
      };
      let shown = errors as Errors;
      if (rejectedDates.size > 0) {
        shown = showRejectedDates(shown);
        form._setState({ errors: shown });
      }
      return {
        data: submitted,
        issues: collectIssues(form, container, shown),
        files: files ?? new Map(),
      };
    },
    showServerErrors(details) {
      const { errors, issues } = serverIssues(form, container, details);
      // form-js 1.23 has no public API to set errors, so this calls `_setState` as its own validate() does.
      form._setState({ errors });
      return issues;
    },
    setReadOnly(value) {
      form.setProperty('readOnly', value);
    },
    destroy() {
      removeDateGuard();
      observer.disconnect();
      form.destroy();
    },
  };
}
