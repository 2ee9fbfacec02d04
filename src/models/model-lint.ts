import { createRequire } from 'node:module';
import type { ModdleElement } from 'moddle';
import { EisoError, type FieldError } from '../errors.js';
import { BpmnModdle } from '../engine/embedded/compile.js';
import { validateModel } from '../engine/embedded/model-validator.js';
import { parseFormSchema } from '../forms/form-schema-parser.js';
import { FormSchemaError, formSchemaMessages } from '../forms/form-schema-messages.js';
import type { Language } from '../registers/framework/register-definition.js';
import zeebeSchema from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { eisoRules, type EisoLintContext } from './eiso-lint-rules.js';
import { describeRule } from './lint-messages.js';

const require = createRequire(import.meta.url);

type Element = ModdleElement<{ id?: string; name?: string }>;

/** One problem that the lint found in a model or form. */
export interface LintProblem {
  /** The element to select in the modeler, or null when the problem concerns the whole file. */
  elementId: string | null;
  /** The problem in the language of the request. */
  message: string;
  /** The rule's own text, in English, kept for the technical reader. */
  detail: string;
  /** `bpmnlint/<rule>`, `camunda-compat/<rule>`, `eiso/<rule>`, `engine` or `form`. */
  rule: string;
  severity: 'error' | 'warning';
}

export type { EisoLintContext };

interface BpmnlintReport {
  id?: string;
  message: string;
  category: 'error' | 'warn' | 'info' | 'rule-error';
}

interface BpmnlintLinter {
  lint(root: unknown): Promise<Record<string, BpmnlintReport[]>>;
}

interface BpmnlintResolver {
  resolveRule(pkg: string, ruleName: string): unknown;
  resolveConfig(pkg: string, configName: string): unknown;
}

const { Linter } = require('bpmnlint') as {
  Linter: new (options: { config: object; resolver: BpmnlintResolver }) => BpmnlintLinter;
};
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options: {
  require: NodeJS.Require;
}) => BpmnlintResolver;

/** Camunda 8 version that eiso's models target when a file declares none. */
export const defaultPlatformVersion = '8.6';
const supportedPlatformVersions = ['8.6', '8.7', '8.8'];

// Serves eiso's own rules as the plugin `eiso` and everything else from node_modules.
class EisoResolver implements BpmnlintResolver {
  private readonly nodeResolver = new NodeResolver({ require });

  constructor(private readonly context: EisoLintContext) {}

  resolveRule(pkg: string, ruleName: string): unknown {
    if (pkg === 'bpmnlint-plugin-eiso') {
      const factory = eisoRules[ruleName];
      if (!factory) throw new Error(`eiso has no lint rule ${ruleName}`);
      return () => factory(this.context);
    }
    return this.nodeResolver.resolveRule(pkg, ruleName);
  }

  resolveConfig(pkg: string, configName: string): unknown {
    if (pkg === 'bpmnlint-plugin-eiso' && configName === 'recommended') {
      return {
        rules: Object.fromEntries(
          Object.keys(eisoRules).map((name) => [name, eisoRuleSeverity[name] ?? 'error']),
        ),
      };
    }
    return this.nodeResolver.resolveConfig(pkg, configName);
  }
}

const eisoRuleSeverity: Record<string, 'error' | 'warn'> = {
  'job-type-dynamic': 'warn',
};

/**
 * Returns the Camunda 8 minor version that a model declares in
 * `modeler:executionPlatformVersion`, limited to the versions that eiso checks.
 */
export function platformVersionOf(root: Element): string {
  const declared = root.get('executionPlatformVersion') as unknown;
  const attrs = (root as unknown as { $attrs?: Record<string, string> }).$attrs ?? {};
  const raw =
    typeof declared === 'string'
      ? declared
      : Object.entries(attrs).find(([name]) => name.endsWith(':executionPlatformVersion'))?.[1];
  const minor = /^(\d+\.\d+)/.exec(raw ?? '')?.[1];
  return minor && supportedPlatformVersions.includes(minor) ? minor : defaultPlatformVersion;
}

/**
 * Lints a BPMN model as the modeler shows it and the deployment enforces it.
 * It runs the checks that the embedded engine needs, bpmnlint's recommended
 * rules and the Camunda 8 compatibility rules for the version the file targets.
 * eiso's own rules check forms, assignments, groups, job types and script tasks.
 */
