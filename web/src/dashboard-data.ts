/** The dashboard's arithmetic, apart from the DOM and the charts so it can be tested on its own. */
import type { DailyFigures, SiteSummary, UnitSummary } from './api';
import { t } from './i18n';
import type { Indicator } from './indicators';

export const shortfall = (site: Pick<SiteSummary, 'needed' | 'assigned'>): number => Math.max(0, site.needed - site.assigned);

/** 需要 N 人，已分配 M 人, and how many of them came in a dispatch batch, since those never registered and are in no list. */
export const siteFigures = (site: Pick<SiteSummary, 'needed' | 'assigned' | 'fromBatches'>, format: (value: number) => string = String): string =>
  t('dashboard.siteLine', { needed: format(site.needed), assigned: format(site.assigned) })
  + (site.fromBatches ? t('dashboard.fromBatches', { count: format(site.fromBatches) }) : '');

/** Open sites, the most people short first; among equals the emptiest (by share filled), then by name. */
export function sitesShortFirst(sites: readonly SiteSummary[]): SiteSummary[] {
  const filled = (site: SiteSummary) => (site.needed > 0 ? site.assigned / site.needed : 1);
  return sites
    .filter((site) => site.open)
    .sort((a, b) => shortfall(b) - shortfall(a) || filled(a) - filled(b) || a.name.localeCompare(b.name, 'zh-CN'));
}

/** Units that have sent people, the most first (the chart's and the table's order). */
export function unitsByPeople(units: readonly UnitSummary[]): UnitSummary[] {
  return units
    .filter((unit) => unit.verified !== false && unit.peopleDispatched > 0)
    .sort((a, b) => b.peopleDispatched - a.peopleDispatched || a.name.localeCompare(b.name, 'zh-CN'));
}

export interface DailyTotal {
  total: number;
  reports: number;
}

/** A day's value of an indicator: absent is 0 (the day had no report of it). */
export const valueOf = (row: { values?: Record<string, number> }, code: string): number => row.values?.[code] ?? 0;

/**
 * The period's figure of an indicator, as its definition adds days up (the server's CountFigures.OverDays): sum
 * adds them, latest takes the last day that has it, max the largest day; and the reports of the period.
 */
export function dailyTotal(days: readonly DailyFigures[], indicator: Pick<Indicator, 'code' | 'aggregation'>): DailyTotal {
  const reports = days.reduce((sum, day) => sum + day.reports, 0);
  const reported = days.filter((day) => day.values?.[indicator.code] !== undefined).map((day) => valueOf(day, indicator.code));
  const total = indicator.aggregation === 'latest' ? reported.at(-1) ?? 0
    : indicator.aggregation === 'max' ? Math.max(0, ...reported)
    : reported.reduce((sum, value) => sum + value, 0);
  return { total, reports };
}

/** "2022-09-07" → "09-07": the axis label; the table keeps the full date. */
export const shortDay = (day: string): string => day.slice(5);
