import { getJson } from './core/api.js';
import { h } from './core/dom.js';
import { localName } from './core/format.js';
import {
  chooseReadingUnit,
  readingUnitId,
  restoreReadingUnit,
  type ReadableUnit,
} from './core/reading-unit.js';
import type { Session } from './core/types.js';
import { t } from './i18n/index.js';

/** Group whose members read the units that their agency supervises, and change nothing. */
const supervisingAuditorGroup = 'supervising-auditor';

// The header is rebuilt on every page, so the units are asked for once per user and page load.
let cached: { username: string; units: Promise<ReadableUnit[]> } | null = null;

function loadUnits(username: string): Promise<ReadableUnit[]> {
  if (cached?.username !== username) {
    const units = getJson<{ items: ReadableUnit[] }>('/api/readable-units').then(
      (body) => body.items,
    );
    cached = { username, units };
    // A failed request is asked again on the next page instead of hiding the switcher for good.
    units.catch(() => {
      if (cached?.units === units) cached = null;
    });
  }
  return cached.units;
}

/**
 * Restores the unit that the user chose in this tab. The layout calls it before a page sends its
 * requests, so that they name the chosen unit.
 */
export function restoreUnitChoice(session: Session): void {
  restoreReadingUnit(session.user.username);
}

function readOnlyBadge(unit: ReadableUnit): HTMLElement {
  return h(
    'p',
    { class: 'unit-bar-status', id: 'unit-bar-status' },
    h('span', { class: 'badge badge-read-only' }, t('auditAccess.unitSwitcher.readOnly')),
    ' ',
    t('auditAccess.unitSwitcher.readOnlyHint', { unit: localName(unit) }),
  );
}

function fillBar(bar: HTMLElement, session: Session, units: ReadableUnit[]): void {
  const own = units.find((unit) => unit.own);
  const chosenId = readingUnitId();
  const shown = units.find((unit) => unit.id === chosenId) ?? own ?? units[0];
  if (chosenId !== null && shown.id !== chosenId) {
    // The stored unit is no longer readable, for example after a supervision ended.
    chooseReadingUnit(session.user.username, null);
  }
  const select = h(
    'select',
    {
      id: 'unit-switcher',
      'aria-describedby': 'unit-bar-status',
      onchange: (event: Event) => {
        const unitId = (event.target as HTMLSelectElement).value;
        chooseReadingUnit(session.user.username, unitId === own?.id ? null : unitId);
        // Every page, its open requests and its cached data belong to the old unit.
        location.reload();
      },
    },
    units.map((unit) =>
      h(
        'option',
        { value: unit.id, selected: unit.id === shown.id },
        unit.own ? t('auditAccess.unitSwitcher.own', { unit: localName(unit) }) : localName(unit),
      ),
    ),
  );
  const groups = session.user.groups.map((group) => group.code);
  const readOnly = !shown.own || groups.includes(supervisingAuditorGroup);
  bar.classList.toggle('unit-bar-read-only', readOnly);
  bar.replaceChildren(
    h(
      'div',
      { class: 'unit-bar-choice' },
      h('label', { for: 'unit-switcher' }, t('auditAccess.unitSwitcher.label')),
      select,
    ),
    readOnly
      ? readOnlyBadge(shown)
      : h('p', { class: 'unit-bar-status', id: 'unit-bar-status' }, localName(shown)),
  );
  bar.hidden = false;
}

/**
 * Renders the bar under the header in which a user who reads more than one unit chooses the unit
 * that every page shows, and which states that the unit is read-only. The bar stays hidden for a
 * user who reads only their own unit.
 */
export function unitSwitcher(session: Session): HTMLElement {
  const bar = h('section', {
    class: 'unit-bar',
    'aria-label': t('auditAccess.unitSwitcher.region'),
    hidden: true,
  });
  loadUnits(session.user.username)
    .then((units) => {
      if (units.length > 1) fillBar(bar, session, units);
    })
    .catch(() => {
      // Without the list the user reads their own unit, which needs no switcher.
    });
  return bar;
}
