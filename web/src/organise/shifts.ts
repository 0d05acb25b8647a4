/**
 * 排班 / Shifts: a site's shift pattern (everyone with access reads it; Coordinators change it over the version they
 * read, and a 412 shows the pattern as it is now), a person's shifts on a day chosen from the pattern (an overlap is
 * said on the shifts), and the site's duty that day: who is on which shift, people, 人次 and duty hours. The people
 * offered are the unit's registered people at the site and its batch people on duty there that day (named in a
 * dispatch batch without registering, under their batch person id); the duty table marks the latter.
 */
import { ProblemError } from '../api';
import { el, say } from '../console/dom';
import { numberFormat, t } from '../i18n';
import type { Batch, DutyPerson, OrganiseClient, ShiftPattern, SiteDuty, UnitPerson } from './client';
import { checkbox, clearErrors, field, fill, group, select, showProblem, type Field, signedOut } from './form';
import { batchPeopleOnDuty, dayName, hoursText, readHandovers, readShiftLines, shiftLines, type BatchPersonChoice } from './model';
import type { OrganiseContext } from './teams';

export interface ShiftsContext extends OrganiseContext {
  today: () => string;
  /** Coordinators set patterns; a unit's organiser reads them. */
  canEditPattern: boolean;
}

export function mountShifts(root: HTMLElement, client: OrganiseClient, context: ShiftsContext): { refresh: () => Promise<void>; batchesChanged: () => Promise<void> } {
  const site = select([]);
  const day = el('input', { attrs: { type: 'date' } });
  // The day is a field of the shift form too: a batch person's day outside their batch is refused naming `day`.
  const dayField = field('day', 'sh-day', t('organise.shifts.day'), day);
  const chooser = el('div', { className: 'field-row' }, field('siteId', 'sh-site', t('dashboard.site'), site).wrapper, dayField.wrapper);
  const message = el('p', { attrs: { role: 'status' } });

  const patternView = el('div', { attrs: { 'data-testid': 'shift-pattern' } });
  const kind = select([['day', t('organise.shifts.kindDay')], ['round-the-clock', t('organise.shifts.kindRound')]]);
  const lines = el('textarea', { attrs: { rows: '4', autocomplete: 'off' } });
  const patternFields: Field[] = [
    field('kind', 'sh-kind', t('organise.shifts.kind'), kind),
    field('shifts', 'sh-lines', t('organise.shifts.lines'), lines, t('organise.shifts.linesHint')),
  ];
  const patternMessage = el('p', { attrs: { role: 'status', 'data-testid': 'pattern-result' } });
  const patternForm = el('form', { className: 'organise-form', attrs: { novalidate: '', 'aria-labelledby': 'sh-pattern-form-heading' } },
    el('h5', { text: t('organise.shifts.setPattern'), attrs: { id: 'sh-pattern-form-heading' } }), ...patternFields.map((item) => item.wrapper),
    el('button', { className: 'button', text: t('organise.shifts.savePattern'), attrs: { type: 'submit' } }), patternMessage);
  patternForm.hidden = !context.canEditPattern;

  const person = select([]);
  const shiftBox = el('div', { className: 'choices' });
  const giveFields: Field[] = [field('volunteerId', 'sh-person', t('organise.shifts.person'), person, t('organise.shifts.personHint')), dayField, group('shifts', 'sh-shifts', t('organise.shifts.which'), shiftBox, t('organise.shifts.whichHint'))];
  const giveMessage = el('p', { attrs: { role: 'status', 'data-testid': 'shift-result' } });
  const giveForm = el('form', { className: 'organise-form', attrs: { novalidate: '', 'aria-labelledby': 'sh-give-heading' } },
    el('h4', { text: t('organise.shifts.give'), attrs: { id: 'sh-give-heading' } }), ...giveFields.map((item) => item.wrapper),
    el('button', { className: 'button', text: t('organise.shifts.saveShifts'), attrs: { type: 'submit' } }), giveMessage);

  const dutyView = el('div', { attrs: { 'data-testid': 'duty' } });
  root.append(chooser, message,
    el('h4', { text: t('organise.shifts.pattern') }), patternView, patternForm,
    giveForm,
    el('h4', { text: t('organise.shifts.duty'), attrs: { id: 'sh-duty-heading' } }), dutyView);

  let pattern: ShiftPattern | null = null;
  let shiftInputs: HTMLInputElement[] = [];
  let people: UnitPerson[] = [];
  /** The unit's batches, read with the site: which batch people are on duty follows the chosen day. */
  let batches: Batch[] = [];
  let onDutyFromBatches: BatchPersonChoice[] = [];
  /** The site whose pattern the pattern form was last filled from, what it was filled with, and that version's ETag: a
   * later read of the same site (the unit chosen again, a refresh) must not wipe what the office is typing, and what
   * they save goes over the version they started from, so a change made meanwhile by someone else is a 412, not lost. */
  let formSiteId = '';
  let filled = { kind: '', lines: '' };
  let formEtag: string | null = null;
  const chosenDay = () => day.value || context.today();
  const n = (value: number) => numberFormat().format(value);

  /** Draws the site's pattern and its shift boxes, and fills the pattern form from it when `resetForm` (another site was
   * read, or the office's change was saved or refused as stale) or when the office has not changed the form. */
  function renderPattern(resetForm: boolean): void {
    if (!pattern) {
      patternView.replaceChildren(el('p', { text: t(context.canEditPattern ? 'organise.shifts.noPatternCoordinator' : 'organise.shifts.noPattern') }));
    } else {
      patternView.replaceChildren(
        el('p', { text: t('organise.shifts.patternLine', { kind: t(pattern.kind === 'round-the-clock' ? 'organise.shifts.kindRound' : 'organise.shifts.kindDay'), hours: hoursText(pattern.hoursCovered) }) }),
        el('ul', {}, ...pattern.shifts.map((shift) => el('li', { text: t('organise.shifts.shiftLine', { start: shift.start, end: shift.end, hours: hoursText(shift.hours) }) }))));
    }
    if (resetForm || (kind.value === filled.kind && lines.value === filled.lines)) {
      kind.value = pattern?.kind === 'round-the-clock' ? 'round-the-clock' : 'day';
      lines.value = pattern ? (pattern.kind === 'round-the-clock' ? pattern.handovers.join('、') : shiftLines(pattern.shifts)) : '';
      filled = { kind: kind.value, lines: lines.value };
      formEtag = pattern?.etag ?? null;
    }
    const boxes = (pattern?.shifts ?? []).map((shift, i) => checkbox(`sh-shift-${i}`, `${shift.start}|${shift.end}`, `${shift.start}–${shift.end}`, false));
    shiftInputs = boxes.map((box) => box.input);
    shiftBox.replaceChildren(...(boxes.length > 0 ? boxes.map((box) => box.row) : [el('p', { className: 'hint', text: t('organise.shifts.noPattern') })]));
  }

  function renderPeople(): void {
    const here = people.filter((candidate) => candidate.status === 'assigned' && candidate.siteId === site.value);
    onDutyFromBatches = batchPeopleOnDuty(batches, site.value, chosenDay());
    fill(person, [['', t('portal.unit.choose')], ...here.map((candidate): [string, string] => [candidate.volunteerId, candidate.name]),
      ...onDutyFromBatches.map((candidate): [string, string] => [candidate.personId, t('organise.shifts.batchPerson', { name: candidate.name })])]);
  }

  const whoName = (who: DutyPerson) => (who.fromBatch ? `${who.name}${t('organise.shifts.fromBatchMark')}` : who.name);

  function renderDuty(duty: SiteDuty): void {
    const rows = duty.shifts.map((shift) => el('tr', {},
      el('th', { text: `${shift.start}–${shift.end}${shift.onPattern ? '' : t('organise.shifts.offPattern')}`, attrs: { scope: 'row' } }),
      el('td', { text: n(shift.people) }), el('td', { text: shift.who.map(whoName).join('、') || '—' })));
    const caption = t('organise.shifts.dutyCaption', { site: duty.siteName, day: dayName(duty.day) });
    dutyView.replaceChildren(
      el('p', { attrs: { 'data-testid': 'duty-totals' }, text: t('organise.shifts.dutyTotals', { people: n(duty.people), personTimes: n(duty.personTimes), hours: hoursText(duty.dutyHours) }) }),
      el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': caption } },
        el('table', { className: 'data-table' }, el('caption', { text: caption }),
          el('thead', {}, el('tr', {}, ...[t('organise.shifts.shift'), t('organise.shifts.peopleHeading'), t('organise.shifts.who')].map((text) => el('th', { text, attrs: { scope: 'col' } })))),
          el('tbody', {}, ...rows))),
      el('p', { className: 'hint', text: t('organise.shifts.dutyHint') }));
  }

  async function loadSite(): Promise<void> {
    const unitId = context.unitId();
    const siteId = site.value;
    if (!siteId) return;
    try {
      const [read, everyone, unitBatches, duty] = await Promise.all([
        client.pattern(siteId),
        unitId ? client.allPeople(unitId, { siteId, status: 'assigned' }) : Promise.resolve([]),
        unitId ? client.batches(unitId).then((answer) => answer.items) : Promise.resolve([]),
        client.duty(siteId, chosenDay(), unitId ?? undefined),
      ]);
      // Another site (or unit) was chosen while this one was read: its answers win.
      if (site.value !== siteId || context.unitId() !== unitId) return;
      pattern = read;
      people = everyone;
      batches = unitBatches;
      renderPattern(formSiteId !== siteId);
      formSiteId = siteId;
      renderPeople();
      renderDuty(duty);
      say(message, '');
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, [], message, t('console.loadError'));
    }
  }

  async function refreshDuty(): Promise<void> {
    const unitId = context.unitId();
    const siteId = site.value;
    const onDay = chosenDay();
    if (!siteId) return;
    try {
      const duty = await client.duty(siteId, onDay, unitId ?? undefined);
      if (site.value !== siteId || chosenDay() !== onDay || context.unitId() !== unitId) return;
      renderDuty(duty);
    } catch (error) {
      showProblem(error, [], message, t('console.loadError'));
    }
  }

  /** The unit's batches afresh (one was recorded or withdrawn), and the batch people the person list offers. */
  async function reloadBatches(): Promise<void> {
    const unitId = context.unitId();
    if (!unitId || !site.value) return;
    try {
      const answer = await client.batches(unitId);
      if (context.unitId() !== unitId) return;
      batches = answer.items;
      renderPeople();
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, [], message, t('console.loadError'));
    }
  }

  /** Another day: its batch people (the batches afresh, in case one was recorded since the site was read) and its duty. */
  async function changeDay(): Promise<void> {
    renderPeople();
    await reloadBatches();
    await refreshDuty();
  }

  site.addEventListener('change', () => void loadSite());
  day.addEventListener('change', () => void changeDay());

  patternForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(patternFields, patternMessage);
    const handovers = readHandovers(lines.value);
    const shifts = readShiftLines(lines.value);
    const roundTheClock = kind.value === 'round-the-clock';
    const body = roundTheClock ? { handovers } : { shifts };
    // Said here, in the page's language, rather than by the API's English "Required" for an empty field.
    if ((roundTheClock ? handovers : shifts).length === 0) {
      showProblem(new ProblemError({ title: t('organise.shifts.linesRequired'), status: 400, errors: { shifts: [t('organise.shifts.linesRequired')] } }), patternFields, patternMessage, '');
      return;
    }
    try {
      pattern = await client.setPattern(site.value, body, formEtag);
      renderPattern(true);
      say(patternMessage, t('organise.shifts.patternSaved'));
    } catch (error) {
      if (signedOut(error, context)) return;
      if (error instanceof ProblemError && error.status === 412) {
        // Someone changed the pattern since it was read: show it as it is now, to make the change again on it.
        pattern = await client.pattern(site.value).catch(() => pattern);
        renderPattern(true);
        say(patternMessage, t('organise.shifts.patternStale'), 'error');
        return;
      }
      // A handover pattern names handovers[i]: shown on the one text field both kinds are typed into.
      const renamed = error instanceof ProblemError
        ? new ProblemError({ title: error.title, status: error.status, detail: error.detail ?? undefined, errors: Object.fromEntries(Object.entries(error.errors).map(([key, value]) => [key.replace(/^handovers/, 'shifts'), value])) })
        : error;
      showProblem(renamed, patternFields, patternMessage, t('console.actionError'));
    }
  });

  giveForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(giveFields, giveMessage);
    if (!person.value) {
      showProblem(new ProblemError({ title: t('organise.roles.choosePerson'), status: 400, errors: { volunteerId: [t('organise.roles.choosePerson')] } }), giveFields, giveMessage, '');
      return;
    }
    const shifts = shiftInputs.filter((input) => input.checked).map((input) => {
      const [start = '', end = ''] = input.value.split('|');
      return { start, end };
    });
    const onDay = chosenDay();
    try {
      const answer = await client.setShifts(person.value, onDay, shifts);
      const name = people.find((candidate) => candidate.volunteerId === person.value)?.name
        ?? onDutyFromBatches.find((candidate) => candidate.personId === person.value)?.name ?? '';
      say(giveMessage, t('organise.shifts.shiftsSaved', { name, day: dayName(onDay), count: answer.shifts.length, hours: hoursText(answer.hours) }));
      await refreshDuty();
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, giveFields, giveMessage, t('console.actionError'));
    }
  });

  return {
    async refresh() {
      const chosen = site.value;
      fill(site, context.sites().map((s): [string, string] => [s.id, s.name]), chosen);
      day.value ||= context.today();
      await loadSite();
    },
    batchesChanged: reloadBatches,
  };
}
