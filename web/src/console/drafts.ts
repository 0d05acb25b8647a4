/** Bulletin drafts waiting for review: read the composed text, approve to publish under the approver's name. */
import { t } from '../i18n';
import { problemText, type ConsoleClient } from './client';
import { button, el, say, type SectionContext } from './dom';

export function mountDrafts(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const list = el('ul', { className: 'draft-list', attrs: { 'data-testid': 'drafts' } });
  root.append(message, list);

  async function refresh(): Promise<void> {
    try {
      const drafts = await client.drafts();
      list.replaceChildren(...(drafts.length === 0 ? [el('li', { text: t('console.noDrafts') })] : drafts.map((draft) => {
        // The server composes this HTML and encodes all text in it, as on the public bulletin page.
        const preview = el('div', { className: 'bulletin-body' });
        preview.innerHTML = draft.html;
        const details = el('details', {}, el('summary', { text: t('console.readDraft') }), preview);
        const approve = button(t('console.approve'), async () => {
          try {
            const result = await client.approve(draft.periodKey);
            say(message, t('console.approved', { period: draft.periodKey, number: result.number ?? '', total: result.totalNumber ?? '' }));
            await refresh();
            context.changed('drafts');
          } catch (error) {
            say(message, problemText(error, t('console.actionError')), 'error');
          }
        });
        approve.setAttribute('aria-label', `${t('console.approve')} ${draft.periodKey}`);
        return el('li', { attrs: { 'data-period': draft.periodKey } }, el('h3', { text: `${draft.periodKey} · ${draft.headline}` }), details, approve);
      })));
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }
  return refresh;
}
