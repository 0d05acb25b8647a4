import { getJson, postJson, ProblemError, type RegistrationAccepted, type SiteSummary, type UnitSummary } from '../api';
import { t, type MessageKey } from '../i18n';
import { byId, hide, show, startPage } from '../layout';
import { skillCodes, validateRegistration, type RegistrationForm } from '../validation';

const form = byId<HTMLFormElement>('registration');
const fields = ['name', 'phone', 'workUnit', 'partyMember', 'partyBranch', 'homeCommunity', 'skills', 'availableFrom', 'availableTo', 'consent'] as const;
type Field = (typeof fields)[number];

/** Errors shown now: a message key (ours, translatable) or the server's text. */
const shownErrors = new Map<Field, { key?: MessageKey; text?: string }>();

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
    const text = document.createElement('span');
    text.textContent = t(`skill.${code}` as MessageKey);
    label.append(input, ' ', text);
    return label;
  }));
}

function read(): RegistrationForm {
  const data = new FormData(form);
  const unit = String(data.get('workUnit') ?? '');
  const party = data.get('partyMember');
  return {
    name: String(data.get('name') ?? ''),
    phone: String(data.get('phone') ?? ''),
    workUnit: unit === '__other' ? String(data.get('otherUnit') ?? '') : unit,
    partyMember: party === null ? null : party === 'true',
    partyBranch: String(data.get('partyBranch') ?? ''),
    homeCommunity: String(data.get('homeCommunity') ?? ''),
    skills: data.getAll('skills').map(String),
    availableFrom: String(data.get('availableFrom') ?? ''),
    availableTo: String(data.get('availableTo') ?? ''),
    consent: data.get('consent') === 'on',
  };
}

function renderErrors(): void {
  for (const field of fields) {
    const message = byId(`${field}-error`);
    const error = shownErrors.get(field);
    const inputs = form.querySelectorAll<HTMLElement>(`[name="${field}"]`);
    if (error) {
      show(message, error.key ? t(error.key) : error.text);
      inputs.forEach((input) => input.setAttribute('aria-invalid', 'true'));
    } else {
      hide(message);
      inputs.forEach((input) => input.removeAttribute('aria-invalid'));
    }
  }
}

function focusFirstError(): void {
  const first = fields.find((field) => shownErrors.has(field));
  if (first) form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
}

async function submit(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const values = read();
  shownErrors.clear();
  for (const [field, key] of Object.entries(validateRegistration(values))) shownErrors.set(field as Field, { key });
  renderErrors();
  hide(byId('form-error'));
  if (shownErrors.size > 0) {
    focusFirstError();
    return;
  }

  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    const website = (byId<HTMLInputElement>('website')).value;
    const receipt = await postJson<RegistrationAccepted>('/api/registrations', { ...values, website });
    showReceipt(receipt);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 429) {
      show(byId('form-error'), t('register.tooMany', { seconds: error.retryAfterSeconds ?? 60 }));
    } else if (error instanceof ProblemError) {
      for (const [field, messages] of Object.entries(error.errors)) {
        if ((fields as readonly string[]).includes(field)) shownErrors.set(field as Field, { text: messages.join(' ') });
      }
      renderErrors();
      show(byId('form-error'), t('register.failed'));
      focusFirstError();
    } else {
      show(byId('form-error'), t('register.network'));
    }
  } finally {
    if (button) button.disabled = false;
  }
}

function showReceipt(receipt: RegistrationAccepted): void {
  hide(form);
  byId('receipt-code').textContent = receipt.receiptCode;
  const link = byId<HTMLAnchorElement>('receipt-link');
  link.href = `/status.html?id=${encodeURIComponent(receipt.registrationId)}&code=${encodeURIComponent(receipt.receiptCode)}`;
  const panel = byId('receipt');
  show(panel);
  panel.focus();
}

async function loadChoices(): Promise<void> {
  const [units, sites] = await Promise.all([
    getJson<UnitSummary[]>('/api/units').catch(() => []),
    getJson<SiteSummary[]>('/api/sites').catch(() => []),
  ]);
  const select = byId<HTMLSelectElement>('workUnit');
  const other = select.querySelector('option[value="__other"]');
  for (const unit of units.filter((candidate) => candidate.verified)) {
    select.insertBefore(new Option(unit.name, unit.id), other);
  }
  const communities = [...new Set(sites.map((site) => site.community).filter(Boolean))].sort();
  byId('communities').replaceChildren(...communities.map((community) => new Option(community)));
}

function defaultDates(): void {
  const today = new Date();
  const iso = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const from = byId<HTMLInputElement>('availableFrom');
  const to = byId<HTMLInputElement>('availableTo');
  from.value ||= iso(today);
  to.value ||= iso(new Date(today.getTime() + 30 * 86_400_000));
}

startPage(() => {
  renderSkills();
  renderErrors();
});
renderSkills();
defaultDates();
byId<HTMLSelectElement>('workUnit').addEventListener('change', (event) => {
  const other = (event.target as HTMLSelectElement).value === '__other';
  byId('otherUnit-field').hidden = !other;
  if (other) byId('otherUnit').focus();
});
form.addEventListener('submit', (event) => void submit(event));
void loadChoices();
