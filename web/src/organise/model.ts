/**
 * What the organiser's pages decide without the DOM: names of kinds and roles in the reader's language, which form
 * field a server problem names, the bodies the forms send, and the days and hours as the pages print them.
 */
import { ProblemError } from '../api';
import { chineseDate } from '../format';
import { currentLanguage, t, type Language, type MessageKey } from '../i18n';
import type { Batch, BatchBody, PersonStatus, SiteRole, TeamKind, UnitPerson } from './client';

export const teamKinds: readonly TeamKind[] = ['commando', 'service-team', 'temporary-branch'];
export const siteRoles: readonly SiteRole[] = ['site-leader', 'group-leader', 'team-leader', 'member'];

const kindKeys: Record<TeamKind, MessageKey> = { commando: 'organise.kind.commando', 'service-team': 'organise.kind.serviceTeam', 'temporary-branch': 'organise.kind.temporaryBranch' };
const roleKeys: Record<SiteRole, MessageKey> = {
  'site-leader': 'organise.role.siteLeader', 'group-leader': 'organise.role.groupLeader', 'team-leader': 'organise.role.teamLeader', member: 'organise.role.member',
};
const statusKeys: Partial<Record<PersonStatus, MessageKey>> = { assigned: 'status.assigned.short', waitlisted: 'status.waitlisted.short', withdrawn: 'status.withdrawn.short' };

export const kindName = (kind: string, language: Language = currentLanguage()): string => (kind in kindKeys ? t(kindKeys[kind as TeamKind], {}, language) : kind);
export const roleName = (role: string, language: Language = currentLanguage()): string => (role in roleKeys ? t(roleKeys[role as SiteRole], {}, language) : role);
export const statusName = (status: string): string => (statusKeys[status as PersonStatus] ? t(statusKeys[status as PersonStatus]!) : status);

/**
 * The form field a problem's error key belongs to: the key itself when the form has it, else the nearest field it is
 * under (`sites[0].siteId` → `sites`, `shifts[1].start` → `shifts`, `names[2].phone` → `names`), else null (said in
 * the form's own message).
 */
export function fieldOf(key: string, fields: readonly string[]): string | null {
  let candidate = key;
  for (;;) {
    if (fields.includes(candidate)) return candidate;
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    if (cut <= 0) return null;
    candidate = candidate.slice(0, cut);
  }
}

/** A problem's field errors sorted onto the form's fields; what names no field (and the title and detail) goes to `general`. */
export function placeProblem(error: unknown, fields: readonly string[], fallback: string): { byField: Record<string, string[]>; general: string | null } {
  if (!(error instanceof ProblemError)) return { byField: {}, general: fallback };
  const byField: Record<string, string[]> = {};
  const loose: string[] = [];
  for (const [key, messages] of Object.entries(error.errors)) {
    const field = fieldOf(key, fields);
    const text = messages.map((message) => (field === key ? message : `${key}: ${message}`));
    if (field) (byField[field] ??= []).push(...text);
    else loose.push(...text);
  }
  const placed = Object.keys(byField).length > 0;
  const heading = [error.title, error.detail ?? ''].filter((part) => part.trim() !== '').join(' — ');
  const general = loose.length > 0 ? [heading, ...loose].join(' — ') : placed ? null : heading || fallback;
  return { byField, general };
}

/** "2022年6月1日" in Chinese, "1 June 2022" in English: a day (yyyy-MM-dd) as the pages print it. */
export function dayName(day: string, language: Language = currentLanguage()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  if (language === 'zh-CN') return chineseDate(`${day}T12:00:00+08:00`);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T00:00:00Z`));
}

/** "2022年3月17日至2022年4月6日" / "17 March 2022 to 6 April 2022". */
export const dayRange = (from: string, to: string, language: Language = currentLanguage()): string =>
  t('organise.dayRange', { from: dayName(from, language), to: dayName(to, language) }, language);

/** Hours as the duty-hours indicator takes them: whole or half (8, 7.5). */
export const hoursText = (hours: number): string => (Number.isInteger(hours) ? String(hours) : hours.toFixed(1));

/** People who can be in a team at these sites: the unit's people assigned to one of them, by name. */
export function eligibleMembers(people: readonly UnitPerson[], siteIds: readonly string[]): UnitPerson[] {
  return people.filter((person) => person.status === 'assigned' && person.siteId !== null && siteIds.includes(person.siteId))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** A batch person who never registered, as the shift form offers them: the id the shift routes take, and their batch's days. */
export interface BatchPersonChoice { personId: string; name: string; batchId: string; from: string; to: string }

/**
 * The unit's batch people on duty at the site that day: the people named by active batches whose days cover it, at
 * that site, with a batch person id (a registered volunteer named in a batch is offered as that volunteer instead,
 * so nobody is listed twice). Days are yyyy-MM-dd, so they compare as text.
 */
export function batchPeopleOnDuty(batches: readonly Batch[], siteId: string, day: string): BatchPersonChoice[] {
  return batches.filter((batch) => batch.status === 'active' && batch.from <= day && day <= batch.to)
    .flatMap((batch) => batch.names.flatMap((person): BatchPersonChoice[] => (person.siteId === siteId && person.personId
      ? [{ personId: person.personId, name: person.name, batchId: batch.batchId, from: batch.from, to: batch.to }]
      : [])));
}

/** The typed batch form, as the API takes it; an empty name line is left out, a name without a site goes with the batch's one site. */
export interface BatchInput { from: string; to: string; sites: { siteId: string; people: string }[]; names: string; replaces: string }

export function batchBody(input: BatchInput): BatchBody {
  const sites = input.sites.filter((site) => site.siteId !== '').map((site) => ({ siteId: site.siteId, people: Number.parseInt(site.people, 10) }));
  const names = input.names.split(/[\n,，、;；]+/).map((name) => name.trim()).filter((name) => name !== '').map((name) => ({ name }));
  return {
    from: input.from, to: input.to, sites: sites.map((site) => ({ siteId: site.siteId, people: Number.isNaN(site.people) ? 0 : site.people })),
    ...(names.length > 0 ? { names } : {}),
    ...(input.replaces ? { replaces: input.replaces } : {}),
  };
}

/** "06:00–10:00" lines or hand-over times from the pattern form's text: one shift a line, "06:00-10:00" or "06:00–10:00". */
export function readShiftLines(text: string): { start: string; end: string }[] {
  return text.split(/[\n,，;；]+/).map((line) => line.trim()).filter((line) => line !== '').map((line) => {
    const [start = '', end = ''] = line.split(/\s*[-–—~～至到]\s*/);
    return { start: start.trim(), end: end.trim() };
  });
}

export const readHandovers = (text: string): string[] => text.split(/[\s,，、;；]+/).map((time) => time.trim()).filter((time) => time !== '');

/** The pattern as the form shows it again: one "start–end" a line, or the hand-over times. */
export const shiftLines = (shifts: readonly { start: string; end: string }[]): string => shifts.map((shift) => `${shift.start}-${shift.end}`).join('\n');