export async function lintProcessModel(
  xml: string,
  context: EisoLintContext,
): Promise<LintProblem[]> {
  const language = context.language;
  const { root, problems } = await engineFindings(xml, language);
  if (!root) return problems;

  const elementIds = collectIds(root);
  for (const problem of problems) {
    if (problem.elementId !== null && !elementIds.has(problem.elementId)) problem.elementId = null;
  }

  const linter = new Linter({
    config: {
      extends: [
        'bpmnlint:recommended',
        `plugin:camunda-compat/camunda-cloud-${platformVersionOf(root).replace('.', '-')}`,
        'plugin:eiso/recommended',
      ],
      // A missing name or diagram shape makes a model harder to read, but the engine runs it,
      // and models written by API clients often have neither: these warn instead of blocking.
      rules: { 'label-required': 'warn', 'no-bpmndi': 'warn' },
    },
    resolver: new EisoResolver(context),
  });
  const reports = await linter.lint(root);
  for (const [rule, entries] of Object.entries(reports)) {
    for (const entry of entries) {
      // A rule that throws is a defect of the rule, not of the model; bpmnlint logs it.
      if (entry.category === 'info' || entry.category === 'rule-error') continue;
      problems.push({
        elementId: entry.id && elementIds.has(entry.id) ? entry.id : null,
        message: describeRule(qualifiedRule(rule), entry.message, language),
        detail: entry.message,
        rule: qualifiedRule(rule),
        severity: entry.category === 'warn' ? 'warning' : 'error',
      });
    }
  }
  // Errors block a deployment, so they come first, each group in the order found.
  const unique = dedupe(problems);
  return [
    ...unique.filter((problem) => problem.severity === 'error'),
    ...unique.filter((problem) => problem.severity === 'warning'),
  ];
}

/**
 * Lints a form-js schema: the checks that deployment makes, as one problem that names the
 * component at fault, when there is one, so the form editor can select it.
 */
export function lintFormSchema(content: string, language: Language): LintProblem[] {
  try {
    parseFormSchema(content, 'form.form', language);
    return [];
  } catch (error) {
    if (!(error instanceof FormSchemaError)) throw error;
    const { issue } = error;
    return [
      {
        elementId: issue.componentId,
        message: describeRule('form', issue.write(formSchemaMessages(language)), language),
        detail: issue.write(formSchemaMessages('en')),
        rule: 'form',
        severity: 'error' as const,
      },
    ];
  }
}

/** True when any problem blocks a deployment. */
export function hasErrors(problems: LintProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

function qualifiedRule(rule: string): string {
  if (rule.startsWith('camunda-compat/') || rule.startsWith('eiso/')) return rule;
  return `bpmnlint/${rule.replace(/^bpmnlint\//, '')}`;
}

/** The findings of the engine's validator on one model, and the model's root when it was read. */
interface EngineCheck {
  root: Element | null;
  errors: FieldError[];
  warnings: FieldError[];
}

async function checkWithEngine(xml: string, language: Language): Promise<EngineCheck> {
  try {
    const model = await validateModel(xml, 'model.bpmn', language);
    const root = model.moddleContext.rootElement as unknown as Element;
    return { root, errors: [], warnings: model.warnings };
  } catch (error) {
    if (!(error instanceof EisoError)) throw error;
    const errors = error.details ?? [{ path: '', message: error.message }];
    return { root: await readForLint(xml), errors, warnings: [] };
  }
}

// A problem keeps the engine's English sentence as its detail and shows the request's language
// as its message. The validator is deterministic, so the two runs list the same problems in the
// same order.
async function engineFindings(
  xml: string,
  language: Language,
): Promise<{ root: Element | null; problems: LintProblem[] }> {
  const english = await checkWithEngine(xml, 'en');
  const localized = language === 'en' ? english : await checkWithEngine(xml, language);
  const problems = [
    ...english.errors.map((detail, index) =>
      engineProblem(detail, localized.errors[index] ?? detail, 'error', language),
    ),
    ...english.warnings.map((detail, index) =>
      engineProblem(detail, localized.warnings[index] ?? detail, 'warning', language),
    ),
  ];
  return { root: english.root, problems };
}

function engineProblem(
  detail: FieldError,
  localized: FieldError,
  severity: 'error' | 'warning',
  language: Language,
): LintProblem {
  const isPosition = /^\d+:\d+$/.test(detail.path);
  const where = isPosition
    ? ` (${language === 'vi' ? 'dòng:cột' : 'line:column'} ${detail.path})`
    : '';
  return {
    elementId: isPosition || detail.path === '' ? null : detail.path,
    message: describeRule('engine', localized.message, language) + where,
    detail: detail.message,
    rule: 'engine',
    severity,
  };
}

async function readForLint(xml: string): Promise<Element | null> {
  try {
    const moddle = new BpmnModdle({ zeebe: zeebeSchema });
    const context = await moddle.fromXML(xml);
    return context.rootElement as unknown as Element;
  } catch {
    return null;
  }
}

function collectIds(root: Element): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const element = node as Record<string, unknown>;
    if (typeof element.$type !== 'string') return;
    if (typeof element.id === 'string') ids.add(element.id);
    for (const [key, value] of Object.entries(element)) {
      // References point elsewhere in the tree; only owned children are walked.
      if (key.startsWith('$') || key.endsWith('Ref') || key === 'incoming' || key === 'outgoing')
        continue;
      visit(value);
    }
  };
  visit(root);
  return ids;
}

function dedupe(problems: LintProblem[]): LintProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.rule}|${problem.elementId}|${problem.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
