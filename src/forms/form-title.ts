/** A component of a form-js schema, as far as its title is concerned. */
interface TitledComponent {
  type?: unknown;
  text?: unknown;
  components?: unknown;
}

const headingLine = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m;

/**
 * Returns the title a person reads for a form: the schema's `name`, else the first Markdown
 * heading of its text components, else null. In a heading, a conditional template expression
 * (`{{if … then "a" else "b"}}`) becomes its first text, a bare variable (`{{year}}`) its string
 * or number value in `variables`, and any other expression "…".
 */
export function formTitle(schema: unknown, variables: Record<string, unknown> = {}): string | null {
  if (!schema || typeof schema !== 'object') return null;
  const { name, components } = schema as { name?: unknown; components?: unknown };
  if (typeof name === 'string' && name.trim() !== '') return name.trim();
  return firstHeading(components, variables);
}

function firstHeading(components: unknown, variables: Record<string, unknown>): string | null {
  if (!Array.isArray(components)) return null;
  for (const component of components as TitledComponent[]) {
    if (component?.type === 'text' && typeof component.text === 'string') {
      const heading = headingLine.exec(component.text)?.[1];
      const title = heading === undefined ? null : withoutTemplates(heading, variables);
      if (title) return title;
    }
    const nested = firstHeading(component?.components, variables);
    if (nested) return nested;
  }
  return null;
}

function withoutTemplates(heading: string, variables: Record<string, unknown>): string | null {
  const title = heading
    .replace(/\{\{\s*([A-Za-z_]\w*)\s*\}\}/g, (expression, name: string) => {
      const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
      return typeof value === 'string' || typeof value === 'number' ? String(value) : expression;
    })
    .replace(/\{\{\s*if\b[^}]*?\bthen\s*"([^"]*)"[^}]*\}\}/g, '$1')
    .replace(/\{\{[^}]*\}\}/g, '…')
    .replace(/…(\s*…)+/g, '…')
    .replace(/\s+([,.;:])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return /[\p{L}\p{N}]/u.test(title) ? title : null;
}
