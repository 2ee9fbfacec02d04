import { isAbortError } from '../core/api.js';
import { h } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { loadRegisters, localized } from '../registers/register-format.js';
import type { RegisterDefinition } from '../registers/register-types.js';
import { procedureViews, viewTitle } from '../views/view-registry.js';

/** Registers that keep a page of their own, which the card links to as well. */
const ownPages: Record<string, { href: string; label: string }> = {
  objectives: { href: '#/objectives', label: 'registers.objectivesPage' },
  'management-reviews': { href: '#/views/management-reviews', label: 'registers.viewPage' },
};

function registerCard(definition: RegisterDefinition): HTMLElement {
  const href = `#/registers/${encodeURIComponent(definition.name)}`;
  const own = ownPages[definition.name];
  const titleId = `register-${definition.name}`;
  return h(
    'li',
    { class: 'card register-card', 'data-register': definition.name },
    h('p', { class: 'register-clause' }, t('registers.clause', { clause: definition.clause })),
    h('h2', { id: titleId }, h('a', { href: own?.href ?? href }, localized(definition.title))),
    h('p', { class: 'muted' }, localized(definition.description)),
    definition.readOnly ? h('p', { class: 'register-note' }, t('registers.readOnly')) : null,
    own ? h('p', null, h('a', { href }, t('registers.openTable'))) : null,
  );
}

// Charts and summaries of the procedures, such as the risk heat map.
function viewLinks(): HTMLElement | null {
  const listed = [...procedureViews.values()].filter((view) => view.listed);
  if (listed.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'views-heading' },
    h('h2', { id: 'views-heading' }, t('views.heading')),
    h(
      'ul',
      { class: 'view-links' },
      listed.map((view) =>
        h('li', null, h('a', { href: `#/views/${view.name}` }, viewTitle(view))),
      ),
    ),
  );
}

/** Renders the list of the ISO 9001 registers that the user may see. */
export async function renderRegistersPage(context: PageContext): Promise<void> {
  const title = t('registers.title');
  context.setTitle(title);
  context.root.replaceChildren(pageHeading(title), loading());
  try {
    const definitions = await loadRegisters(context.signal);
    const views = viewLinks();
    context.root.replaceChildren(
      pageHeading(title),
      h('p', { class: 'muted' }, t('registers.intro')),
      h('ul', { class: 'card-grid register-cards' }, definitions.map(registerCard)),
      ...(views ? [views] : []),
    );
  } catch (error) {
    if (!isAbortError(error)) {
      context.root.replaceChildren(pageHeading(title), errorPanel(error, context.reload));
    }
  }
}
