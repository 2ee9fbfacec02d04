import { ApiError, getJson, isAbortError, requestJson } from '../core/api.js';
import { h } from '../core/dom.js';
import { setFlash } from '../core/flash.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { isReadOnly, readOnlyNote } from '../core/read-only.js';
import type { Procedure } from '../core/types.js';
import { alertBox, errorMessage, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { substitutesSection } from './substitutes-section.js';
import { notificationPreferencesSection } from '../notifications/notification-preferences.js';

type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

interface RiskBand {
  level: RiskLevel;
  min: number;
  max: number;
}

/** The unit's settings as `/api/settings` returns them. */
interface UnitSettings {
  riskMatrix: { likelihoodLevels: number; severityLevels: number; bands: RiskBand[] };
  effectivenessCheckDays: number;
  complaintResponseDays: number;
  reminderDaysBefore: number;
  riskReviewMonths: number;
  auditProgrammeCycle: string;
  measurementCycle: string;
}

const levels: RiskLevel[] = ['low', 'medium', 'high', 'critical'];
const writerGroups = ['iso-secretary', 'board'];
const svgNamespace = 'http://www.w3.org/2000/svg';

// A cycle such as R/2027-01-15T08:00:00+07:00/P1Y splits into its first date
// (in Vietnam's time zone) and its period.
function splitCycle(cycle: string): { date: string; period: string } {
  const parts = cycle.split('/');
  const start = parts.length === 3 ? parts[1] : '';
  return { date: start.slice(0, 10), period: parts[parts.length - 1] ?? '' };
}

function joinCycle(date: string, period: string): string {
  return `R/${date}T08:00:00+07:00/${period}`;
}

function numberInput(name: string, value: number, min: number, max: number, disabled: boolean) {
  return h('input', {
    id: `settings-${name}`,
    name,
    type: 'number',
    inputmode: 'numeric',
    min,
    max,
    step: 1,
    required: true,
    value,
    disabled,
  });
}

function field(name: string, control: HTMLElement, hint?: string): HTMLElement {
  const hintId = hint ? `settings-${name}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'form-row' },
    h('label', { for: `settings-${name}` }, t(`settings.fields.${name}`)),
    control,
    hint ? h('p', { id: hintId, class: 'muted' }, hint) : null,
  );
}

function levelOf(bands: RiskBand[], score: number): RiskLevel | null {
  return bands.find((band) => score >= band.min && score <= band.max)?.level ?? null;
}

/** Draws the risk matrix with each cell coloured by the band of its score. */
function matrixPreview(matrix: UnitSettings['riskMatrix']): SVGSVGElement {
  const cell = 34;
  const margin = 28;
  const width = margin + matrix.severityLevels * cell;
  const height = matrix.likelihoodLevels * cell + margin;
  const svg = document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('settings.matrixPreview'));
  svg.classList.add('risk-matrix-preview');
  const add = (name: string, attributes: Record<string, string | number>, text?: string) => {
    const element = document.createElementNS(svgNamespace, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    svg.appendChild(element);
  };
  for (let likelihood = 1; likelihood <= matrix.likelihoodLevels; likelihood++) {
    const y = (matrix.likelihoodLevels - likelihood) * cell;
    add('text', { x: margin - 8, y: y + cell / 2 + 4, 'text-anchor': 'end' }, String(likelihood));
    for (let severity = 1; severity <= matrix.severityLevels; severity++) {
      const score = likelihood * severity;
      const level = levelOf(matrix.bands, score);
      const x = margin + (severity - 1) * cell;
      add('rect', {
        x,
        y,
        width: cell - 2,
        height: cell - 2,
        class: `risk-cell risk-${level ?? 'none'}`,
      });
      add(
        'text',
        { x: x + cell / 2 - 1, y: y + cell / 2 + 4, 'text-anchor': 'middle' },
        String(score),
      );
    }
  }
  for (let severity = 1; severity <= matrix.severityLevels; severity++) {
    const x = margin + (severity - 1) * cell + cell / 2 - 1;
    add('text', { x, y: height - 8, 'text-anchor': 'middle' }, String(severity));
  }
  return svg;
}

function bandRows(bands: RiskBand[], disabled: boolean): HTMLElement {
  const rows = levels.map((level) => {
    const band = bands.find((candidate) => candidate.level === level);
    const input = (bound: 'min' | 'max') =>
      h('input', {
        id: `settings-band-${level}-${bound}`,
        name: `band-${level}-${bound}`,
        type: 'number',
        min: 1,
        max: 100,
        step: 1,
        value: band ? band[bound] : '',
        disabled,
        'aria-label': `${t(`settings.levels.${level}`)}: ${t(`settings.band.${bound}`)}`,
      });
    return h(
      'tr',
      null,
      h(
        'th',
        { scope: 'row' },
        h('span', { class: `risk-swatch risk-${level}` }),
        t(`settings.levels.${level}`),
      ),
      h('td', null, input('min')),
      h('td', null, input('max')),
    );
  });
  return h(
    'table',
    { class: 'settings-bands' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, t('settings.band.level')),
        h('th', { scope: 'col' }, t('settings.band.min')),
        h('th', { scope: 'col' }, t('settings.band.max')),
      ),
    ),
    h('tbody', null, rows),
  );
}

function readNumber(form: HTMLFormElement, name: string): number {
  return Number((form.elements.namedItem(name) as HTMLInputElement).value);
}

function readValue(form: HTMLFormElement, name: string): string {
  return (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
}

// Bands left empty are dropped, so a unit may use fewer than four levels.
function readMatrix(form: HTMLFormElement): UnitSettings['riskMatrix'] {
  const bands = levels
    .map((level) => ({
      level,
      min: readValue(form, `band-${level}-min`),
      max: readValue(form, `band-${level}-max`),
    }))
    .filter((band) => band.min !== '' || band.max !== '')
    .map((band) => ({ level: band.level, min: Number(band.min), max: Number(band.max) }));
  return {
    likelihoodLevels: readNumber(form, 'likelihoodLevels'),
    severityLevels: readNumber(form, 'severityLevels'),
    bands,
  };
}

function readSettings(form: HTMLFormElement): UnitSettings {
  return {
    riskMatrix: readMatrix(form),
    effectivenessCheckDays: readNumber(form, 'effectivenessCheckDays'),
    complaintResponseDays: readNumber(form, 'complaintResponseDays'),
    reminderDaysBefore: readNumber(form, 'reminderDaysBefore'),
    riskReviewMonths: readNumber(form, 'riskReviewMonths'),
    auditProgrammeCycle: joinCycle(readValue(form, 'auditProgrammeDate'), 'P1Y'),
    measurementCycle: joinCycle(
      readValue(form, 'measurementDate'),
      readValue(form, 'measurementPeriod'),
    ),
  };
}

function nextStartNote(procedures: Procedure[], bpmnProcessId: string): HTMLElement | null {
  const procedure = procedures.find((candidate) => candidate.bpmnProcessId === bpmnProcessId);
  if (!procedure?.nextTimerStart) return null;
  return h(
    'p',
    { class: 'muted', 'data-next-start': bpmnProcessId },
    t('settings.nextStart', { date: formatDateTime(procedure.nextTimerStart) }),
  );
}

function settingsForm(
  context: PageContext,
  settings: UnitSettings,
  procedures: Procedure[],
  canWrite: boolean,
): HTMLFormElement {
  const disabled = !canWrite;
  const status = h('div', { 'aria-live': 'polite' });
  const preview = h('div', { class: 'matrix-preview' }, matrixPreview(settings.riskMatrix));
  const audit = splitCycle(settings.auditProgrammeCycle);
  const measurement = splitCycle(settings.measurementCycle);

  const form = h(
    'form',
    { class: 'settings-form', novalidate: true },
    h(
      'fieldset',
      null,
      h('legend', null, t('settings.sections.risk')),
      h(
        'div',
        { class: 'settings-matrix' },
        h(
          'div',
          null,
          field(
            'likelihoodLevels',
            numberInput('likelihoodLevels', settings.riskMatrix.likelihoodLevels, 2, 10, disabled),
          ),
          field(
            'severityLevels',
            numberInput('severityLevels', settings.riskMatrix.severityLevels, 2, 10, disabled),
          ),
          bandRows(settings.riskMatrix.bands, disabled),
        ),
        preview,
      ),
      field(
        'riskReviewMonths',
        numberInput('riskReviewMonths', settings.riskReviewMonths, 1, 60, disabled),
        t('settings.hints.riskReviewMonths'),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, t('settings.sections.deadlines')),
      field(
        'effectivenessCheckDays',
        numberInput('effectivenessCheckDays', settings.effectivenessCheckDays, 1, 730, disabled),
        t('settings.hints.effectivenessCheckDays'),
      ),
      field(
        'complaintResponseDays',
        numberInput('complaintResponseDays', settings.complaintResponseDays, 1, 90, disabled),
      ),
      field(
        'reminderDaysBefore',
        numberInput('reminderDaysBefore', settings.reminderDaysBefore, 0, 30, disabled),
        t('settings.hints.reminderDaysBefore'),
      ),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, t('settings.sections.schedules')),
      field(
        'auditProgrammeDate',
        h('input', {
          id: 'settings-auditProgrammeDate',
          name: 'auditProgrammeDate',
          type: 'date',
          required: true,
          value: audit.date,
          disabled,
        }),
        t('settings.hints.auditProgrammeDate'),
      ),
      nextStartNote(procedures, 'internal-audit'),
      field(
        'measurementPeriod',
        h(
          'select',
          { id: 'settings-measurementPeriod', name: 'measurementPeriod', disabled },
          ['P1M', 'P3M'].map((period) =>
            h(
              'option',
              { value: period, selected: measurement.period === period },
              t(`settings.periods.${period}`),
            ),
          ),
        ),
      ),
      field(
        'measurementDate',
        h('input', {
          id: 'settings-measurementDate',
          name: 'measurementDate',
          type: 'date',
          required: true,
          value: measurement.date,
          disabled,
        }),
        t('settings.hints.measurementDate'),
      ),
      nextStartNote(procedures, 'objective-measurement'),
    ),
    status,
    canWrite
      ? h(
          'div',
          { class: 'form-actions' },
          h('button', { type: 'submit', class: 'button button-primary' }, t('settings.save')),
        )
      : h('p', { class: 'muted' }, t('settings.readOnly')),
  );

  form.addEventListener('input', () => {
    preview.replaceChildren(matrixPreview(readMatrix(form)));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(context, form, status);
  });
  return form;
}

async function save(context: PageContext, form: HTMLFormElement, status: HTMLElement) {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    await requestJson<UnitSettings>('PATCH', '/api/settings', readSettings(form));
    setFlash('success', t('settings.saved'));
    context.reload();
  } catch (error) {
    const details = error instanceof ApiError ? error.details : [];
    status.replaceChildren(
      alertBox(
        'error',
        h('p', null, errorMessage(error)),
        details.length > 0
          ? h(
              'ul',
              null,
              details.map((detail) => h('li', null, detail.message)),
            )
          : null,
      ),
    );
  } finally {
    if (button) button.disabled = false;
  }
}

/** Renders the unit's settings: the risk matrix, deadlines and the dates of automatic starts. */
export async function renderSettingsPage(context: PageContext): Promise<void> {
  const title = t('settings.title');
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  try {
    const [settings, procedures] = await Promise.all([
      getJson<UnitSettings>('/api/settings', context.signal),
      getJson<{ items: Procedure[] }>('/api/procedures', context.signal),
    ]);
    const readOnly = isReadOnly(context.session);
    const canWrite =
      !readOnly && context.session.user.groups.some((group) => writerGroups.includes(group.code));
    context.root.replaceChildren(
      pageHeading(title),
      ...(readOnly ? [readOnlyNote()] : []),
      notificationPreferencesSection(context.signal),
      h('p', { class: 'muted' }, t('settings.intro')),
      settingsForm(context, settings, procedures.items, canWrite),
      substitutesSection(context),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(title), errorPanel(error, context.reload));
    }
  }
}
