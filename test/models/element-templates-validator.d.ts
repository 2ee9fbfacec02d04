// @bpmn-io/element-templates-validator ships no types, so this declares the part that the tests
// use.
declare module '@bpmn-io/element-templates-validator' {
  export interface TemplateValidation {
    valid: boolean;
    object: { id?: string };
    errors?: { message: string }[];
  }

  /** Validates element templates against the Zeebe element template JSON Schema. */
  export function validateAllZeebe(templates: unknown[]): {
    valid: boolean;
    results: TemplateValidation[];
  };
}
