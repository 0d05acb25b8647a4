import { getJson, postJson, ProblemError, type RegistrationStatus } from '../api';
import { monthDay } from '../format';
import { currentLanguage, t, type MessageKey } from '../i18n';
import { byId, hide, show, startPage } from '../layout';
import { roleKey, teamKindKey, telHref } from '../team';

const pollEveryMs = 2_000;
const pollForMs = 30_000;

let current: { id: string; code: string; status: RegistrationStatus } | null = null;
/** Kept as keys, not text, so the language switch can say them again in the other language. */
let errorKey: MessageKey | null = null;
let noteKey: MessageKey | null = null;
let pollTimer: ReturnType<typeof setTimeout> | undefined;

const statusUrl = (id: string, code: string, action = '') =>
  `/api/registrations/${encodeURIComponent(id)}${action}?code=${encodeURIComponent(code)}`;

function render(): void {
  const error = byId('status-error');
  if (errorKey) show(error, t(errorKey));
  else hide(error);
  const note = byId('status-note');
  if (noteKey) show(note, t(noteKey));
  else hide(note);

  const result = byId('result');
  if (!current) {
    hide(result);
    return;
  }
  const { status } = current;
  show(result);
  byId('shown-code').textContent = groupedCode(current.code);
  byId('shown-id').textContent = current.id;
  const text = byId('status-text');
  text.textContent = t(`status.${status.status}`);
  text.dataset.status = status.status;

  const site = byId('site');
  if (status.site) {
    byId('site-name').textContent = status.site.name;
    byId('site-address').textContent = status.site.address ?? '—';
    showContact(status.site.contact);
    show(site);
  } else {
    hide(site);
  }
  renderTeam(status);
  renderShifts(status);
  byId('status-reason-text').textContent = status.reason ?? '';
  byId('status-reason').hidden = !status.reason;
  // Only a volunteer the office has placed (or waitlisted) can be withdrawn; earlier the server answers 409.
  byId('withdraw').hidden = !['assigned', 'waitlisted'].includes(status.status);
}

/**
 * The site's duty phone (an office line, public on purpose, and labelled so), the volunteer's role, their team and its
 * leader's name; the roster only for the leader, with phones masked as the server sends them.
 */
