import type { CountFigures, SubmissionResult, SubmissionView } from './api';
import type { MessageKey } from './i18n';

/** The figures of a day's counts, in the order the form asks for them. */
export const figureFields = ['onDuty', 'partyMembers', 'tested', 'peopleChecked', 'vehiclesChecked', 'suppliesDelivered', 'householdsVisited'] as const;
export type FigureField = (typeof figureFields)[number];
export type CountField = FigureField | 'highlight';

/** The server's limits (CountValidation): larger than any figure in the reports, small enough to stop typos. */
export const maxFigure = 1_000_000;
export const maxHighlightLength = 500;

export interface CountsBody extends CountFigures {
  highlight?: string;
}

/** An error to show beside a field: one of ours (follows the language switch), with values, or the server's text. */
export type FieldMessage = { key: MessageKey; values?: Record<string, string | number> } | { text: string };

/** Reads the form's text into the PUT body, checking what the server would refuse anyway. */
export function readCounts(values: Partial<Record<CountField, string>>): { body: CountsBody | null; errors: Partial<Record<CountField, FieldMessage>> } {
  const errors: Partial<Record<CountField, FieldMessage>> = {};
  const figures: Partial<CountFigures> = {};
  for (const field of figureFields) {
    // Full-width digits (０-９) from a Chinese keyboard count as digits.
    const raw = (values[field] ?? '').trim().replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10));
    if (raw === '') errors[field] = { key: 'counts.error.required' };
    else if (/^-\d+$/.test(raw)) errors[field] = { key: 'counts.error.negative' };
    else if (!/^\d+$/.test(raw)) errors[field] = { key: 'counts.error.whole' };
    else if (Number(raw) > maxFigure) errors[field] = { key: 'counts.error.tooLarge', values: { max: maxFigure } };
    else figures[field] = Number(raw);
  }
  if (figures.onDuty !== undefined && figures.partyMembers !== undefined && figures.partyMembers > figures.onDuty) {
    errors.partyMembers = { key: 'counts.error.partyAboveOnDuty' };
  }
  const highlight = (values.highlight ?? '').trim();
  if ([...highlight].length > maxHighlightLength) errors.highlight = { key: 'counts.error.highlightLength', values: { max: maxHighlightLength } };
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: CountsBody = { ...(figures as CountFigures) };
  if (highlight) body.highlight = highlight;
  return { body, errors };
}

/**
 * The server's field messages (English, CountValidation and DailyCountEndpoints) in the reader's language.
 * A message this page does not know is shown as the server wrote it.
 */
export function translateServerMessage(message: string): FieldMessage {
  const onDutyLimit = /at most (\d+) can be on duty/i.exec(message);
  if (onDutyLimit) return { key: 'counts.error.onDutyAboveAssigned', values: { max: Number(onDutyLimit[1]) } };
  if (/^Required/i.test(message)) return { key: 'counts.error.required' };
  if (/^Cannot be negative/i.test(message)) return { key: 'counts.error.negative' };
  if (/more than the people on duty/i.test(message)) return { key: 'counts.error.partyAboveOnDuty' };
  if (/has not come yet/i.test(message)) return { key: 'counts.error.futureDay' };
  if (/wrong type or format/i.test(message)) return { key: 'counts.error.whole' };
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

/** What a version changed from the one before it (the first version changes nothing: it is the original). */
export function changesBetween(previous: SubmissionView | null, next: SubmissionView): Change[] {
  if (!previous) return [];
  const changes: Change[] = figureFields
    .filter((field) => previous.figures[field] !== next.figures[field])
    .map((field) => ({ field, from: previous.figures[field], to: next.figures[field] }));
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
