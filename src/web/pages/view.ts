import type { PageContext } from '../core/page.js';
import { errorPanel, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { procedureViews } from '../views/view-registry.js';

/** Renders the procedure view named in the route, such as `#/views/risk-heat-map`. */
export async function renderViewPage(context: PageContext): Promise<void> {
  const view = procedureViews.get(context.route.params.name ?? '');
  if (!view) {
    const title = t('views.notFoundTitle');
    context.setTitle(title);
    context.root.replaceChildren(
      pageHeading(title),
      errorPanel(new Error(t('views.notFound', { name: context.route.params.name ?? '' }))),
    );
    return;
  }
  await view.page(context);
}