function renderTeam(status: RegistrationStatus): void {
  const dutyPhone = status.site?.dutyPhone;
  const phoneLink = byId<HTMLAnchorElement>('duty-phone');
  byId('duty-phone-row').hidden = !dutyPhone;
  if (dutyPhone) {
    phoneLink.href = telHref(dutyPhone);
    phoneLink.textContent = dutyPhone;
  }
  byId('role-row').hidden = !status.site || !status.role;
  byId('role').textContent = status.role ? t(roleKey(status.role)) : '';
  const team = status.site ? status.team : null;
  byId('team-row').hidden = !team;
  byId('leader-row').hidden = !team?.leaderName;
  byId('team').textContent = team ? `${team.name}（${t(teamKindKey(team.kind))}）` : '';
  byId('leader').textContent = team?.leaderName ?? '';
  const roster = team?.isLeader ? team.roster : null;
  byId('roster-section').hidden = !roster;
  byId('roster').replaceChildren(...(roster ?? []).map((person) => {
    const row = document.createElement('tr');
    for (const text of [person.name, t(roleKey(person.role)), person.phoneMasked]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}

/**
 * The volunteer's shifts this week, as the unit's organiser set them: the day (9月16日（周五）), the clock times
 * (Beijing time; a night shift says it ends the next day) and the site. Shown to an assigned volunteer only; with
 * none, a line says so rather than an empty list.
 */
function renderShifts(status: RegistrationStatus): void {
  const shifts = status.site ? (status.shifts ?? []) : [];
  byId('shifts-section').hidden = !status.site;
  byId('shifts-none').hidden = shifts.length > 0;
  const language = currentLanguage();
  byId('shifts').replaceChildren(...shifts.map((shift) => {
    const item = document.createElement('li');
    const parts: [string, string][] = [
      ['shift-day', monthDay(shift.day, language)],
      ['shift-time', t(shift.endsNextDay ? 'status.shiftTimeNextDay' : 'status.shiftTime', { start: shift.start, end: shift.end })],
      ['shift-site', shift.siteName],
    ];
    for (const [className, text] of parts) {
      const part = document.createElement('span');
      part.className = className;
      part.textContent = text;
      item.append(part);
    }
    return item;
  }));
}

/** The receipt code in two groups of four (ABCD 2345), the way it is read out over the phone. */
function groupedCode(code: string): string {
  const compact = code.replace(/\s+/g, '').toUpperCase();
  return compact.length === 8 ? `${compact.slice(0, 4)} ${compact.slice(4)}` : compact;
}

/**
 * The contact exactly as the office wrote it (line breaks kept by CSS), with each phone number in it a link that
 * dials it; the rest stays text.
 */
function showContact(contact: string | null): void {
  const target = byId('site-contact');
  if (!contact) {
    target.textContent = '—';
    return;
  }
  target.replaceChildren(...contact.split(/(\+?\d[\d -]{5,}\d)/).map((part, index) => {
    if (index % 2 === 0) return document.createTextNode(part);
    const link = document.createElement('a');
    link.href = `tel:${part.replace(/[ -]/g, '')}`;
    link.textContent = part;
    return link;
  }));
}

async function copyId(): Promise<void> {
  if (!current) return;
  const said = byId('copy-result');
  try {
    await navigator.clipboard.writeText(current.id);
    said.textContent = t('status.copied');
  } catch {
    // No clipboard (an old browser, or permission refused): the id is selected for the person to copy.
    const selection = getSelection();
    selection?.selectAllChildren(byId('shown-id'));
    said.textContent = t('status.copySelect');
  }
}

async function lookup(id: string, code: string, pollUntil: number): Promise<void> {
  clearTimeout(pollTimer);
  try {
    const status = await getJson<RegistrationStatus>(statusUrl(id, code));
    current = { id, code, status };
    errorKey = null;
    noteKey = null;
    // Placing a volunteer takes a moment after the form is sent: keep asking for a while, then say so.
    if (status.status === 'received') {
      if (Date.now() < pollUntil) pollTimer = setTimeout(() => void lookup(id, code, pollUntil), pollEveryMs);
      else noteKey = 'status.stillProcessing';
    }
  } catch (error) {
    current = null;
    noteKey = null;
    errorKey = error instanceof ProblemError && error.status === 404 ? 'status.notFound' : 'status.error';
  }
  render();
}

async function withdraw(): Promise<void> {
  if (!current || !confirm(t('status.confirmWithdraw'))) return;
  const button = byId<HTMLButtonElement>('withdraw');
  button.disabled = true;
  try {
    const status = await postJson<RegistrationStatus>(statusUrl(current.id, current.code, '/withdraw'), {});
    current = { ...current, status };
    errorKey = null;
  } catch (error) {
    const status = error instanceof ProblemError ? error.status : 0;
    errorKey = status === 404 ? 'status.notFound' : status === 409 ? 'status.withdrawLater' : 'status.error';
  } finally {
    button.disabled = false;
  }
  render();
}

function start(id: string, code: string): void {
  if (!id || !code) {
    current = null;
    errorKey = 'status.missing';
    render();
    return;
  }
  void lookup(id, code, Date.now() + pollForMs);
}

startPage(render);
const params = new URLSearchParams(location.search);
const idInput = byId<HTMLInputElement>('registrationId');
const codeInput = byId<HTMLInputElement>('code');
idInput.value = params.get('id') ?? '';
codeInput.value = params.get('code') ?? '';
if (idInput.value && codeInput.value) start(idInput.value.trim(), codeInput.value.trim());
byId<HTMLFormElement>('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  start(idInput.value.trim(), codeInput.value.trim());
});
byId('withdraw').addEventListener('click', () => void withdraw());
byId('copy-id').addEventListener('click', () => void copyId());
