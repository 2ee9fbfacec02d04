import { t } from '../i18n/index.js';
import { listModels } from './models-api.js';

/** A form that the unit has deployed, as the form link select lists it. */
export interface DeployedForm {
  id: string;
  title: string;
}

/** One option of the form link select. */
export interface FormLinkOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** State of the deployed forms request: loading, failed, or loaded with the forms. */
export type DeployedForms =
  { status: 'loading' } | { status: 'failed' } | { status: 'loaded'; forms: DeployedForm[] };

/**
 * Fetches the unit's deployed forms, sorted by title. A form that exists only as a draft has no
 * version, so it is left out.
 */
export async function loadDeployedForms(signal?: AbortSignal): Promise<DeployedForm[]> {
  const { forms } = await listModels(signal);
  return forms
    .filter((form) => form.versions.length > 0)
    .map((form) => ({ id: form.id, title: form.name?.trim() || form.id }))
    .sort((a, b) => a.title.localeCompare(b.title, 'vi'));
}

/**
 * Lists the deployed forms by title and id. A linked id that the unit has not deployed stays as an
 * option of its own, marked as not deployed, so that the select shows the model's value instead of
 * silently showing another form.
 */
export function formLinkOptions(forms: DeployedForms, formId: string): FormLinkOption[] {
  const deployed = forms.status === 'loaded' ? forms.forms : [];
  const options: FormLinkOption[] = deployed.map((form) => ({
    value: form.id,
    label: t('models.formLink.option', { title: form.title, id: form.id }),
  }));
  const listed = deployed.some((form) => form.id === formId);
  if (formId === '') {
    const placeholder =
      forms.status === 'loading'
        ? t('models.formLink.loading')
        : forms.status === 'failed'
          ? t('models.formLink.loadFailed')
          : t('models.formLink.choose');
    options.unshift({ value: '', label: placeholder, disabled: true });
  } else if (!listed) {
    // A FEEL expression names the form only when the process runs, so it is not "not deployed".
    // Until the list arrives, the id shows as it is.
    const label = formId.startsWith('=')
      ? t('models.formLink.expression', { id: formId })
      : forms.status === 'loaded'
        ? t('models.formLink.notDeployed', { id: formId })
        : formId;
    options.unshift({ value: formId, label });
  }
  return options;
}

/** Returns the hint under the select, or undefined when the linked form is deployed. */
export function formLinkDescription(forms: DeployedForms, formId: string): string | undefined {
  if (forms.status === 'loading') return t('models.formLink.loading');
  if (forms.status === 'failed') return t('models.formLink.loadFailed');
  if (formId === '' || formId.startsWith('=')) return undefined;
  return forms.forms.some((form) => form.id === formId)
    ? undefined
    : t('models.formLink.notDeployedHint', { id: formId });
}
