/** The operations panel: each queue's backlog and poison count, each bulletin series against its timer, and what needs attention. */
import { wallClock } from '../format';
import { t, type MessageKey } from '../i18n';
import { problemText, type ConsoleClient, type HealthDetail } from './client';
import { button, el, say } from './dom';

/** What an attention code (poison:registrations, stuck:daily-counts, late:zhenggong) says to a person. */
export function attentionText(code: string): string {
  const [kind, subject = ''] = code.split(':', 2);
  switch (kind) {
    case 'poison': return t('console.opsPoison', { queue: subject });
    case 'stuck': return t('console.opsStuck', { queue: subject });
    case 'late': return t('console.opsLate', { series: subject });
    default: return code;
  }
}

const stateKeys: Record<'published' | 'draft' | 'pending', MessageKey> = {
  published: 'console.opsStatePublished',
  draft: 'console.opsStateDraft',
  pending: 'console.opsStatePending',
};

/** Seconds as people say a wait: 45 秒, 12 分钟, 3 小时. */
export function waited(seconds: number): string {
  if (seconds < 90) return t('console.opsSeconds', { count: Math.round(seconds) });
  if (seconds < 90 * 60) return t('console.opsMinutes', { count: Math.round(seconds / 60) });
  return t('console.opsHours', { count: Math.round(seconds / 3600) });
}

export function mountOperations(root: HTMLElement, client: ConsoleClient): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const body = el('div', { attrs: { 'data-testid': 'operations' } });
  const refreshButton = button(t('console.opsRefresh'), () => refresh(), 'button secondary');
  root.append(refreshButton, message, body);
  let last: HealthDetail | null = null;

  function render(detail: HealthDetail): void {
    const summary = el('p', {
      className: detail.status === 'ok' ? 'ops-ok' : 'ops-attention',
      attrs: { 'data-status': detail.status },
      text: detail.status === 'ok' ? t('console.opsOk') : t('console.opsAttention', { count: detail.attention.length }),
    });
    const attention = detail.attention.length === 0 ? [] : [el('ul', { className: 'ops-attention-list' }, ...detail.attention.map((code) => el('li', { attrs: { 'data-code': code }, text: attentionText(code) })))];
    const queues = el('table', { className: 'data-table' },
      el('caption', { text: t('console.opsQueues') }),
      el('thead', {}, el('tr', {}, ...(['console.opsQueue', 'console.opsDepth', 'console.opsOldest', 'console.opsPoisonCount'] as const).map((key) => el('th', { attrs: { scope: 'col' }, text: t(key) })))),
      el('tbody', {}, ...detail.queues.map((queue) => el('tr', { attrs: { 'data-queue': queue.queue } },
        el('th', { attrs: { scope: 'row' }, text: queue.queue }),
        el('td', { text: String(queue.depth) }),
        el('td', { text: queue.depth === 0 ? '—' : waited(queue.oldestAgeSeconds) }),
        el('td', { text: String(queue.poison) })))));
    const bulletins = el('table', { className: 'data-table' },
      el('caption', { text: t('console.opsBulletins') }),
      el('thead', {}, el('tr', {}, ...(['console.opsSeries', 'console.opsPeriod', 'console.opsState', 'console.opsLastPublished', 'console.opsNextRun'] as const).map((key) => el('th', { attrs: { scope: 'col' }, text: t(key) })))),
      el('tbody', {}, ...detail.bulletins.map((series) => el('tr', { attrs: { 'data-series': series.seriesId } },
        el('th', { attrs: { scope: 'row' }, text: series.title }),
        el('td', { text: series.periodKey }),
        el('td', { attrs: { 'data-state': series.state, 'data-late': String(series.late) }, text: t(stateKeys[series.state]) + (series.late ? t('console.opsLateMark') : '') }),
        el('td', { text: series.lastPublished ? t('console.opsIssue', { year: series.lastPublished.year, number: series.lastPublished.number, at: wallClock(series.lastPublished.publishedAt, false) }) : '—' }),
        el('td', { text: series.nextDueAt ? wallClock(series.nextDueAt, false) : '—' })))));
    const footnote = el('p', { className: 'hint', text: [
      t('console.opsRollUp', { at: detail.lastRollUpAt ? wallClock(detail.lastRollUpAt) : '—' }),
      t('console.opsChecked', { at: wallClock(detail.queuesReadAt ?? detail.checkedAt) }),
    ].join(' · ') });
    // Wide tables scroll inside their own region on a phone, as the console's other tables do.
    const scroll = (table: HTMLTableElement, label: string) => el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': label } }, table);
    body.replaceChildren(summary, ...attention, scroll(queues, t('console.opsQueues')), scroll(bulletins, t('console.opsBulletins')), footnote);
  }

  async function refresh(): Promise<void> {
    try {
      last = await client.health();
      render(last);
      say(message, '');
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }

  return async () => {
    refreshButton.textContent = t('console.opsRefresh');
    if (last) render(last);
    await refresh();
  };
}
