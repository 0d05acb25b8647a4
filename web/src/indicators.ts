/**
 * The figures a site reports are data (GET /api/indicators): which ones a site type asks for, their names and units in
 * both languages, their bounds, and the cross-field rules. The portal's forms, the dashboard's columns, the console's
 * lists and the upload's error names all read them from here; no page knows the indicators itself.
 */
import { getJson } from './api';
import type { Language } from './i18n';

/** An indicator as the command office defines it: names and unit in both languages, bounds, where it applies. */
export interface Indicator {
  code: string; nameZh: string; nameEn: string; unit: string; unitEn: string; kind: 'count' | 'hours'; aggregation: 'sum' | 'latest' | 'max';
  min: number; max: number; siteTypes: string[]; required: boolean; order: number; retired: boolean;
}
/** at-most: code ≤ atMost (party members ≤ on duty); at-most-assigned: code ≤ the unit's volunteers there + margin (checked by the server). */
export interface IndicatorRule { kind: 'at-most' | 'at-most-assigned'; code: string; atMost?: string | null; margin?: number | null }
export interface IndicatorSet { version: number; siteType: string | null; indicators: Indicator[]; rules: IndicatorRule[]; changedBy: string; changedAt: string; change: string }

/** Values by indicator code, as submissions, roll-ups and stats carry them; an indicator not reported is absent (reads as 0). */
export type IndicatorValues = Record<string, number>;

/** The form's order: by order, ties by code (the server's IndicatorSet.For). */
const byFormOrder = (a: Indicator, b: Indicator) => a.order - b.order || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** What a site of this type reports, in the form's order: live indicators that apply to it. */
export function indicatorsForSiteType(set: Pick<IndicatorSet, 'indicators'>, siteType: string): Indicator[] {
  return set.indicators.filter((indicator) => !indicator.retired && indicator.siteTypes.includes(siteType)).sort(byFormOrder);
}

/** The rules a form of this site type checks: those whose indicators all apply to it (the server's RulesFor). */
export function rulesForSiteType(set: Pick<IndicatorSet, 'indicators' | 'rules'>, siteType: string): IndicatorRule[] {
  const applying = new Set(indicatorsForSiteType(set, siteType).map((indicator) => indicator.code));
  return set.rules.filter((rule) => applying.has(rule.code) && (!rule.atMost || applying.has(rule.atMost)));
}

/**
 * The indicators a table or chart of figures shows: the live ones, and retired ones only where some row has a value
 * for them (their old data still reads); live first, in the form's order.
 */
export function indicatorsShown(set: Pick<IndicatorSet, 'indicators'>, rows: readonly { values?: IndicatorValues }[]): Indicator[] {
  const hasData = (code: string) => rows.some((row) => (row.values?.[code] ?? 0) !== 0);
  return set.indicators
    .filter((indicator) => !indicator.retired || hasData(indicator.code))
    .sort((a, b) => Number(a.retired) - Number(b.retired) || byFormOrder(a, b));
}

/** The indicator's name in the reader's language: 在岗人数 / People on duty. */
export const indicatorName = (indicator: Pick<Indicator, 'nameZh' | 'nameEn'>, language: Language): string =>
  language === 'en' ? indicator.nameEn : indicator.nameZh;

/** The unit word in the reader's language: 人次 / person-times. */
export const indicatorUnit = (indicator: Pick<Indicator, 'unit' | 'unitEn'>, language: Language): string =>
  language === 'en' ? indicator.unitEn : indicator.unit;

/** A form label or a column head: 在岗人数（人） with full-width brackets, People on duty (people) in English. */
export function indicatorLabel(indicator: Pick<Indicator, 'nameZh' | 'nameEn' | 'unit' | 'unitEn'>, language: Language): string {
  return language === 'en' ? `${indicator.nameEn} (${indicator.unitEn})` : `${indicator.nameZh}（${indicator.unit}）`;
}

/** A round-one field name as an indicator code: the seven codes are those names in kebab case (onDuty is on-duty). */
export const codeOfRoundOneField = (field: string): string => field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The code a server's field name means: values.{code} (how the portal sends counts), the code itself (a sheet's
 * column), or a round-one field name a unit's own sheet may still use (onDuty). Null when no indicator of the set has it.
 */
export function codeOfField(field: string, set: Pick<IndicatorSet, 'indicators'> | null): string | null {
  const known = (code: string) => (set?.indicators.some((indicator) => indicator.code === code) ? code : null);
  if (field.startsWith('values.')) return known(field.slice('values.'.length));
  return known(field) ?? known(codeOfRoundOneField(field));
}

/** The whole set, every site type and retired ones too: what the dashboard and the console name figures by. */
export const fetchIndicatorSet = (): Promise<IndicatorSet> => getJson<IndicatorSet>('/api/indicators');
