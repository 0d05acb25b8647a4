/** The headline figures of the home page and the dashboard that come from the indicator definitions. */
import type { Figures } from './api';
import { currentLanguage } from './i18n';
import { indicatorLabel, indicatorsShown, type IndicatorSet } from './indicators';

/**
 * A figure per indicator, after the page's own (volunteers, units, sites): the required ones (what every report has)
 * and any other that has a total, live ones first, in the form's order, named in the reader's language. Each reads
 * is totals.values.{code} of GET /api/stats (0 when nothing was reported), marked with its code (data-figure).
 */
export function renderIndicatorTotals(list: HTMLElement, set: IndicatorSet | null, totals: Figures | null, format: (value: number) => string): void {
  for (const old of list.querySelectorAll('[data-indicator]')) old.remove();
  if (!set || !totals) return;
  const shown = indicatorsShown(set, [totals]).filter((indicator) => indicator.required || (totals.values?.[indicator.code] ?? 0) !== 0);
  for (const indicator of shown) {
    const item = document.createElement('div');
    item.dataset.indicator = indicator.code;
    const term = document.createElement('dt');
    term.textContent = indicatorLabel(indicator, currentLanguage());
    const value = document.createElement('dd');
    value.dataset.figure = indicator.code;
    value.textContent = format(totals.values?.[indicator.code] ?? 0);
    item.append(term, value);
    list.append(item);
  }
}
