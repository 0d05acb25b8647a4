import { getJson, type PublicStats } from '../api';
import { wallClock } from '../format';
import { numberFormat, t } from '../i18n';
import { renderIndicatorTotals } from '../indicator-figures';
import { fetchIndicatorSet, type IndicatorSet } from '../indicators';
import { byId, hide, show, startPage } from '../layout';

let stats: PublicStats | null = null;
/** Names the indicator totals; without it the page still shows its own figures. */
let indicatorSet: IndicatorSet | null = null;

/** Reads "units" and the like out of the answer, so the page's data-stat names are the API's names. */
function figure(path: string): number | null {
  let value: unknown = stats;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'number' ? value : null;
}

function render(): void {
  if (!stats) return;
  const format = numberFormat();
  renderIndicatorTotals(byId('figures'), indicatorSet, stats.totals, (value) => format.format(value));
  for (const element of document.querySelectorAll<HTMLElement>('[data-stat]')) {
    const value = figure(element.dataset.stat ?? '');
    element.textContent = value === null ? '—' : format.format(value);
  }
  byId('as-of').textContent = t('home.asOf', { time: wallClock(stats.asOf, false) });
  byId('figures').dataset.loaded = 'true';
}

async function load(): Promise<void> {
  const figures = byId('figures');
  figures.setAttribute('aria-busy', 'true');
  try {
    [stats, indicatorSet] = await Promise.all([getJson<PublicStats>('/api/stats'), fetchIndicatorSet().catch(() => null)]);
    hide(byId('stats-error'));
    render();
  } catch {
    show(byId('stats-error'), t('home.error'));
  } finally {
    figures.removeAttribute('aria-busy');
  }
}

startPage(render);
void load();
