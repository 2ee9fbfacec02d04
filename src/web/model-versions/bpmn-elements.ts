const bpmnNamespace = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/** The id, type and name of one element of a BPMN document. */
export interface BpmnElementInfo {
  id: string;
  /** The type as bpmn-moddle writes it, such as `bpmn:UserTask`. */
  type: string;
  name: string | null;
}

/** Reads every BPMN semantic element with an id from the XML, without loading bpmn-js. */
export function readBpmnElements(xml: string): Map<string, BpmnElementInfo> {
  const elements = new Map<string, BpmnElementInfo>();
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  for (const node of document.getElementsByTagNameNS(bpmnNamespace, '*')) {
    const id = node.getAttribute('id');
    if (!id) {
      continue;
    }
    const local = node.localName;
    elements.set(id, {
      id,
      type: `bpmn:${local.charAt(0).toUpperCase()}${local.slice(1)}`,
      name: node.getAttribute('name')?.trim() || null,
    });
  }
  return elements;
}

/** Returns the name of the first executable process in the XML, or of the first process. */
export function readProcessName(xml: string): string | null {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const processes = [...document.getElementsByTagNameNS(bpmnNamespace, 'process')];
  const process =
    processes.find((node) => node.getAttribute('isExecutable') === 'true') ?? processes[0];
  return process?.getAttribute('name')?.trim() || null;
}
