import { elementLabels, type LabelLanguage } from '../../history/element-labels.js';

const bpmnModel = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

/**
 * Labels every BPMN element with an id, without loading bpmn-js: its name, or for an unnamed
 * sequence flow or gateway a description such as "Luồng từ «A» đến «B»".
 */
export function readElementLabels(xml: string, language: LabelLanguage): Map<string, string> {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const elements = [...document.getElementsByTagNameNS(bpmnModel, '*')]
    .filter((element) => element.hasAttribute('id'))
    .map((element) => ({
      id: element.getAttribute('id') ?? '',
      name: element.getAttribute('name'),
      type: element.localName,
      sourceId: element.getAttribute('sourceRef'),
      targetId: element.getAttribute('targetRef'),
    }));
  return elementLabels(elements, language);
}
