/** Counts flagged as far above their 7-day average: shown for a coordinator to check with the unit. */
import { t } from '../i18n';
import { problemText, type ConsoleClient } from './client';
import { el, say, table, type SectionContext } from './dom';

export function mountFlagged(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const body = el('div', { attrs: { 'data-testid': 'flagged' } });
  root.append(message, body);
  return async () => {
    try {
      const flagged = await client.flagged(context.day());
      body.replaceChildren(flagged.length === 0
        ? el('p', { text: t('console.noFlagged') })
        : table(t('console.flagged'), [t('dashboard.site'), t('dashboard.unit'), t('console.version'), t('console.reason')],
          flagged.map((row) => [row.siteId, row.unitId, String(row.version), row.flagReason ?? ''])));
      say(message, '');
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  };
}
