import { SaxesParser } from 'saxes';

/** An element of the document markup that the templates produce. */
export interface MarkupElement {
  name: string;
  attributes: Record<string, string>;
  children: MarkupNode[];
}

export type MarkupNode = MarkupElement | string;

/**
 * Parses the markup that a document template produced into a tree. Handlebars escapes every
 * value it inserts, so data cannot add elements; a parse error is a fault of the template and
 * names it. DOCTYPEs are rejected because no template needs entity declarations.
 */
export function parseMarkup(xml: string, templateName: string): MarkupElement {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  const root: MarkupElement = { name: '#root', attributes: {}, children: [] };
  const stack: MarkupElement[] = [root];
  const fail = (message: string): never => {
    throw new Error(`Template ${templateName} produced invalid markup: ${message}`);
  };

  parser.on('error', (error) => fail(error.message));
  parser.on('doctype', () => fail(`a DOCTYPE at line ${parser.line}`));
  parser.on('opentag', (tag) => {
    const element: MarkupElement = { name: tag.name, attributes: tag.attributes, children: [] };
    stack[stack.length - 1].children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    stack[stack.length - 1].children.push(text);
  });
  parser.write(xml).close();

  const elements = root.children.filter((child) => typeof child !== 'string');
  if (elements.length !== 1 || elements[0].name !== 'document') {
    fail('the root element must be a single <document>');
  }
  return elements[0] as MarkupElement;
}

/** Returns the child elements of `element`, skipping the whitespace between them. */
export function childElements(element: MarkupElement): MarkupElement[] {
  return element.children.filter((child): child is MarkupElement => typeof child !== 'string');
}

/** Returns the text of `element` and its descendants with runs of whitespace made one space. */
export function plainText(element: MarkupElement): string {
  const parts = element.children.map((child) =>
    typeof child === 'string' ? child : plainText(child),
  );
  return trimWhitespace(collapseWhitespace(parts.join('')));
}

/**
 * Makes each run of ASCII whitespace one space. Template indentation and line ends are not
 * content; a no-break space (`&#160;`) is, so it is kept.
 */
export function collapseWhitespace(text: string): string {
  return text.replace(/[ \t\r\n]+/g, ' ');
}

/** Trims ASCII whitespace only, unlike `String.prototype.trim`, which also drops no-break spaces. */
export function trimWhitespace(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}
