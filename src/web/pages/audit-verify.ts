import { getJson, isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import { formatDateTime } from '../core/format.js';
import type { PageContext } from '../core/page.js';
import { alertBox, errorPanel, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';

/** Days per request: the server accepts up to 92, and a month keeps the progress moving. */
const daysPerRequest = 31;
const dayMs = 86_400_000;
const vietnamOffsetMs = 7 * 3_600_000;

interface VerificationProblem {
  reason: string;
  processInstanceKey: string | null;
  eventId: string | null;
  position: number | null;
  expectedPosition: number | null;
  type: string | null;
  createdAt: string | null;
  day: string | null;
  recordedEventCount?: number;
  foundEventCount?: number;
}

interface PeriodVerification {
  valid: boolean;
  checkedEvents: number;
  checkedDays: number;
  firstProblem: VerificationProblem | null;
}

function vietnamToday(): string {
  return new Date(Date.now() + vietnamOffsetMs).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;
}

/** Splits a period into the periods of the successive requests. */
function periods(from: string, to: string): [string, string][] {
  const result: [string, string][] = [];
  for (let start = from; start <= to; start = addDays(start, daysPerRequest)) {
    const end = addDays(start, daysPerRequest - 1);
    result.push([start, end < to ? end : to]);
  }
  return result;
}

function problemView(problem: VerificationProblem): HTMLElement {
  const facts: [string, string | HTMLElement][] = [
    [t('auditTrail.problem.reason'), t(`auditTrail.reason.${problem.reason}`)],
  ];
  if (problem.day) facts.push([t('auditTrail.problem.day'), problem.day]);
  if (problem.type) facts.push([t('auditTrail.problem.type'), problem.type]);
  if (problem.position !== null)
    facts.push([
      t('auditTrail.problem.position'),
      problem.expectedPosition !== null && problem.expectedPosition !== problem.position
        ? t('auditTrail.problem.positionExpected', {
            position: problem.position,
            expected: problem.expectedPosition,
          })
        : String(problem.position),
    ]);
  if (problem.eventId) facts.push([t('auditTrail.problem.eventId'), problem.eventId]);
  if (problem.createdAt)
    facts.push([t('auditTrail.problem.time'), formatDateTime(problem.createdAt)]);
  if (problem.recordedEventCount !== undefined)
    facts.push([
      t('auditTrail.problem.counts'),
      t('auditTrail.problem.countsValue', {
        recorded: problem.recordedEventCount,
        found: problem.foundEventCount ?? 0,
      }),
    ]);
  if (problem.processInstanceKey)
    facts.push([
      t('auditTrail.problem.instance'),
      h(
        'a',
        { href: `#/instances/${encodeURIComponent(problem.processInstanceKey)}` },
        t('auditTrail.problem.openInstance', { key: problem.processInstanceKey }),
      ),
    ]);
  return alertBox(
    'error',
    h('p', { class: 'audit-verify-verdict' }, t('auditTrail.result.invalid')),
    h(
      'dl',
      { class: 'audit-verify-facts' },
      facts.map(([label, value]) => [h('dt', null, label), h('dd', null, value)]),
    ),
  );
}

/** Runs the verification of the unit's history over a period, month by month, with progress. */
export async function renderAuditVerifyPage(context: PageContext): Promise<void> {
  const { root, signal } = context;
  context.setTitle(t('auditTrail.title'));
  const today = vietnamToday();
  const fromInput = h('input', {
    type: 'date',
    id: 'audit-verify-from',
    name: 'from',
    required: true,
    max: today,
    value: addDays(today, -30),
  });
  const toInput = h('input', {
    type: 'date',
    id: 'audit-verify-to',
    name: 'to',
    required: true,
    max: today,
    value: today,
  });
  const button = h(
    'button',
    { type: 'submit', class: 'button button-primary' },
    t('auditTrail.run'),
  );
  const progress = h('progress', {
    class: 'audit-verify-progress',
    max: 1,
    value: 0,
    hidden: true,
  });
  const status = h('p', { class: 'audit-verify-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { class: 'audit-verify-result' });

  async function run(): Promise<void> {
    const from = fromInput.value;
    const to = toInput.value;
    // A new run starts without the progress line and the verdict of the run before.
    replaceChildren(result);
    status.textContent = '';
    progress.hidden = true;
    if (!from || !to || to < from) {
      replaceChildren(result, alertBox('error', t('auditTrail.invalidPeriod')));
      return;
    }
    const parts = periods(from, to);
    const totalDays = daysBetween(from, to);
    let doneDays = 0;
    let events = 0;

    button.disabled = true;
    progress.hidden = false;
    progress.max = totalDays;
    progress.value = 0;
    try {
      for (const [start, end] of parts) {
        status.textContent = t('auditTrail.progress', {
          done: doneDays,
          total: totalDays,
          day: start,
        });
        const query = new URLSearchParams({ from: start, to: end });
        const part = await getJson<PeriodVerification>(`/api/audit/verification?${query}`, signal);
        events += part.checkedEvents;
        doneDays += daysBetween(start, end);
        progress.value = doneDays;

        if (part.firstProblem) {
          status.textContent = t('auditTrail.stopped', { day: part.firstProblem.day ?? start });
          replaceChildren(result, problemView(part.firstProblem));
          return;
        }
      }

      status.textContent = t('auditTrail.finished', { total: totalDays });
      replaceChildren(
        result,
        alertBox(
          'success',
          h('p', { class: 'audit-verify-verdict' }, t('auditTrail.result.valid')),
          h('p', null, t('auditTrail.result.validDetail', { events, days: totalDays, from, to })),
        ),
      );
    } catch (error) {
      if (isAbortError(error)) return;
      status.textContent = t('auditTrail.failed', { done: doneDays, total: totalDays });
      replaceChildren(
        result,
        errorPanel(error, () => void run()),
      );
    } finally {
      button.disabled = false;
    }
  }

  const form = h(
    'form',
    {
      class: 'audit-verify-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void run();
      },
    },
    h('label', { for: 'audit-verify-from' }, t('auditTrail.from')),
    fromInput,
    h('label', { for: 'audit-verify-to' }, t('auditTrail.to')),
    toInput,
    button,
  );
  replaceChildren(
    root,
    pageHeading(t('auditTrail.title')),
    h('p', { class: 'audit-verify-intro' }, t('auditTrail.intro')),
    form,
    progress,
    status,
    result,
  );
}
