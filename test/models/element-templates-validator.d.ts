// Types of the part of @bpmn-io/element-templates-validator that the tests use; the package
// ships none.
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
