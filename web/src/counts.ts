import type { Figures, SubmissionResult, SubmissionView } from './api';
import { currentLanguage, t, type Language, type MessageKey } from './i18n';
import { indicatorName, type Indicator, type IndicatorRule, type IndicatorValues } from './indicators';

/** A form field: an indicator's value (named as the server names it, values.{code}) or the highlight. */
export type ValueField = `values.${string}`;
export type CountField = ValueField | 'highlight';
export const valueField = (code: string): ValueField => `values.${code}`;

/** The server's limit on the highlight (CountValidation.MaxHighlightLength). */
export const maxHighlightLength = 500;

/** PUT /api/sites/{siteId}/counts/{day}: the values of the site type's indicators, by code, and the highlight. */
export interface CountsBody {
  values: IndicatorValues;
  highlight?: string;
}

/**
 * An error to show beside a field: one of ours (follows the language switch), with values, or the server's text.
 * `other` names the indicator the message compares with (its label fills {other}, in the reader's language).
 */
export type FieldMessage = { key: MessageKey; values?: Record<string, string | number>; other?: string } | { text: string };

/** A field message in the reader's language; the indicator it names (other) by its name in the set, else its code. */
export function fieldMessageText(message: FieldMessage, indicators: readonly Indicator[] = [], language: Language = currentLanguage()): string {
  if (!('key' in message)) return message.text;
  const other = message.other ? indicators.find((indicator) => indicator.code === message.other) : undefined;
  const values: Record<string, string | number> = { ...message.values };
  if (message.other) values.other = other ? indicatorName(other, language) : message.other;
  return t(message.key, values, language);
}

/** What a site's form asks for: its type's indicators in order, and the rules between them. */
export interface CountsForm {
  indicators: readonly Indicator[];
  rules: readonly IndicatorRule[];
}

/** Full-width digits and point (０-９, ．) from a Chinese keyboard count as digits. */
const halfWidth = (text: string) => text.replace(/[０-９．]/g, (character) => (character === '．' ? '.' : String(character.charCodeAt(0) - 0xff10)));

/** The input mode a phone keyboard should offer: digits only for counts, a point too for hours. */
export const inputModeOf = (indicator: Pick<Indicator, 'kind'>): 'numeric' | 'decimal' => (indicator.kind === 'hours' ? 'decimal' : 'numeric');

/** One value as typed, checked against its definition: the number, nothing (an optional one left empty), or the error. */
export function readValue(indicator: Indicator, typed: string): { value?: number; error?: FieldMessage } {
  const raw = halfWidth(typed.trim());
  if (raw === '') return indicator.required ? { error: { key: 'counts.error.required' } } : {};
  if (/^-\d+(\.\d+)?$/.test(raw)) return { error: { key: 'counts.error.negative' } };
  const number = /^(\d+)(?:\.(\d+))?$/.exec(raw);
  // Trailing zeros say nothing: 7.50 hours is 7.5, and 5.0 people is 5.
  const decimals = (number?.[2] ?? '').replace(/0+$/, '').length;
  if (!number || decimals > (indicator.kind === 'hours' ? 1 : 0)) {
    return { error: { key: indicator.kind === 'hours' ? 'counts.error.oneDecimal' : 'counts.error.whole' } };
  }
  const value = Number(raw);
  if (value > indicator.max) return { error: { key: 'counts.error.tooLarge', values: { max: indicator.max } } };
  if (value < indicator.min) return { error: { key: 'counts.error.tooSmall', values: { min: indicator.min } } };
  return { value };
}

/** Reads a site's form into the PUT body, checking what the server would refuse anyway (all but the assigned volunteers). */
export function readCounts(form: CountsForm, typed: Partial<Record<CountField, string>>): { body: CountsBody | null; errors: Partial<Record<CountField, FieldMessage>> } {
  const errors: Partial<Record<CountField, FieldMessage>> = {};
  const values: IndicatorValues = {};
  for (const indicator of form.indicators) {
    const field = valueField(indicator.code);
    const { value, error } = readValue(indicator, typed[field] ?? '');
    if (error) errors[field] = error;
    else if (value !== undefined) values[indicator.code] = value;
  }
  for (const rule of form.rules) {
    const value = values[rule.code];
    const limit = rule.atMost ? values[rule.atMost] : undefined;
    if (rule.kind === 'at-most' && rule.atMost && value !== undefined && limit !== undefined && value > limit) {
      errors[valueField(rule.code)] ??= { key: 'counts.error.atMost', values: { limit }, other: rule.atMost };
    }
  }
  const highlight = (typed.highlight ?? '').trim();
  if ([...highlight].length > maxHighlightLength) errors.highlight = { key: 'counts.error.highlightLength', values: { max: maxHighlightLength } };
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: CountsBody = { values };
  if (highlight) body.highlight = highlight;
  return { body, errors };
}

/**
 * The server's field messages (English, CountValidation and the batch import) in the reader's language. A message
 * this page does not know is shown as the server wrote it. The indicators let "more than People on duty" name its
 * indicator in the reader's language.
 */
