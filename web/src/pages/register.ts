import { getJson, ProblemError, request, type RegistrationAccepted, type SiteSummary, type UnitSummary } from '../api';
import { deviceHeader, deviceId } from '../device';
import { wallClock } from '../format';
import { t, type MessageKey } from '../i18n';
import { byId, hide, show, startPage } from '../layout';
import { skillCodes, validateRegistration, type RegistrationForm } from '../validation';

const form = byId<HTMLFormElement>('registration');
const fields = ['name', 'phone', 'workUnit', 'partyMember', 'partyBranch', 'homeCommunity', 'skills', 'availableFrom', 'availableTo', 'consent'] as const;
type Field = (typeof fields)[number];
const otherUnit = '__other';

const isField = (name: string): name is Field => (fields as readonly string[]).includes(name);

/** An error shown now: a message key (ours, so it follows the language switch) or the server's own text. */
type ShownError = { key: MessageKey } | { text: string };
const shownErrors = new Map<Field, ShownError>();
/** What the form as a whole says under the submit button; kept as a function so it re-renders in the other language. */
let formMessage: (() => string) | null = null;

function renderSkills(): void {
  const container = byId('skills-options');
  const checked = new Set([...container.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value));
  container.replaceChildren(...skillCodes.map((code) => {
    const label = document.createElement('label');
    label.className = 'choice';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'skills';
    input.value = code;
    input.checked = checked.has(code);
    input.setAttribute('aria-describedby', 'skills-error');
    const text = document.createElement('span');
    text.textContent = t(`skill.${code}`);
    label.append(input, ' ', text);
    return label;
  }));
}

function read(): RegistrationForm {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const party = data.get('partyMember');
  return {
    name: text('name'),
    phone: text('phone'),
    workUnit: text('workUnit') === otherUnit ? text('otherUnit') : text('workUnit'),
    partyMember: party === null ? null : party === 'true',
    partyBranch: text('partyBranch'),
    homeCommunity: text('homeCommunity'),
    skills: data.getAll('skills').map(String),
    availableFrom: text('availableFrom'),
    availableTo: text('availableTo'),
    consent: data.get('consent') === 'on',
  };
}

/** The controls an error belongs to: for the unit, the typed name too when "other" is chosen. */
function controlsOf(field: Field): HTMLElement[] {
  const controls = [...form.querySelectorAll<HTMLElement>(`[name="${field}"]`)];
  if (field === 'workUnit' && byId<HTMLSelectElement>('workUnit').value === otherUnit) controls.push(byId('otherUnit'));
  return controls;
}

function renderErrors(): void {
  byId('otherUnit').removeAttribute('aria-invalid');
  for (const field of fields) {
    const message = byId(`${field}-error`);
    const error = shownErrors.get(field);
    if (error) {
      show(message, 'key' in error ? t(error.key) : error.text);
      controlsOf(field).forEach((control) => control.setAttribute('aria-invalid', 'true'));
    } else {
      hide(message);
      controlsOf(field).forEach((control) => control.removeAttribute('aria-invalid'));
    }
  }
  const formError = byId('form-error');
  if (formMessage) show(formError, formMessage());
  else hide(formError);
}

function focusFirstError(): void {
  const first = fields.find((field) => shownErrors.has(field));
  if (!first) return;
  const controls = controlsOf(first);
  // With "other" chosen the typed name is what needs fixing; for radios and checkboxes, the first of the group.
  (first === 'workUnit' ? controls.at(-1) : controls[0])?.focus();
}

function showServerErrors(error: ProblemError): void {
  const elsewhere: string[] = [];
  for (const [field, messages] of Object.entries(error.errors)) {
    if (isField(field)) shownErrors.set(field, { text: messages.join(' ') });
    // The honeypot and fields this page does not know: say them once, under the button.
    else elsewhere.push(...messages);
  }
  const detail = [...elsewhere, ...(Object.keys(error.errors).length === 0 ? [error.title] : [])].join(' ');
  formMessage = () => (detail ? `${t('register.failed')} ${detail}` : t('register.failed'));
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const values = read();
  shownErrors.clear();
  formMessage = null;
  for (const [field, key] of Object.entries(validateRegistration(values))) {
    if (isField(field) && key) shownErrors.set(field, { key });
  }
  renderErrors();
  if (shownErrors.size > 0) {
    focusFirstError();
    return;
  }

  cancelRetry();
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    const website = byId<HTMLInputElement>('website').value;
    showReceipt(await request<RegistrationAccepted>('/api/registrations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [deviceHeader]: deviceId() },
      body: JSON.stringify({ ...values, website }),
    }));
    return;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 429) {
      retryAfter(error.retryAfterSeconds ?? 60);
    } else if (error instanceof ProblemError) {
      showServerErrors(error);
    } else {
      formMessage = () => t('register.network');
    }
  } finally {
    if (button) button.disabled = false;
  }
  renderErrors();
  if (shownErrors.size > 0) focusFirstError();
}

