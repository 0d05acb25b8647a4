/** A unit's piece for the bulletin (稿件): the form's text into the request, and the server's refusals in the reader's language. */
import type { ContributionPerson, ContributionRequest } from './api';
import type { FieldMessage } from './counts';

/** The server's limits (ContributionValidation), checked here too so a reporter hears of them before sending. */
export const limits = { title: 40, paragraphs: 12, paragraph: 1000, total: 5000, people: 10, name: 20, quote: 300 } as const;

/** A message beside a field; for one paragraph of the body, which one (1-based). */
export type ContributionMessage = FieldMessage & { paragraph?: number };

/** The fields the form shows errors beside: siteId, day, title, paragraphs, quote, quoteBy, people, people.0.name … */
export type ContributionErrors = Record<string, ContributionMessage>;

export interface ContributionForm {
  siteId: string;
  day: string;
  title: string;
  body: string;
  people: { name: string; role: string }[];
  quote: string;
  quoteBy: string;
}

/** Paragraphs are separated by a blank line (a line of only spaces counts as blank); lines inside one are joined. */
export function splitParagraphs(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split(/\n[ \t\u3000]*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).filter((line) => line !== '').join(''))
    .filter((paragraph) => paragraph !== '');
}

export function readContribution(form: ContributionForm, today: string): { body: ContributionRequest | null; errors: ContributionErrors } {
  const errors: ContributionErrors = {};
  const tooLong = (max: number): FieldMessage => ({ key: 'contribute.error.length', values: { max } });
  if (!form.siteId) errors.siteId = { key: 'contribute.error.site' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.day)) errors.day = { key: 'error.required' };
  else if (form.day > today) errors.day = { key: 'counts.error.futureDay' };
  const title = form.title.trim();
  if (title === '') errors.title = { key: 'error.required' };
  else if (title.length > limits.title) errors.title = tooLong(limits.title);
  const paragraphs = splitParagraphs(form.body);
  if (paragraphs.length === 0) errors.paragraphs = { key: 'contribute.error.noParagraph' };
  else if (paragraphs.length > limits.paragraphs) errors.paragraphs = { key: 'contribute.error.paragraphs', values: { max: limits.paragraphs } };
  else {
    const long = paragraphs.findIndex((paragraph) => paragraph.length > limits.paragraph);
    if (long >= 0) errors.paragraphs = { ...tooLong(limits.paragraph), paragraph: long + 1 };
    else if (paragraphs.reduce((sum, paragraph) => sum + paragraph.length, 0) > limits.total) errors.paragraphs = { key: 'contribute.error.total', values: { max: limits.total } };
  }
  const people: ContributionPerson[] = [];
  form.people.forEach((person, index) => {
    const name = person.name.trim();
    const role = person.role.trim();
    if (name === '' && role === '') return;
    if (name === '') errors[`people.${index}.name`] = { key: 'error.required' };
    else if (name.length > limits.name) errors[`people.${index}.name`] = tooLong(limits.name);
    if (role.length > limits.name) errors[`people.${index}.role`] = tooLong(limits.name);
    people.push(role ? { name, role } : { name });
  });
  if (people.length > limits.people) errors.people = { key: 'contribute.error.people', values: { max: limits.people } };
  const quote = form.quote.trim();
  const quoteBy = form.quoteBy.trim();
  if (quote.length > limits.quote) errors.quote = tooLong(limits.quote);
  if (quoteBy.length > limits.name) errors.quoteBy = tooLong(limits.name);
  else if (quoteBy && !quote) errors.quoteBy = { key: 'contribute.error.quoteByAlone' };
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: ContributionRequest = { siteId: form.siteId, day: form.day, title, paragraphs };
  if (people.length > 0) body.people = people;
  if (quote) body.quote = quote;
  if (quoteBy) body.quoteBy = quoteBy;
  return { body, errors };
}

/** The server's English field messages (ContributionValidation, Text) in the reader's language; unknown ones as written. */
export function translateContributionMessage(message: string): FieldMessage {
  let match: RegExpExecArray | null;
  if (/^Required/i.test(message)) return { key: 'error.required' };
  if ((match = /^At most (\d+) characters in all/i.exec(message))) return { key: 'contribute.error.total', values: { max: Number(match[1]) } };
  if ((match = /^At most (\d+) characters/i.exec(message))) return { key: 'contribute.error.length', values: { max: Number(match[1]) } };
  if ((match = /^At most (\d+) paragraphs/i.exec(message))) return { key: 'contribute.error.paragraphs', values: { max: Number(match[1]) } };
  if ((match = /^At most (\d+) people/i.exec(message))) return { key: 'contribute.error.people', values: { max: Number(match[1]) } };
  if ((match = /^At most (\d+) days back/i.exec(message))) return { key: 'contribute.error.daysBack', values: { max: Number(match[1]) } };
  if (/^At least one paragraph/i.test(message)) return { key: 'contribute.error.noParagraph' };
  if (/has not come yet/i.test(message)) return { key: 'counts.error.futureDay' };
  if (/phone or ID number/i.test(message)) return { key: 'contribute.error.personalNumber' };
  if (/HTML markup/i.test(message)) return { key: 'contribute.error.markup' };
  if (/control, invisible or direction-changing|control or direction-changing/i.test(message)) return { key: 'counts.error.characters' };
  if (/^Only with a quote/i.test(message)) return { key: 'contribute.error.quoteByAlone' };
  if (/does not serve this site|^No such site|^Not a site id/i.test(message)) return { key: 'contribute.error.site' };
  if (/yyyy-MM-dd/.test(message)) return { key: 'contribute.error.date' };
  if (/^Not a contribution sent for this period/i.test(message)) return { key: 'editor.error.notInPeriod' };
  if (/in the draft twice/i.test(message)) return { key: 'editor.error.twice' };
  if (/needs a title or a paragraph/i.test(message)) return { key: 'editor.error.emptySection' };
  return { text: message };
}

/** The server's field name as the form's: paragraphs[2] → paragraphs (the third), people[0].name → people.0.name. */
export function placeServerErrors(errors: Record<string, string[]>): { placed: ContributionErrors; unplaced: string[] } {
  const placed: ContributionErrors = {};
  const unplaced: string[] = [];
  for (const [field, messages] of Object.entries(errors)) {
    const message = translateContributionMessage(messages.join(' '));
    const paragraph = /^paragraphs\[(\d+)\]$/.exec(field);
    const person = /^people\[(\d+)\]\.(name|role)$/.exec(field);
    if (paragraph) placed.paragraphs ??= { ...message, paragraph: Number(paragraph[1]) + 1 };
    else if (person) placed[`people.${person[1]}.${person[2]}`] = message;
    else if (['siteId', 'day', 'title', 'paragraphs', 'people', 'quote', 'quoteBy'].includes(field)) placed[field] = message;
    else unplaced.push(messages.join(' '));
  }
  return { placed, unplaced };
}
