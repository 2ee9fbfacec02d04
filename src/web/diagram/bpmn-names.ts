/** Reads the `name` of every BPMN element with an id, without loading bpmn-js. */
export function readElementNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of document.querySelectorAll('[id][name]')) {
    const name = element.getAttribute('name')?.trim();
    if (name) {
      names.set(element.getAttribute('id') ?? '', name);
    }
  }
  return names;
}