/** The automatic resubmission after a 429, so the person only waits: what they typed stays in the form. */
let retryTimer: number | undefined;

function cancelRetry(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
}

function retryAfter(seconds: number): void {
  const at = new Date(Date.now() + seconds * 1000);
  // Said once (the message is an alert); the wait is given as a time too, so it holds however long reading takes.
  // Beijing time, as every clock on the site (a UTC ISO time has no offset, so wallClock converts it).
  formMessage = () => t('register.tooManyRetrying', { seconds, time: wallClock(at.toISOString()).slice(11) });
  retryTimer = window.setTimeout(() => {
    retryTimer = undefined;
    form.requestSubmit();
  }, seconds * 1000);
}

function showReceipt(receipt: RegistrationAccepted): void {
  hide(form);
  byId('receipt-code').textContent = receipt.receiptCode;
  byId('receipt-id').textContent = receipt.registrationId;
  const link = byId<HTMLAnchorElement>('receipt-link');
  link.href = `/status.html?id=${encodeURIComponent(receipt.registrationId)}&code=${encodeURIComponent(receipt.receiptCode)}`;
  const panel = byId('receipt');
  show(panel);
  panel.focus();
}

async function loadChoices(): Promise<void> {
  const [units, sites] = await Promise.all([
    getJson<UnitSummary[]>('/api/units').catch(() => null),
    getJson<SiteSummary[]>('/api/sites').catch((): SiteSummary[] => []),
  ]);
  const select = byId<HTMLSelectElement>('workUnit');
  const other = select.querySelector(`option[value="${otherUnit}"]`);
  if (units === null) {
    show(byId('units-unavailable'), t('register.unitsUnavailable'));
  } else {
    // Units that volunteers typed in stay out of the list until a coordinator confirms them.
    for (const unit of units.filter((candidate) => candidate.verified !== false)) select.insertBefore(new Option(unit.name, unit.id), other);
  }
  const communities = [...new Set(sites.map((site) => site.community).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  byId('communities').replaceChildren(...communities.map((community) => new Option(community)));
  choosePosterPlace(units ?? [], sites);
}

/** What the poster's QR code chose (?unit=, ?community=, ?site=), said above the form so the person knows why. */
let posterPlace: string | null = null;

/**
 * A registration poster's link chooses the unit (its id), the home community (its name) or a site, whose community
 * is then chosen; the person can still change either. Unknown values are ignored.
 */
function choosePosterPlace(units: UnitSummary[], sites: SiteSummary[]): void {
  const query = new URLSearchParams(location.search);
  const unit = units.find((candidate) => candidate.id === query.get('unit') && candidate.verified !== false);
  const site = sites.find((candidate) => candidate.id === query.get('site'));
  const community = query.get('community')?.trim() || site?.community || '';
  if (unit) byId<HTMLSelectElement>('workUnit').value = unit.id;
  const home = byId<HTMLInputElement>('homeCommunity');
  if (community && !home.value) home.value = community.slice(0, 100);
  posterPlace = site?.name ?? unit?.name ?? (community || null);
  renderPosterPlace();
}

function renderPosterPlace(): void {
  const note = byId('poster-place');
  if (posterPlace) show(note, t('register.fromPoster', { place: posterPlace }));
  else hide(note);
}

const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

function wireDates(): void {
  const today = new Date();
  const from = byId<HTMLInputElement>('availableFrom');
  const to = byId<HTMLInputElement>('availableTo');
  from.value ||= isoDay(today);
  to.value ||= isoDay(new Date(today.getTime() + 30 * 86_400_000));
  // The date picker then offers only an end on or after the start.
  const limit = () => { to.min = from.value; };
  limit();
  from.addEventListener('change', limit);
}

startPage(() => {
  renderSkills();
  renderErrors();
  renderPosterPlace();
  const unitsNote = byId('units-unavailable');
  if (!unitsNote.hidden) unitsNote.textContent = t('register.unitsUnavailable');
});
renderSkills();
wireDates();
byId<HTMLSelectElement>('workUnit').addEventListener('change', (event) => {
  const other = (event.target as HTMLSelectElement).value === otherUnit;
  byId('otherUnit-field').hidden = !other;
  byId<HTMLInputElement>('otherUnit').required = other;
  if (other) byId('otherUnit').focus();
});
form.addEventListener('submit', (event) => void submit(event));
void loadChoices();
