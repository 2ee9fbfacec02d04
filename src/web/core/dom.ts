/** A child of `h()`: text is inserted as a text node, never parsed as HTML. */
export type Child = Node | string | number | null | undefined | false | Child[];

type Listener = (event: Event) => void;
type AttributeValue = string | number | boolean | null | undefined;

/** Attributes of `h()`: `on<event>` keys add listeners, `false`/`null`/`undefined` are omitted. */
export type Attributes = Record<string, AttributeValue | Listener>;

function appendChildren(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (Array.isArray(child)) {
      appendChildren(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else if (child !== null && child !== undefined && child !== false) {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

function applyAttribute(
  element: HTMLElement,
  name: string,
  value: AttributeValue | Listener,
): void {
  if (typeof value === 'function') {
    element.addEventListener(name.slice(2).toLowerCase(), value);
  } else if (value === true) {
    element.setAttribute(name, '');
  } else if (value !== false && value !== null && value !== undefined) {
    element.setAttribute(name, String(value));
  }
}

/** Creates an element with attributes, listeners and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes?: Attributes | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    applyAttribute(element, name, value);
  }
  appendChildren(element, children);
  return element;
}

/** Replaces the children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  appendChildren(parent, children);
}

/** Joins class names, skipping empty ones. */
export function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}
