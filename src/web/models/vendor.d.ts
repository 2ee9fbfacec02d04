// Type declarations of the bpmn-io packages that ship JavaScript without types. Each names only
// what eiso uses: the modules handed to bpmn-js's `additionalModules`.

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, unknown>;
  export const BpmnPropertiesProviderModule: Record<string, unknown>;
  export const ZeebePropertiesProviderModule: Record<string, unknown>;
  export const ZeebeTooltipProvider: Record<string, unknown>;
}

declare module 'bpmn-js-element-templates' {
  export const CloudElementTemplatesPropertiesProviderModule: Record<string, unknown>;
}

declare module '@bpmn-io/element-template-chooser' {
  const ElementTemplateChooserModule: Record<string, unknown>;
  export default ElementTemplateChooserModule;
}

declare module 'bpmn-js-create-append-anything' {
  export const CreateAppendElementTemplatesModule: Record<string, unknown>;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud/index.js' {
  const ZeebeBehaviorsModule: Record<string, unknown>;
  export default ZeebeBehaviorsModule;
}

// The properties panel hook and entry that the form link select of form-link-provider.ts uses.
declare module 'bpmn-js-properties-panel' {
  export function useService<T>(name: string): T;
}

declare module '@bpmn-io/properties-panel' {
  export function SelectEntry(props: {
    element: unknown;
    id: string;
    label: string;
    description?: string;
    getValue: () => string;
    setValue: (value: string) => void;
    getOptions: () => { value: string; label: string; disabled?: boolean }[];
  }): unknown;
}
