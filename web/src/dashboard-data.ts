/** The dashboard's arithmetic, apart from the DOM and the charts so it can be tested on its own. */
import type { CountFigures, DailyFigures, SiteSummary, UnitSummary } from './api';

export type Metric = keyof CountFigures;

export const metrics: readonly Metric[] = ['onDuty', 'partyMembers', 'tested', 'peopleChecked', 'vehiclesChecked', 'suppliesDelivered', 'householdsVisited'];

export function isMetric(value: string): value is Metric {
  return (metrics as readonly string[]).includes(value);
}

export const shortfall = (site: Pick<SiteSummary, 'needed' | 'assigned'>): number => Math.max(0, site.needed - site.assigned);

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

export function dailyTotal(days: readonly DailyFigures[], metric: Metric): DailyTotal {
  return days.reduce<DailyTotal>((sum, day) => ({ total: sum.total + day[metric], reports: sum.reports + day.reports }), { total: 0, reports: 0 });
}

/** "2022-09-07" → "09-07": the axis label; the table keeps the full date. */
export const shortDay = (day: string): string => day.slice(5);
