/** Messages that failed five times, by queue, with why they failed and a button to send one back to its queue. */
import { wallClock } from '../format';
import { t } from '../i18n';
import { problemText, type ConsoleClient } from './client';
import { button, el, say } from './dom';

export function mountPoison(root: HTMLElement, client: ConsoleClient): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const body = el('div', { attrs: { 'data-testid': 'poison' } });
  root.append(message, body);

  async function refresh(): Promise<void> {
    try {
      const { queues } = await client.poison();
      const withMessages = queues.filter((queue) => queue.messages.length > 0);
      body.replaceChildren(...(withMessages.length === 0 ? [el('p', { text: t('console.noPoison') })] : withMessages.map((queue) => el('section', { attrs: { 'aria-label': queue.queue } },
        el('h3', { text: t('console.queue', { queue: queue.queue, count: queue.messages.length }) }),
        el('ul', { className: 'poison-list' }, ...queue.messages.map((item) => {
          const replay = button(t('console.replay'), async () => {
            try {
              await client.replay(queue.queue, item.messageId);
              say(message, t('console.replayed', { id: item.messageId }));
              await refresh();
            } catch (error) {
              say(message, problemText(error, t('console.actionError')), 'error');
            }
          }, 'button secondary');
          replay.setAttribute('aria-label', `${t('console.replay')} ${item.messageId}`);
          return el('li', { attrs: { 'data-message-id': item.messageId } },
            el('p', { className: 'poison-summary', text: item.summary }),
            el('p', { className: 'hint', text: [item.reason ?? '', t('console.tries', { count: item.dequeueCount }), item.insertedOn ? wallClock(item.insertedOn) : ''].filter(Boolean).join(' · ') }),
            replay);
        }))))));
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }
  return refresh;
}
