/** The draft editor's model apart from the page: the days a period covers, the PUT body, the server's errors by field. */
import { addDays } from '../counts';
import type { ContributionMessage } from '../contributions';
import { translateContributionMessage } from '../contributions';
import type { Draft, DraftEdit } from './client';

/** A section as the editor holds it: the body as text, paragraphs separated by a blank line. */
export interface EditorSection {
  contributionId: string | null;
  contributedBy: string | null;
  title: string;
  body: string;
}

export interface EditorState {
  headline: string;
  lead: string;
  figures: string;
  closing: string;
  sections: EditorSection[];
}

/** The days of a period key: 2022-09-15, 2022-W37 (ISO week), 2022-03-17_2022-09-15; null for anything else. */
export function periodRange(key: string): { from: string; to: string } | null {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (day.test(key)) return { from: key, to: key };
  const custom = /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key);
  if (custom) return { from: custom[1]!, to: custom[2]! };
  const week = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!week) return null;
  const jan4 = new Date(Date.UTC(Number(week[1]), 0, 4));
  const monday = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7) + (Number(week[2]) - 1) * 7);
  return { from: monday, to: addDays(monday, 6) };
}

/** from..to cut into ranges of at most `days` days (the contributions listing reads at most 31 at once). */
export function windows(from: string, to: string, days = 31): { from: string; to: string }[] {
  const result: { from: string; to: string }[] = [];
  for (let start = from; start <= to && result.length < 20; start = addDays(start, days)) {
    const end = addDays(start, days - 1);
    result.push({ from: start, to: end < to ? end : to });
  }
  return result;
}

export function paragraphsOf(body: string): string[] {
  return body.replace(/\r\n?/g, '\n').split(/\n[ \t\u3000]*\n/).map((paragraph) => paragraph.trim()).filter((paragraph) => paragraph !== '');
}

export function stateOf(draft: Draft): EditorState {
  const content = draft.content;
  return {
    headline: content.headline, lead: content.lead, figures: content.figures, closing: content.closing,
    sections: content.sections.map((section) => ({
      contributionId: section.contributionId, contributedBy: section.contributedBy, title: section.title, body: section.paragraphs.join('\n\n'),
    })),
  };
}

export function editOf(state: EditorState): DraftEdit {
  return {
    headline: state.headline.trim(), lead: state.lead.trim(), figures: state.figures.trim(), closing: state.closing.trim(),
    sections: state.sections.map((section) => ({
      ...(section.contributionId ? { contributionId: section.contributionId } : {}), title: section.title.trim(), paragraphs: paragraphsOf(section.body),
    })),
  };
}

/** Moves the section at `index` by `by` places (−1 up, +1 down); returns its new index. */
export function move<T>(items: T[], index: number, by: number): number {
  const target = index + by;
  if (target < 0 || target >= items.length) return index;
  const [item] = items.splice(index, 1);
  items.splice(target, 0, item!);
  return target;
}

/** The server's field names (sections[2].paragraphs[0]) as the editor's (section.2.paragraphs), with the message in the reader's language. */
export function placeDraftErrors(errors: Record<string, string[]>): Record<string, ContributionMessage> {
  const placed: Record<string, ContributionMessage> = {};
  for (const [field, messages] of Object.entries(errors)) {
    const message = translateContributionMessage(messages.join(' '));
    const section = /^sections\[(\d+)\](?:\.(title|paragraphs|contributionId))?(?:\[(\d+)\])?$/.exec(field);
    if (section) {
      const part = section[2] === 'title' ? 'title' : section[2] === 'paragraphs' ? 'paragraphs' : 'section';
      const key = `section.${section[1]}.${part}`;
      placed[key] ??= section[3] !== undefined ? { ...message, paragraph: Number(section[3]) + 1 } : message;
    } else {
      placed[['headline', 'lead', 'figures', 'closing'].includes(field) ? field : 'sections'] ??= message;
    }
  }
  return placed;
}