export function translateServerMessage(message: string, indicators: readonly Indicator[] = []): FieldMessage {
  const onDutyLimit = /at most (\d+) can be on duty/i.exec(message);
  if (onDutyLimit) return { key: 'counts.error.aboveAssigned', values: { max: Number(onDutyLimit[1]) } };
  if (/^Required/i.test(message)) return { key: 'counts.error.required' };
  if (/^Cannot be negative/i.test(message)) return { key: 'counts.error.negative' };
  const moreThan = /^Cannot be more than (.+) \((\d+(?:\.\d+)?)\)\.?$/i.exec(message);
  const other = moreThan ? indicators.find((indicator) => indicator.nameEn === moreThan[1]) : undefined;
  if (moreThan && other) return { key: 'counts.error.atMost', values: { limit: Number(moreThan[2]) }, other: other.code };
  if (/has not come yet/i.test(message)) return { key: 'counts.error.futureDay' };
  if (/is not reported at a|is retired/i.test(message)) return { key: 'counts.error.notAsked' };
  // CountValidation's precision messages, and the batch import's cell messages (A whole number from 0 to …, Hours from 0 to …).
  if (/^A whole number|wrong type or format/i.test(message)) return { key: 'counts.error.whole' };
  if (/^Hours from|one decimal place/i.test(message)) return { key: 'counts.error.oneDecimal' };
  const range = /^From (\d+(?:\.\d+)?) to (\d+(?:\.\d+)?)\.?$/i.exec(message);
  if (range) return { key: 'counts.error.range', values: { min: Number(range[1]), max: Number(range[2]) } };
  const characters = /^At most (\d+) characters/i.exec(message);
  if (characters) return { key: 'counts.error.highlightLength', values: { max: Number(characters[1]) } };
  const most = /^At most (\d+)\.?$/i.exec(message);
  if (most) return { key: 'counts.error.tooLarge', values: { max: Number(most[1]) } };
  if (/control or direction-changing/i.test(message)) return { key: 'counts.error.characters' };
  return { text: message };
}

/** What a refusal without field errors means for the reporter, by status and the server's title. */
export function refusalKey(status: number, title: string): MessageKey {
  if (status === 401) return 'portal.expired';
  if (status === 403) return 'counts.refused.forbidden';
  if (status === 404) return 'counts.refused.noSite';
  if (status === 409 && /locked/i.test(title)) return 'counts.refused.locked';
  if (status === 409 && /closed/i.test(title)) return 'counts.refused.closed';
  if (status === 409) return 'counts.refused.busy';
  if (status === 429 || status === 503) return 'counts.refused.later';
  return 'counts.refused.other';
}

export type ResultKind = 'saved' | 'unchanged' | 'correction';

/** saved: the first version of the day; unchanged: the same body again; correction: a new version over an earlier one. */
export function resultKind(result: Pick<SubmissionResult, 'changed' | 'version'>): ResultKind {
  if (!result.changed) return 'unchanged';
  return result.version > 1 ? 'correction' : 'saved';
}

export interface Change {
  field: CountField;
  from: number | string | null;
  to: number | string | null;
}

/**
 * What a version changed from the one before it (the first version changes nothing: it is the original): every
 * indicator either version has, in the given order (the form's), then any other by code, then the highlight.
 */
export function changesBetween(previous: SubmissionView | null, next: SubmissionView, order: readonly string[] = []): Change[] {
  if (!previous) return [];
  const valueOf = (figures: Figures, code: string) => figures.values?.[code] ?? null;
  const codes = [...new Set([...Object.keys(previous.figures.values ?? {}), ...Object.keys(next.figures.values ?? {})])];
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  codes.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const changes: Change[] = codes
    // An indicator not reported reads as 0: 0 and absent are no change.
    .filter((code) => (valueOf(previous.figures, code) ?? 0) !== (valueOf(next.figures, code) ?? 0))
    .map((code) => ({ field: valueField(code), from: valueOf(previous.figures, code), to: valueOf(next.figures, code) }));
  if ((previous.highlight ?? null) !== (next.highlight ?? null)) changes.push({ field: 'highlight', from: previous.highlight ?? null, to: next.highlight ?? null });
  return changes;
}

/** "name (object id)" as the server records who submitted: the name to show, and the id apart. */
export function splitWho(submittedBy: string): { name: string; id: string | null } {
  const match = /^(.*\S)\s+\(([^()]+)\)$/.exec(submittedBy);
  return match ? { name: match[1] ?? submittedBy, id: match[2] ?? null } : { name: submittedBy, id: null };
}

/** The calendar day (yyyy-MM-dd) at this moment in the deployment's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The days a unit can still report: today and the previous ones until the lock (newest first). */
export function openDays(today: string, lockDays: number): string[] {
  return Array.from({ length: lockDays + 1 }, (_, back) => addDays(today, -back));
}
