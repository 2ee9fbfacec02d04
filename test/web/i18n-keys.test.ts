import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const webRoot = path.resolve(import.meta.dirname, '../../src/web');

type Catalog = { [key: string]: string | Catalog };

function flattenKeys(catalog: Catalog, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([name, value]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    return typeof value === 'string' ? [key] : flattenKeys(value, key);
  });
}

function readCatalog(language: 'vi' | 'en'): string[] {
  const file = path.join(webRoot, 'i18n', `${language}.json`);
  return flattenKeys(JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog);
}

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return entry.name.endsWith('.ts') ? [file] : [];
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The values that a substitution may take: the members of a string literal type such as
// `'missing' | 'typeChanged'`, or null for any string.
function literalValues(checker: ts.TypeChecker, expression: ts.Expression): string[] | null {
  const type = checker.getTypeAtLocation(expression);
  const members = type.isUnion() ? type.types : [type];
  const values = members.map((member) => (member.isStringLiteral() ? member.value : null));
  return values.every((value) => value !== null) ? (values as string[]) : null;
}

/**
 * Collects the strings of the web app's sources and the patterns of its template literals. A
 * substitution of a string literal type stands for its values, any other for one key segment.
 */
function keyReferences(): { strings: Set<string>; patterns: RegExp[] } {
  const files = sourceFiles(webRoot);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    resolveJsonModule: true,
    strict: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const strings = new Set<string>();
  const patterns: RegExp[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      strings.add(node.text);
    } else if (ts.isTemplateExpression(node)) {
      const literals = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
      // A template of substitutions alone, such as `${prefix}${name}`, names no key.
      if (literals.join('').replace(/\./g, '') !== '') {
        let pattern = escapeRegExp(node.head.text);
        for (const span of node.templateSpans) {
          const values = literalValues(checker, span.expression);
          pattern += values ? `(?:${values.map(escapeRegExp).join('|')})` : '[^.]+';
          pattern += escapeRegExp(span.literal.text);
        }
        patterns.push(new RegExp(`^${pattern}$`));
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source) visit(source);
  }
  return { strings, patterns };
}

describe('web i18n catalogues', () => {
  const references = keyReferences();

  function isReferenced(key: string): boolean {
    if (references.strings.has(key)) return true;
    const parent = key.slice(0, key.lastIndexOf('.') + 1);
    if (parent !== '' && references.strings.has(parent)) return true;
    return references.patterns.some((pattern) => pattern.test(key));
  }

  it('have the same keys in both languages', () => {
    expect(readCatalog('en')).toEqual(readCatalog('vi'));
  });

  it.each(['vi', 'en'] as const)('%s has no unused key', (language) => {
    const unused = readCatalog(language).filter((key) => !isReferenced(key));

    expect(unused).toEqual([]);
  });
});
