import { isAbortError } from '../core/api.js';
import { h, replaceChildren } from '../core/dom.js';
import type { PageContext } from '../core/page.js';
import { buildHash } from '../core/router.js';
import { alertBox, errorPanel, loading, pageHeading } from '../core/ui.js';
import { t } from '../i18n/index.js';
import { mayEditModels } from '../models/model-access.js';
import { loadDraft } from '../models/models-api.js';

/**
 * Renders `#/models/drafts/<id>`, the link of a procedure change's approval task: it reads the
 * draft and opens the editor of its process or form on it.
 */
export async function renderModelDraftPage(context: PageContext): Promise<void> {
  const id = context.route.params.id ?? '';
  const title = t('models.draft.pageTitle', { id });
  context.setTitle(title);
  const body = h('div', null, loading());
  replaceChildren(context.root, pageHeading(title), body);
  if (!mayEditModels(context.session)) {
    replaceChildren(body, alertBox('error', h('p', null, t('models.forbidden'))));
    return;
  }
  try {
    const draft = await loadDraft(id, context.signal);
    const path = `/models/${draft.kind}/${encodeURIComponent(draft.resourceId)}`;
    // The editor's address takes this one's place in the history, so Back skips the redirect.
    location.replace(buildHash(path, { draft: draft.id }));
  } catch (error) {
    if (!isAbortError(error)) {
      replaceChildren(body, errorPanel(error, context.reload));
    }
  }
}
