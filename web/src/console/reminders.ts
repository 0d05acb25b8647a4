/** Reminders to the units that have not reported the day, and the outbox the notification sender wrote them to. */
import { wallClock } from '../format';
import { t } from '../i18n';
import { problemText, type ConsoleClient } from './client';
import { button, el, say, table, type SectionContext } from './dom';

export function mountReminders(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const outbox = el('div', { attrs: { 'data-testid': 'outbox' } });
  const send = button(t('console.sendReminders'), async () => {
    try {
      const { queued } = await client.remind(context.day());
      say(message, queued === 0 ? t('console.nobodyToRemind') : t('console.remindersQueued', { count: queued }));
      // The sender works through a queue: look at the outbox again while it does.
      for (let i = 0; i < 10 && queued > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 700));
        if ((await refresh()) >= queued) break;
      }
    } catch (error) {
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  });
  root.append(el('p', {}, send, ' ', button(t('console.refreshOutbox'), async () => { await refresh(); }, 'button secondary')), message,
    el('h3', { text: t('console.outbox') }), outbox);

  async function refresh(): Promise<number> {
    try {
      const { items } = await client.outbox(context.day());
      outbox.replaceChildren(items.length === 0 ? el('p', { text: t('console.outboxEmpty') })
        : el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('console.outboxCaption', { day: context.day() }) } }, table(t('console.outboxCaption', { day: context.day() }),
          [t('dashboard.unit'), t('console.channel'), t('console.recipient'), t('console.message'), t('console.sentAt')],
          items.map((item) => [item.unitName, item.channel, item.recipient, item.message, wallClock(item.sentAt)]))));
      return items.length;
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
      return 0;
    }
  }
  return async () => { await refresh(); };
}
