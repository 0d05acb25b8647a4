/** The dashboard's drill-down by area, apart from the DOM: level names, the state kept in the URL, and sums. */
import type { AreaFigures } from './api';
import { addDays, todayIn } from './counts';
import { deploymentTimeZone } from './format';
import type { MessageKey } from './i18n';

export type AreaLevel = 'province' | 'city' | 'county' | 'town' | 'community';

export const areaLevels: readonly AreaLevel[] = ['province', 'city', 'county', 'town', 'community'];

/** The message naming a level (省, 市, 区县, 街道乡镇, 社区), or null for a level this page does not know. */
export function levelKey(level: string): MessageKey | null {
  return (areaLevels as readonly string[]).includes(level) ? (`area.level.${level}` as MessageKey) : null;
}

/** The server's rule for an area's code (AreaImport.IsValidCode): letters, digits and dashes, at most 32. */
export const isAreaCode = (code: string): boolean => /^[0-9A-Za-z][0-9A-Za-z-]{0,31}$/.test(code);

export const isIsoDay = (day: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`))
  && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** What the URL says: the area shown (null: the top of the tree) and the day, when one was chosen. */
export interface AreaState {
  area: string | null;
  day: string | null;
}

/** Reads ?area=…&day=… The area is kept as written, even when it is not a valid code, so the page can say so; a malformed day is ignored. */
export function readAreaState(search: string): AreaState {
  const query = new URLSearchParams(search);
  const area = (query.get('area') ?? '').trim();
  const day = (query.get('day') ?? '').trim();
  return { area: area === '' ? null : area, day: isIsoDay(day) ? day : null };
}

/** The query string for a state, keeping the URL's other parameters: "?area=510100&day=2022-09-16", or "" at the top on the default day. */
export function areaSearch(state: AreaState, current = ''): string {
  const query = new URLSearchParams(current);
  query.delete('area');
  query.delete('day');
  if (state.area) query.set('area', state.area);
  if (state.day) query.set('day', state.day);
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

/** GET /api/stats/areas for a state on a day. */
export function areaApiPath(area: string | null, day: string): string {
  const query = new URLSearchParams();
  if (area) query.set('area', area);
  query.set('day', day);
  return `/api/stats/areas?${query.toString()}`;
}

/**
 * The day the section opens on: yesterday on the deployment's calendar (Beijing), because sites report in the
 * evening and today's figures are usually still empty.
 */
export const defaultAreaDay = (now: Date = new Date(), timeZone: string = deploymentTimeZone): string => addDays(todayIn(timeZone, now), -1);

export const todayAreaDay = (now: Date = new Date(), timeZone: string = deploymentTimeZone): string => todayIn(timeZone, now);

export type AreaTotals = Pick<AreaFigures, 'values' | 'reports' | 'sitesBelow'>;

/** The areas' figures added up (the top of the tree's headline, every province together): on one day, every indicator adds up over sites. */
export function sumAreas(rows: readonly AreaTotals[]): AreaTotals {
  const total: AreaTotals = { reports: 0, sitesBelow: 0, values: {} };
  for (const row of rows) {
    total.reports += row.reports;
    total.sitesBelow += row.sitesBelow;
    for (const [code, value] of Object.entries(row.values ?? {})) total.values[code] = (total.values[code] ?? 0) + value;
  }
  return total;
}
