/**
 * Readable labels for the elements of a BPMN model, so that history, replay and exports never
 * show an element id as its name. A named element keeps its name. An unnamed sequence flow is
 * described by the elements it joins, and an unnamed flow node by its kind, with the named
 * element next to a gateway or event to tell it apart. The server and the browser both use
 * this module, so the pages and the exports label an element alike.
 */

/** Language of the labels: the interface's Vietnamese or English. */
export type LabelLanguage = 'vi' | 'en';

/** One element of a model as the labels need it. */
export interface ModelElement {
  id: string;
  name: string | null;
  /** BPMN type with or without the `bpmn:` prefix, such as `bpmn:ParallelGateway` or `parallelGateway`. */
  type: string;
  /** For a sequence flow: the element it leaves. */
  sourceId?: string | null;
  /** For a sequence flow: the element it enters. */
  targetId?: string | null;
}

const kinds: Record<LabelLanguage, Record<string, string>> = {
  vi: {
    startevent: 'Sự kiện bắt đầu',
    endevent: 'Sự kiện kết thúc',
    intermediatecatchevent: 'Sự kiện chờ',
    intermediatethrowevent: 'Sự kiện trung gian',
    boundaryevent: 'Sự kiện biên',
    exclusivegateway: 'Cổng rẽ nhánh',
    parallelgateway: 'Cổng song song',
    inclusivegateway: 'Cổng rẽ nhánh bao hàm',
    eventbasedgateway: 'Cổng theo sự kiện',
    complexgateway: 'Cổng phức hợp',
    usertask: 'Công việc',
    servicetask: 'Tác vụ tự động',
    scripttask: 'Tác vụ tự động',
    businessruletask: 'Tác vụ quy tắc nghiệp vụ',
    sendtask: 'Tác vụ gửi',
    receivetask: 'Tác vụ nhận',
    manualtask: 'Công việc thủ công',
    task: 'Công việc',
    callactivity: 'Quy trình con',
    subprocess: 'Quy trình con',
    sequenceflow: 'Luồng',
    other: 'Bước không tên',
  },
  en: {
    startevent: 'Start event',
    endevent: 'End event',
    intermediatecatchevent: 'Intermediate catch event',
    intermediatethrowevent: 'Intermediate throw event',
    boundaryevent: 'Boundary event',
    exclusivegateway: 'Exclusive gateway',
    parallelgateway: 'Parallel gateway',
    inclusivegateway: 'Inclusive gateway',
    eventbasedgateway: 'Event-based gateway',
    complexgateway: 'Complex gateway',
    usertask: 'User task',
    servicetask: 'Service task',
    scripttask: 'Script task',
    businessruletask: 'Business rule task',
    sendtask: 'Send task',
    receivetask: 'Receive task',
    manualtask: 'Manual task',
    task: 'Task',
    callactivity: 'Call activity',
    subprocess: 'Sub-process',
    sequenceflow: 'Sequence flow',
    other: 'Unnamed step',
  },
};

const phrases: Record<LabelLanguage, { flow: string; before: string; after: string }> = {
  vi: {
    flow: 'Luồng từ «{source}» đến «{target}»',
    before: '{kind} trước «{neighbor}»',
    after: '{kind} sau «{neighbor}»',
  },
  en: {
    flow: 'Flow from «{source}» to «{target}»',
    before: '{kind} before «{neighbor}»',
    after: '{kind} after «{neighbor}»',
  },
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}

function typeKey(type: string): string {
  return type.replace(/^bpmn:/, '').toLowerCase();
}

/** Returns the words for an element's kind, such as "Cổng song song" for a parallel gateway. */
export function elementKindLabel(type: string, language: LabelLanguage): string {
  return kinds[language][typeKey(type)] ?? kinds[language].other;
}

function isSequenceFlow(element: ModelElement): boolean {
  return typeKey(element.type) === 'sequenceflow';
}

/**
 * Labels every element of a model by id: its own name when it has one, a description
 * otherwise. The id stays available as the key of the map.
 */
export function elementLabels(
  elements: ModelElement[],
  language: LabelLanguage,
): Map<string, string> {
  const byId = new Map(elements.map((element) => [element.id, element]));
  const flows = elements.filter(isSequenceFlow);
  // A flow's ends are named by their own name or kind only, so that labels never nest.
  const shortLabel = (id: string | null | undefined): string => {
    const element = id ? byId.get(id) : undefined;
    if (!element) return kinds[language].other;
    return element.name?.trim() || elementKindLabel(element.type, language);
  };

  const labels = new Map<string, string>();
  for (const element of elements) {
    const name = element.name?.trim();
    if (name) labels.set(element.id, name);
    else if (isSequenceFlow(element))
      labels.set(
        element.id,
        fill(phrases[language].flow, {
          source: shortLabel(element.sourceId),
          target: shortLabel(element.targetId),
        }),
      );
    else labels.set(element.id, placedNodeLabel(element, flows, byId, language));
  }
  return labels;
}

// An unnamed node is identified by the named element it leads to, or else the one it follows,
// when it has exactly one such neighbor. So a joining gateway is placed by the step after it
// and a splitting gateway by the step before it.
function placedNodeLabel(
  element: ModelElement,
  flows: ModelElement[],
  byId: Map<string, ModelElement>,
  language: LabelLanguage,
): string {
  const kind = elementKindLabel(element.type, language);
  const namedNeighbor = (ids: (string | null | undefined)[]): string | null => {
    if (ids.length !== 1) return null;
    const neighbor = ids[0] ? byId.get(ids[0]) : undefined;
    return neighbor?.name?.trim() || null;
  };
  const next = namedNeighbor(
    flows.filter((flow) => flow.sourceId === element.id).map((flow) => flow.targetId),
  );
  if (next) return fill(phrases[language].before, { kind, neighbor: next });
  const previous = namedNeighbor(
    flows.filter((flow) => flow.targetId === element.id).map((flow) => flow.sourceId),
  );
  if (previous) return fill(phrases[language].after, { kind, neighbor: previous });
  return kind;
}
