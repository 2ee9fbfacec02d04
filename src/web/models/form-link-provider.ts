import { SelectEntry } from '@bpmn-io/properties-panel';
import { useService } from 'bpmn-js-properties-panel';
import { t } from '../i18n/index.js';
import {
  formLinkDescription,
  formLinkOptions,
  loadDeployedForms,
  type DeployedForms,
} from './form-link-options.js';

// The Zeebe provider (bpmn-js-properties-panel 5.65) registers at priority 500. A provider with a
// lower priority runs after it, so the Form group exists when this provider edits it.
const PRIORITY = 100;
const ENTRY_ID = 'eisoFormLink';
// The id that the Zeebe provider gives the "Form ID" entry of a linked Camunda form.
const FORM_ID_ENTRY = 'formId';

interface ModdleElement {
  $type: string;
  get(name: string): unknown;
  values?: ModdleElement[];
}

interface PanelElement {
  businessObject: ModdleElement;
}

interface PanelEntry {
  id: string;
  component: (props: { element: PanelElement; id: string }) => unknown;
  isEdited?: (node: HTMLSelectElement | null) => boolean;
}

interface PanelGroup {
  id: string;
  entries?: PanelEntry[];
}

interface Modeling {
  updateModdleProperties(
    element: PanelElement,
    moddleElement: ModdleElement,
    properties: Record<string, unknown>,
  ): void;
}

interface EventBus {
  on(event: string, listener: () => void): void;
  fire(event: string): void;
}

interface PropertiesPanel {
  registerProvider(priority: number, provider: FormLinkProvider): void;
}

function formDefinitionOf(element: PanelElement): ModdleElement | undefined {
  const extensions = element.businessObject.get('extensionElements') as ModdleElement | undefined;
  return extensions?.values?.find((value) => value.$type === 'zeebe:FormDefinition');
}

/**
 * Adds a select of the unit's deployed forms above the "Form ID" field of a linked Camunda form.
 * The field stays for a FEEL expression and for a form that is deployed later. The select writes
 * the same `formId` through `modeling`, so undo, the draft status and the lint follow the change.
 */
export class FormLinkProvider {
  static $inject = ['propertiesPanel', 'eventBus'];

  private forms: DeployedForms = { status: 'loading' };

  constructor(propertiesPanel: PropertiesPanel, eventBus: EventBus) {
    propertiesPanel.registerProvider(PRIORITY, this);
    // One request per modeler, because the page mounts one modeler and the list changes only on deploy.
    const abort = new AbortController();
    eventBus.on('diagram.destroy', () => abort.abort());
    loadDeployedForms(abort.signal).then(
      (forms) => this.settle(eventBus, abort, { status: 'loaded', forms }),
      () => this.settle(eventBus, abort, { status: 'failed' }),
    );
  }

  private settle(eventBus: EventBus, abort: AbortController, forms: DeployedForms): void {
    if (abort.signal.aborted) return;
    this.forms = forms;
    // Makes the panel ask the providers again, which renders the select with the loaded list.
    eventBus.fire('propertiesPanel.providersChanged');
  }

  getGroups(_element: PanelElement): (groups: PanelGroup[]) => PanelGroup[] {
    return (groups) => {
      const entries = groups.find((group) => group.id === 'form')?.entries;
      const index = entries?.findIndex((entry) => entry.id === FORM_ID_ENTRY) ?? -1;
      if (entries && index >= 0) {
        const forms = this.forms;
        entries.splice(index, 0, {
          id: ENTRY_ID,
          component: (props) => FormLinkSelect({ ...props, forms }),
          isEdited: (node) => Boolean(node?.value),
        });
      }
      return groups;
    };
  }
}

function FormLinkSelect(props: { element: PanelElement; id: string; forms: DeployedForms }) {
  const { element, id, forms } = props;
  const modeling = useService<Modeling>('modeling');
  const formId = (): string => {
    const value = formDefinitionOf(element)?.get('formId');
    return typeof value === 'string' ? value : '';
  };
  return SelectEntry({
    element,
    id,
    label: t('models.formLink.label'),
    description: formLinkDescription(forms, formId()),
    getValue: formId,
    setValue: (value: string) => {
      const definition = formDefinitionOf(element);
      if (definition && value !== '') {
        modeling.updateModdleProperties(element, definition, { formId: value });
      }
    },
    getOptions: () => formLinkOptions(forms, formId()),
  });
}

/** The bpmn-js module that adds the form link select, for `additionalModules`. */
export const formLinkModule = {
  __init__: ['eisoFormLinkProvider'],
  eisoFormLinkProvider: ['type', FormLinkProvider],
};
