import { getJson, type PublicStats } from '../api';
import { currentLanguage, numberFormat, t } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

let stats: PublicStats | null = null;

function render(): void {
  if (!stats) return;
  const format = numberFormat();
  for (const element of document.querySelectorAll<HTMLElement>('[data-stat]')) {
    const path = (element.dataset.stat ?? '').split('.');
    let value: unknown = stats;
    for (const part of path) value = (value as Record<string, unknown> | undefined)?.[part];
    element.textContent = typeof value === 'number' ? format.format(value) : '—';
  }
  const time = new Date(stats.asOf).toLocaleString(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  byId('as-of').textContent = t('home.asOf', { time });
}

async function load(): Promise<void> {
  try {
    stats = await getJson<PublicStats>('/api/stats');
    hide(byId('stats-error'));
    render();
  } catch {
    show(byId('stats-error'), t('home.error'));
  }
}

startPage(render);
void load();
