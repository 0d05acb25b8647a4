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

/**
 * The API's messages that a person meets on these forms, in the page's language (the API answers in English, for
 * units' own systems too); any other is shown as sent. Dates in them are printed as the pages print days.
 */
const knownMessages: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Must not be before from/, () => t('organise.problem.reversed')],
  [/^At most (\d+) days from from/, (match) => t('organise.problem.maxDays', { days: match[1] ?? '' })],
  [/^More people named at \S+ than the batch sends there \((\d+)\)/, (match) => t('organise.problem.moreNamed', { count: match[1] ?? '' })],
  [/^A rotation starts after the batch it replaces ends \((\d{4}-\d{2}-\d{2})\)/, (match) => t('organise.problem.rotationOverlap', { day: dayName(match[1] ?? '') })],
  [/already listed in batch \S+ \((\d{4}-\d{2}-\d{2}) to (\d{4}-\d{2}-\d{2})\); one person counts once/,
    (match) => t('organise.problem.listedTwice', { range: dayRange(match[1] ?? '', match[2] ?? '') })],
  [/^The leader must be a member of the team/, () => t('organise.problem.leaderNotMember')],
  [/^Required: the volunteer id of the team's leader/, () => t('organise.problem.leaderRequired')],
  [/^At least one member/, () => t('organise.problem.memberRequired')],
  [/^At least one of the unit's sites|^At least one site/, () => t('organise.problem.siteRequired')],
  [/overlaps their shift (\S+) of (\d{4}-\d{2}-\d{2})/, (match) => t('organise.problem.shiftTaken', { shift: match[1] ?? '', day: dayName(match[2] ?? '') })],
  [/^Overlaps the shift (\S+) chosen before it/, (match) => t('organise.problem.shiftsOverlap', { shift: match[1] ?? '' })],
  [/^Overlaps the shift (\S+): a pattern's shifts follow one another/, (match) => t('organise.problem.patternOverlap', { shift: match[1] ?? '' })],
];

export function organiseMessage(message: string): string {
  for (const [pattern, say] of knownMessages) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return message;
}

/** `names[2].phone` → 第3项 / item 3: where in a list the message is about, for a message in the page's language. */
function itemOf(key: string): string {
  const index = /\[(\d+)\]/.exec(key)?.[1];
  return index === undefined ? '' : t('organise.problem.item', { n: Number(index) + 1 });
}

/**
 * A problem's field errors sorted onto the form's fields, in the page's language where the message is one it knows; a
 * conflict whose detail names a field (`shifts[0]: …`) goes on that field too. What names no field (and the title
 * and detail) goes to `general`.
 */
export function placeProblem(error: unknown, fields: readonly string[], fallback: string): { byField: Record<string, string[]>; general: string | null } {
  if (!(error instanceof ProblemError)) return { byField: {}, general: fallback };
  const byField: Record<string, string[]> = {};
  const loose: string[] = [];
  const errors = Object.entries(error.errors);
  // 409s name their field at the head of the detail, as units' systems read it: put it there on the form.
  const named = errors.length === 0 ? /^([a-zA-Z]+(?:\[\d+\])?(?:\.[a-zA-Z]+)?): (.+)$/s.exec(error.detail ?? '') : null;
  const detailPlaced = named !== null && fieldOf(named[1] ?? '', fields) !== null;
  if (named && detailPlaced) errors.push([named[1] ?? '', [named[2] ?? '']]);
  for (const [key, messages] of errors) {
    const field = fieldOf(key, fields);
    const text = messages.map((message) => {
      const said = organiseMessage(message);
      if (field === key) return said;
      return said === message ? `${key}: ${message}` : `${itemOf(key)}${said}`;
    });
    if (field) (byField[field] ??= []).push(...text);
    else loose.push(...text);
  }
  const placed = Object.keys(byField).length > 0;
  const heading = [error.title, detailPlaced ? '' : organiseMessage(error.detail ?? '')].filter((part) => part.trim() !== '').join(' — ');
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
