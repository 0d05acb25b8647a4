import { getJson, ProblemError, request, type SiteSummary, type SubmissionResult, type SubmissionView, type UnitDay, type UnitSummary } from '../api';
import { isReporter, portalAccess, startSignIn, type Session, type SignIn } from '../auth';
import { loadConfig, signInMode, type SiteConfig } from '../config';
import {
  changesBetween, fieldMessageText, inputModeOf, openDays, readCounts, refusalKey, resultKind, splitWho, todayIn, translateServerMessage, valueField,
  type CountField, type CountsBody, type CountsForm, type FieldMessage, type ResultKind,
} from '../counts';
import { clockIn } from '../format';
import { currentLanguage, numberFormat, t, type MessageKey } from '../i18n';
import {
  codeOfField, fetchIndicatorSet, indicatorLabel, indicatorsForSiteType, rulesForSiteType, type Indicator, type IndicatorSet,
} from '../indicators';
import { byId, hide, show, startPage } from '../layout';
import { mountContributions } from '../portal/contributions';
import { hoursText } from '../organise/model';
import { mountPortalOrganise } from '../portal/organise';
import { mountUpload } from '../portal/upload';
import { deviceDrafts, deviceIndicators, deviceOutbox } from '../portal/device-store';
import { askForBackgroundSync, sendQueued, startOffline } from '../portal/offline';
import { enqueue, flush, latestBySite, newKey, prune, serialized, waiting, type QueuedRefusal, type QueuedSubmission } from '../portal/outbox';

/** What each site's card says now, kept as keys and values so the language switch can say it again. */
interface SiteState {
  errors: Partial<Record<CountField, FieldMessage>>;
  result: { kind: ResultKind; version: number; flagged: boolean } | null;
  refusal: FieldMessage | null;
  history: SubmissionView[] | 'loading' | 'failed' | null;
}

let config: SiteConfig;
let auth: SignIn | null = null;
let session: Session | null = null;
let signInMessage: MessageKey | null = null;
let units: UnitSummary[] = [];
const sites = new Map<string, SiteSummary>();
let days: string[] = [];
let day = '';
let unitDay: UnitDay | null = null;
let loadError = false;
const states = new Map<string, SiteState>();
/** The send queue and the drafts, on the device (IndexedDB): what was typed survives a reload, a lost network and a sign-in. */
const outbox = deviceOutbox();
const drafts = deviceDrafts();
/** The indicator definitions the forms are built from: read from the server when there is signal, else as last kept here. */
const keptIndicators = deviceIndicators();
let indicatorSet: IndicatorSet | null = null;
let indicatorsReadAt = 0;
/** Settles once the definitions are on the device (read now, or kept from before): only then does a form render offline. */
let markIndicatorsKept: () => void = () => undefined;
const indicatorsKept = new Promise<void>((resolve) => { markIndicatorsKept = resolve; });
const oneFlushAtATime = serialized('frontline-outbox');
/** The unit's queue as the portal shows it: every waiting or recently answered entry, and the newest per site of the day. */
let queueEntries: QueuedSubmission[] = [];
let queuedOfDay = new Map<string, QueuedSubmission>();
/** The day's sites came from the catalog because the server could not be reached: what is reported is unknown. */
let offlineDay = false;
const contributions = mountContributions({
  sites: () => (units.find((unit) => unit.id === session?.unitId)?.siteIds ?? [])
    .map((id) => ({ id, name: siteName(id) })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  today: () => todayIn(config.timeZone),
  timeZone: () => config.timeZone,
  expired: () => signOut('portal.expired'),
});
const upload = mountUpload({
  unitId: () => session?.unitId ?? null,
  day: () => day,
  siteName: (siteId) => siteName(siteId),
  expired: () => signOut('portal.expired'),
  // The cards are built again: their figures are what the file just stored (a card keeps typed values otherwise).
  uploaded: () => loadDay(),
  indicators: () => indicatorSet,
});

const organise = mountPortalOrganise({
  unitId: () => session?.unitId ?? null,
  sites: () => (units.find((unit) => unit.id === session?.unitId)?.siteIds ?? [])
    .map((id) => ({ id, name: siteName(id) })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  today: () => todayIn(config.timeZone),
  expired: () => signOut('portal.expired'),
});

const stateOf = (siteId: string): SiteState => {
  let state = states.get(siteId);
  if (!state) {
    state = { errors: {}, result: null, refusal: null, history: null };
    states.set(siteId, state);
  }
  return state;
};

const indicatorOf = (code: string): Indicator | undefined => indicatorSet?.indicators.find((indicator) => indicator.code === code);
const say = (message: FieldMessage) => fieldMessageText(message, indicatorSet?.indicators);
/** What a site's form asks for: its type's live indicators in order, and the rules between them (none before the definitions are known). */
function formOf(siteId: string): CountsForm {
  const type = sites.get(siteId)?.type;
  if (!indicatorSet || !type) return { indicators: [], rules: [] };
  return { indicators: indicatorsForSiteType(indicatorSet, type), rules: rulesForSiteType(indicatorSet, type) };
}
const countFieldsOf = (siteId: string): CountField[] => [...formOf(siteId).indicators.map((indicator) => valueField(indicator.code)), 'highlight'];
/** A field's name in the reader's language: an indicator's name with its unit (its code if the set does not know it). */
function fieldLabel(field: string): string {
  if (field === 'highlight') return t('counts.highlight');
  const code = codeOfField(field, indicatorSet);
  const indicator = code ? indicatorOf(code) : undefined;
  return indicator ? indicatorLabel(indicator, currentLanguage()) : field;
}
const siteName = (siteId: string) => sites.get(siteId)?.name ?? siteId;
const unitName = (unitId: string) => units.find((unit) => unit.id === unitId)?.name ?? unitId;
/** Site ids are [a-z0-9-] (CatalogImport.IsValidId), so they are safe inside element ids. */
const idOf = (siteId: string, part = '') => `site-${siteId}${part ? `-${part}` : ''}`;
/** A new element with its properties set (text always through textContent, never as HTML). */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | number | boolean> = {}): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  Object.assign(created, props);
  return created;
}

function announce(text: string): void {
  // Cleared first, so the same sentence twice is read twice.
  const status = byId('portal-status');
  status.textContent = '';
  setTimeout(() => { status.textContent = text; }, 50);
}

// ---- sign-in ----------------------------------------------------------------------------------------------

function renderSignIn(): void {
  hide(byId('portal-loading'));
  const signedIn = session !== null;
  byId('signin').hidden = signedIn;
  byId('workspace').hidden = !signedIn;
  const mode = signInMode(config);
  byId('entra-signin').hidden = mode !== 'entra';
  byId('dev-signin').hidden = mode !== 'development';
  const error = byId('signin-error');
  if (signInMessage && !signedIn) show(error, t(signInMessage));
  else hide(error);
  if (!session) return;

  byId('who-name').textContent = t('portal.signedInAs', { name: session.name || '—' });
  byId('who-unit').textContent = session.unitId ? t('portal.unitLine', { unit: unitName(session.unitId) }) : '';
  byId('not-reporter').hidden = isReporter(session);
  byId('reporting').hidden = !isReporter(session);
}

function signedIn(next: Session): void {
  session = next;
  signInMessage = null;
  renderSignIn();
  if (!isReporter(next)) return;
  void loadDay().then(flushQueue);
  contributions.reset();
  contributions.render();
  void contributions.load();
  upload.reset();
  void organise.start();
}

function signOut(message: MessageKey | null = null): void {
  if (message === null) {
    // With Entra ID the browser leaves for Microsoft's sign-out, which comes back to this page.
    if (auth?.signOut()) return;
  } else {
    auth?.forget();
  }
  session = null;
  unitDay = null;
  // The send queue and the drafts stay on the device: after the next sign-in of the unit they are sent.
  queueEntries = [];
  queuedOfDay.clear();
  renderQueue();
  states.clear();
  byId('sites').replaceChildren();
  contributions.reset();
  contributions.render();
  upload.reset();
  organise.stop();
  signInMessage = message;
  renderSignIn();
  (signInMode(config) === 'entra' ? byId('entra-button') : byId('dev-unit')).focus();
}

async function submitDevSignIn(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const unit = byId<HTMLSelectElement>('dev-unit');
  const unitError = byId('dev-unit-error');
  if (!unit.value) {
    show(unitError, t('portal.chooseUnit'));
    unit.setAttribute('aria-invalid', 'true');
    unit.focus();
    return;
  }
  hide(unitError);
  unit.removeAttribute('aria-invalid');
  const button = byId<HTMLButtonElement>('dev-button');
  button.disabled = true;
  try {
    if (!auth) return;
    const next = await auth.signInForDevelopment({ unitId: unit.value, name: byId<HTMLInputElement>('dev-name').value });
    signedIn(next);
    (isReporter(next) ? byId('day') : byId('sign-out')).focus();
  } catch (error) {
    signInMessage = error instanceof ProblemError && error.status === 404 ? 'portal.devUnavailable' : 'portal.signInFailed';
    renderSignIn();
  } finally {
    button.disabled = false;
  }
}

function fillUnits(): void {
  const select = byId<HTMLSelectElement>('dev-unit');
  const choose = select.querySelector('option[value=""]');
  select.replaceChildren(...(choose ? [choose] : []), ...units.filter((unit) => unit.verified !== false).map((unit) => new Option(unit.name, unit.id)));
}

// ---- the unit's day ---------------------------------------------------------------------------------------

function renderDays(): void {
  const select = byId<HTMLSelectElement>('day');
  select.replaceChildren(...days.map((value, back) =>
    new Option(back === 0 ? t('portal.today', { day: value }) : back === 1 ? t('portal.yesterday', { day: value }) : t('portal.earlier', { day: value, days: back }),
      value, false, value === day)));
}

/** The sites of the day: those reported and those missing (the server leaves out sites closed that day). */
function siteIdsOfDay(): string[] {
  if (!unitDay) return [];
  const ids = [...unitDay.missing, ...unitDay.submissions.map((submission) => submission.siteId)];
  return [...new Set(ids)].sort((a, b) => siteName(a).localeCompare(siteName(b), 'zh-CN'));
}

const currentOf = (siteId: string) => unitDay?.submissions.find((submission) => submission.siteId === siteId) ?? null;

async function loadDay(rebuild = true): Promise<void> {
  if (!session?.unitId) return;
  if (rebuild) announce(t('portal.loading'));
  try {
    unitDay = await getJson<UnitDay>(`/api/units/${encodeURIComponent(session.unitId)}/counts?day=${encodeURIComponent(day)}`);
    loadError = false;
    offlineDay = false;
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) {
      signOut('portal.expired');
      return;
    }
    // No answer at all (no network): the unit's sites from the catalog the service worker kept, so the reporter
    // can still fill them in; what is sent waits in the queue. A unit's submissions are never kept offline.
    const unitSites = error instanceof ProblemError ? undefined : units.find((unit) => unit.id === session?.unitId)?.siteIds;
    offlineDay = unitSites !== undefined;
    unitDay = unitSites ? { unitId: session.unitId, day, submissions: [], missing: unitSites } : null;
    loadError = !offlineDay;
  }
  await refreshQueue();
  if (rebuild) {
    await loadIndicators();
    states.clear();
    buildSites();
    if (!loadError) announce(t('portal.loaded', { day }));
  }
  renderDay();
}

function renderDay(): void {
  const error = byId('portal-error');
  if (loadError) show(error, t('portal.loadFailed'));
  else hide(error);

  byId('offline-day').hidden = !offlineDay;
  const missing = offlineDay ? [] : unitDay?.missing ?? [];
  byId('missing-summary').textContent = !unitDay ? '' : offlineDay ? t('portal.missingOffline')
    : missing.length === 0 ? t('portal.missingNone') : t('portal.missingCount', { count: missing.length });
  byId('missing-list').replaceChildren(...missing.map((siteId) => {
    const item = element('li');
    item.append(element('a', { href: `#${idOf(siteId)}`, textContent: siteName(siteId) }));
    return item;
  }));
  byId('no-sites').hidden = !unitDay || siteIdsOfDay().length > 0;
  for (const siteId of siteIdsOfDay()) renderSite(siteId);
  renderQueue();
}

/**
 * The definitions from the server, kept on the device for the next time there is no signal; without an answer, the
 * ones kept. A set read once stays in use if a later read fails, so a form never loses its fields while it is open.
 */
async function loadIndicators(): Promise<void> {
  // Read at the start and again when a day is loaded later: a set read a moment ago is still the one in force.
  if (indicatorSet && Date.now() - indicatorsReadAt < 60_000) return;
  try {
    indicatorSet = await fetchIndicatorSet();
    indicatorsReadAt = Date.now();
    await keptIndicators.put(indicatorSet).catch(() => undefined);
    markIndicatorsKept();
  } catch {
    const kept = await keptIndicators.get().catch(() => undefined);
    if (kept) {
      indicatorSet ??= kept.set;
      markIndicatorsKept();
    }
  }
}

// ---- a site's card ----------------------------------------------------------------------------------------

function buildSites(): void {
  byId('sites').replaceChildren(...siteIdsOfDay().map(buildSite));
}

function buildSite(siteId: string): HTMLElement {
  const card = element('article', { className: 'site-card', id: idOf(siteId), tabIndex: -1 });
  card.setAttribute('aria-labelledby', idOf(siteId, 'name'));
  card.dataset.site = siteId;
  const heading = element('h3', { id: idOf(siteId, 'name'), textContent: siteName(siteId) });
  const badge = element('p', { className: 'badge', id: idOf(siteId, 'state') });
  badge.dataset.testid = 'site-state';
  const head = element('div', { className: 'site-card-head' });
  head.append(heading, badge);

  const form = element('form', { id: idOf(siteId, 'form'), noValidate: true });
  const grid = element('div', { className: 'count-grid' });
  const current = currentOf(siteId);
  const { indicators } = formOf(siteId);
  for (const indicator of indicators) {
    grid.append(fieldOf(siteId, valueField(indicator.code), () => {
      // type=text, not number: a number input drops what it cannot parse, and the check below names what is wrong.
      const input = element('input', { type: 'text', inputMode: inputModeOf(indicator), autocomplete: 'off', enterKeyHint: 'next', maxLength: 9 });
      if (indicator.required) input.setAttribute('aria-required', 'true');
      const value = current?.figures.values?.[indicator.code];
      input.value = value === undefined ? '' : String(value);
      return input;
    }));
  }
  // Never loaded with signal on this device: there is nothing to build the form from yet.
  const unavailable = element('p', { className: 'error', id: idOf(siteId, 'no-indicators'), hidden: indicators.length > 0 });
  unavailable.dataset.i18n = 'portal.indicatorsUnavailable';
  unavailable.textContent = t('portal.indicatorsUnavailable');
  const highlight = fieldOf(siteId, 'highlight', () => {
    const area = element('textarea', { rows: 2, maxLength: 500 });
    area.value = current?.highlight ?? '';
    return area;
  });
  highlight.classList.add('highlight-field');
  const submit = element('button', { type: 'submit', className: 'button', id: idOf(siteId, 'submit') });
  const result = element('p', { className: 'result', id: idOf(siteId, 'result') });
  result.setAttribute('role', 'status');
  result.dataset.testid = 'result';
  const queued = element('p', { className: 'queued', id: idOf(siteId, 'queued'), hidden: true });
  queued.dataset.testid = 'queued';
  submit.disabled = indicators.length === 0;
  form.append(unavailable, grid, highlight, submit, result, queued);
  const draftDay = day;
  // The day a form is for: what is typed while another day loads belongs to this one (tests wait on it too).
  form.dataset.day = draftDay;
  form.addEventListener('input', () => saveDraft(siteId, draftDay, form));
  void restoreDraft(siteId, draftDay, form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submitSite(siteId, form);
  });
  // The roster's duty hours, read when the reporter starts on this site's form (a unit may have 121 sites a day), and
  // read again on a later focus until a read has answered (signal may come back).
  if (indicators.some((indicator) => indicator.code === DutyHours)) {
    const offer = async () => {
      if (await offerRosterHours(siteId, form)) form.removeEventListener('focusin', offer);
    };
    form.addEventListener('focusin', offer);
  }
  // Fast entry: Enter (a phone keyboard's "next") moves to the next figure instead of sending a half-filled form.
  form.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || !(event.target instanceof HTMLInputElement)) return;
    const controls = countFieldsOf(siteId).map((field) => byId(fieldId(siteId, field)));
    const next = controls[controls.indexOf(event.target) + 1];
    if (!next) return;
    event.preventDefault();
    next.focus();
  });

  const history = element('details', { className: 'history', id: idOf(siteId, 'history') });
  const summary = element('summary');
  summary.dataset.i18n = 'portal.history';
  summary.textContent = t('portal.history');
  const historyBody = element('div', { id: idOf(siteId, 'history-body') });
  historyBody.setAttribute('aria-live', 'polite');
  history.append(summary, historyBody);
  history.addEventListener('toggle', () => {
    if (history.open) void loadHistory(siteId);
  });

  card.append(head, form, history);
  return card;
}

/** The indicator the shift roster adds up (Shifts/): person-hours on duty at the site that day. */
const DutyHours = 'duty-hours';

/**
 * Beside the duty-hours field, what the unit's roster for the site and day adds up to (GET /api/sites/{id}/duty, the
 * reporter's own unit), with a button that enters it: the organiser set the shifts, so the reporter need not add them
 * up by hand. Offered, not entered unasked: the report is the reporter's. Nothing shows offline, on a failed read, or
 * when nobody is on the roster. Says whether the roster answered (a failed read is tried again on the next focus).
 */
async function offerRosterHours(siteId: string, form: HTMLFormElement): Promise<boolean> {
  const forDay = form.dataset.day ?? day;
  const unitId = session?.unitId;
  if (offlineDay || !forDay || !unitId) return false;
  let duty: { dutyHours: number; personTimes: number };
  try {
    // The unit named: a person who is also a Coordinator would otherwise read every unit's hours at the site.
    duty = await getJson(`/api/sites/${encodeURIComponent(siteId)}/duty?day=${encodeURIComponent(forDay)}&unitId=${encodeURIComponent(unitId)}`);
  } catch {
    return false;
  }
  const field = fieldId(siteId, valueField(DutyHours));
  const input = document.getElementById(field);
  if (duty.dutyHours <= 0 || !form.isConnected || !(input instanceof HTMLInputElement) || document.getElementById(`${field}-roster`)) return true;
  const hours = hoursText(duty.dutyHours);
  const offer = element('p', { className: 'hint roster-hours', id: `${field}-roster` });
  offer.dataset.hours = hours;
  offer.dataset.personTimes = String(duty.personTimes);
  const text = element('span');
  const use = element('button', { type: 'button', className: 'button secondary' });
  use.addEventListener('click', () => {
    input.value = hours;
    // As if typed: the draft keeps it and the field's error clears on the next check.
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.focus();
  });
  offer.append(text, ' ', use);
  input.after(offer);
  input.setAttribute('aria-describedby', `${field}-roster ${field}-error`);
  renderRosterHours(offer);
  return true;
}

function renderRosterHours(offer: HTMLElement): void {
  const [text, use] = [offer.querySelector('span'), offer.querySelector('button')];
  if (text) text.textContent = t('portal.rosterHours', { hours: offer.dataset.hours ?? '', personTimes: offer.dataset.personTimes ?? '' });
  if (use) use.textContent = t('portal.useRosterHours');
}

/** An element id for a field: values.on-duty is value-on-duty (codes are [a-z0-9-], safe in an id). */
const fieldId = (siteId: string, field: CountField) => idOf(siteId, field === 'highlight' ? field : `value-${field.slice('values.'.length)}`);

function fieldOf(siteId: string, field: CountField, control: () => HTMLInputElement | HTMLTextAreaElement): HTMLElement {
  const wrapper = element('div', { className: 'field' });
  const id = fieldId(siteId, field);
  // The label follows the language switch in renderSite (an indicator's names are data, not dictionary keys).
  const label = element('label', { htmlFor: id, id: `${id}-label`, textContent: fieldLabel(field) });
  const input = control();
  input.id = id;
  input.name = field;
  input.setAttribute('aria-describedby', `${id}-error`);
  const error = element('p', { className: 'field-error', id: `${id}-error`, hidden: true });
  wrapper.append(label, input, error);
  return wrapper;
}

function renderSite(siteId: string): void {
  const card = document.getElementById(idOf(siteId));
  if (!card) return;
  const state = stateOf(siteId);
  const current = currentOf(siteId);
  const badge = byId(idOf(siteId, 'state'));
  badge.textContent = offlineDay ? t('portal.offlineState')
    : current ? t('portal.reported', { version: current.version }) + (current.flagged ? ` · ${t('portal.flagged')}` : '') : t('portal.missing');
  badge.dataset.state = offlineDay ? 'unknown' : current ? 'reported' : 'missing';
  byId(idOf(siteId, 'submit')).textContent = t(current ? 'portal.submitCorrection' : 'portal.submit');

  for (const field of countFieldsOf(siteId)) {
    const input = byId(fieldId(siteId, field));
    byId(`${fieldId(siteId, field)}-label`).textContent = fieldLabel(field);
    const error = byId(`${fieldId(siteId, field)}-error`);
    const message = state.errors[field];
    if (message) {
      show(error, say(message));
      input.setAttribute('aria-invalid', 'true');
    } else {
      hide(error);
      input.removeAttribute('aria-invalid');
    }
  }

  card.querySelectorAll<HTMLElement>('.roster-hours').forEach(renderRosterHours);

  const result = byId(idOf(siteId, 'result'));
  result.className = 'result';
  if (state.refusal) {
    result.textContent = say(state.refusal);
    result.classList.add('error');
    result.dataset.kind = 'problem';
  } else if (Object.keys(state.errors).length > 0) {
    result.textContent = t('portal.formInvalid');
    result.classList.add('error');
    result.dataset.kind = 'invalid';
  } else if (state.result) {
    const { kind, version, flagged } = state.result;
    result.textContent = t(`result.${kind}`, { version }) + (flagged ? ` ${t('result.flagged')}` : '');
    result.dataset.kind = flagged ? 'flagged' : kind;
    if (flagged) result.classList.add('flagged');
  } else {
    result.textContent = '';
    delete result.dataset.kind;
  }
  renderHistory(siteId);
}

function valuesOf(siteId: string, form: HTMLFormElement): Partial<Record<CountField, string>> {
  const data = new FormData(form);
  return Object.fromEntries(countFieldsOf(siteId).map((field) => [field, String(data.get(field) ?? '')]));
}

function focusFirstError(siteId: string): void {
  const field = countFieldsOf(siteId).find((name) => stateOf(siteId).errors[name]);
  if (field) byId(fieldId(siteId, field)).focus();
}

async function submitSite(siteId: string, form: HTMLFormElement): Promise<void> {
  const state = stateOf(siteId);
  const submittedDay = day;
  const countsForm = formOf(siteId);
  if (countsForm.indicators.length === 0) return;
  const { body, errors } = readCounts(countsForm, valuesOf(siteId, form));
  state.errors = errors;
  state.refusal = null;
  state.result = null;
  if (!body) {
    renderSite(siteId);
    focusFirstError(siteId);
    return;
  }

  const unitId = session?.unitId;
  if (!unitId) return;
  // What is sent now is no draft any more: a pending save must not bring it back.
  clearTimeout(draftTimers.get(siteId));
  pendingDrafts.delete(siteId);
  // Without the network, or behind submissions still waiting, it joins the queue: the queue keeps the order.
  if (!navigator.onLine || offlineDay || (await waiting(outbox, unitId)).length > 0) {
    await queueSubmission(unitId, siteId, submittedDay, body);
    return;
  }

  const button = byId<HTMLButtonElement>(idOf(siteId, 'submit'));
  button.disabled = true;
  button.textContent = t('portal.saving');
  try {
    const result = await request<SubmissionResult>(`/api/sites/${encodeURIComponent(siteId)}/counts/${encodeURIComponent(submittedDay)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': newKey() },
      body: JSON.stringify(body),
    });
    state.result = { kind: resultKind(result), version: result.version, flagged: result.flagged };
    await drafts.remove(unitId, siteId, submittedDay);
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) {
      button.disabled = false;
      signOut('portal.expired');
      return;
    }
    if (error instanceof ProblemError && Object.keys(error.errors).length > 0) {
      const unplaced: string[] = [];
      const fields = countFieldsOf(siteId);
      for (const [field, messages] of Object.entries(error.errors)) {
        const message = translateServerMessage(messages.join(' '), indicatorSet?.indicators);
        // values.{code}, or a round-one field name: both go beside the indicator's input when the form has it.
        const code = field === 'highlight' ? null : codeOfField(field, indicatorSet);
        const placed = field === 'highlight' ? 'highlight' : code ? valueField(code) : null;
        if (placed && fields.includes(placed)) state.errors[placed] = message;
        else unplaced.push(field === 'highlight' || !code ? say(message) : `${fieldLabel(field)}：${say(message)}`);
      }
      if (unplaced.length > 0) state.refusal = { text: unplaced.join(' ') };
    } else if (error instanceof ProblemError) {
      const key = refusalKey(error.status, error.title);
      state.refusal = { key, values: { title: error.detail ?? error.title } };
    } else {
      // The network went while sending: the submission waits in the queue instead of being lost.
      button.disabled = false;
      renderSite(siteId);
      await queueSubmission(unitId, siteId, submittedDay, body);
      return;
    }
  } finally {
    button.disabled = false;
  }
  if (submittedDay !== day) return;
  renderSite(siteId);
  if (Object.keys(state.errors).length > 0) {
    focusFirstError(siteId);
    return;
  }
  if (state.result) {
    await loadDay(false);
    if (byId<HTMLDetailsElement>(idOf(siteId, 'history')).open) await loadHistory(siteId);
  }
}

// ---- drafts and the send queue -----------------------------------------------------------------------------

const draftTimers = new Map<string, number>();
/** The saves still waiting for their half second, so that leaving the page writes them at once. */
const pendingDrafts = new Map<string, () => void>();

/**
 * Keeps what was typed on the device, half a second after the last key (or at once when the page is left), until it
 * is sent. The form says when its draft is on the device (data-draft-saved), which the browser tests wait for.
 */
function saveDraft(siteId: string, draftDay: string, form: HTMLFormElement): void {
  const unitId = session?.unitId;
  if (!unitId) return;
  clearTimeout(draftTimers.get(siteId));
  delete form.dataset.draftSaved;
  const write = () => {
    draftTimers.delete(siteId);
    pendingDrafts.delete(siteId);
    void drafts.put({ unitId, siteId, day: draftDay, values: valuesOf(siteId, form), savedAt: new Date().toISOString() })
      .then(() => { form.dataset.draftSaved = 'true'; });
  };
  pendingDrafts.set(siteId, write);
  draftTimers.set(siteId, window.setTimeout(write, 500));
}

window.addEventListener('pagehide', () => {
  for (const write of [...pendingDrafts.values()]) write();
});

/** Puts back a draft, or what a refused queued submission held, so nothing typed has to be typed again. */
async function restoreDraft(siteId: string, draftDay: string, form: HTMLFormElement): Promise<void> {
  const unitId = session?.unitId;
  if (!unitId) return;
  const draft = await drafts.get(unitId, siteId, draftDay);
  const refused = queuedOfDay.get(siteId);
  const values: Partial<Record<CountField, string>> | undefined = draft?.values
    ?? (refused?.state === 'refused' ? refusedValues(refused.body) : undefined);
  if (!values || draftDay !== day) return;
  for (const field of countFieldsOf(siteId)) {
    const control = form.elements.namedItem(field);
    if ((control instanceof HTMLInputElement || control instanceof HTMLTextAreaElement) && values[field] !== undefined) control.value = values[field];
  }
}

/** What a refused queued submission held, as the form's fields. */
function refusedValues(body: CountsBody): Partial<Record<CountField, string>> {
  const values: Partial<Record<CountField, string>> = Object.fromEntries(Object.entries(body.values ?? {}).map(([code, value]) => [valueField(code), String(value)]));
  values.highlight = body.highlight ?? '';
  return values;
}

async function queueSubmission(unitId: string, siteId: string, submittedDay: string, body: CountsBody): Promise<void> {
  await enqueue(outbox, { unitId, siteId, day: submittedDay, body });
  clearTimeout(draftTimers.get(siteId));
  pendingDrafts.delete(siteId);
  await drafts.remove(unitId, siteId, submittedDay);
  const state = stateOf(siteId);
  state.result = null;
  state.refusal = null;
  renderSite(siteId);
  await refreshQueue();
  announce(t('queue.queued', { site: siteName(siteId) }));
  void askForBackgroundSync();
  flushQueue();
}

async function refreshQueue(): Promise<void> {
  const unitId = session?.unitId;
  if (!unitId) return;
  await prune(outbox);
  queueEntries = (await outbox.all()).filter((entry) => entry.unitId === unitId).sort((a, b) => a.sequence - b.sequence);
  queuedOfDay = await latestBySite(outbox, unitId, day);
  renderQueue();
}

/** A refusal in the reader's language: the field messages with their fields, or what the status means. */
function describeRefusal(refusal: QueuedRefusal): string {
  const fields = Object.entries(refusal.errors);
  if (fields.length > 0) {
    return fields.map(([field, messages]) => {
      const message = say(translateServerMessage(messages.join(' '), indicatorSet?.indicators));
      return field === 'highlight' || codeOfField(field, indicatorSet) ? `${fieldLabel(field)}：${message}` : message;
    }).join(' ');
  }
  return say({ key: refusalKey(refusal.status, refusal.title), values: { title: refusal.detail ?? refusal.title } });
}

function describeEntry(entry: QueuedSubmission): string {
  if (entry.state === 'waiting') return t('queue.entryWaiting', { time: clockIn(entry.queuedAt, config.timeZone) });
  if (entry.state === 'refused' && entry.refusal) return t('queue.entryRefused', { problem: describeRefusal(entry.refusal) });
  const result = entry.result ?? { version: 0, changed: true, flagged: false };
  return t('queue.entrySent', { result: t(`result.${resultKind(result)}`, { version: result.version }) });
}

function renderQueue(): void {
  const count = queueEntries.filter((entry) => entry.state === 'waiting').length;
  const panel = byId('queue');
  panel.hidden = queueEntries.length === 0;
  byId('queue-summary').textContent = count > 0 ? t('queue.waiting', { count }) : t('queue.allSent');
  byId('queue-list').replaceChildren(...queueEntries.map((entry) => {
    const item = element('li', { className: entry.state === 'refused' ? 'error' : '' });
    item.dataset.state = entry.state;
    item.dataset.site = entry.siteId;
    item.append(element('strong', { textContent: t('queue.entryWhere', { site: siteName(entry.siteId), day: entry.day }) }), ' ', describeEntry(entry));
    return item;
  }));
  for (const siteId of siteIdsOfDay()) {
    const line = document.getElementById(idOf(siteId, 'queued'));
    if (!line) continue;
    const entry = queuedOfDay.get(siteId);
    line.hidden = !entry;
    line.className = entry?.state === 'refused' ? 'queued error' : 'queued';
    line.textContent = entry ? describeEntry(entry) : '';
    if (entry) line.dataset.state = entry.state;
    else delete line.dataset.state;
  }
}

/** Sends the unit's queue, in order, one flush at a time; an expired token asks for sign-in and keeps the queue. */
function flushQueue(): void {
  const unitId = session?.unitId;
  if (!unitId || !session || !isReporter(session) || !navigator.onLine) return;
  let answered = 0;
  void oneFlushAtATime(async () => {
    // A flush that waited behind one which ended the sign-in has nobody to send for (it would go without a token).
    if (session?.unitId !== unitId) return null;
    return flush(outbox, unitId, async (entry) => {
      const outcome = await sendQueued(entry);
      if (outcome.kind === 'stored' || outcome.kind === 'refused') answered++;
      return outcome;
    });
  }).then(async (end) => {
    if (end === null || session?.unitId !== unitId) return;
    if (end === 'unauthorized') {
      signOut('queue.expired');
      return;
    }
    await refreshQueue();
    if (answered > 0) {
      announce(t('queue.flushed', { count: answered }));
      await loadDay(offlineDay);
    } else if (offlineDay && end === 'done') {
      await loadDay(true);
    }
  }).catch(() => undefined);
}

// ---- history ----------------------------------------------------------------------------------------------

async function loadHistory(siteId: string): Promise<void> {
  const state = stateOf(siteId);
  state.history = 'loading';
  renderHistory(siteId);
  try {
    const history = await getJson<SubmissionView[]>(`/api/sites/${encodeURIComponent(siteId)}/counts/${encodeURIComponent(day)}/history`);
    state.history = [...history].sort((a, b) => a.version - b.version);
  } catch {
    state.history = 'failed';
  }
  renderHistory(siteId);
}

function formatValue(value: number | string | null): string {
  if (value === null || value === '') return t('portal.none');
  return typeof value === 'number' ? numberFormat().format(value) : value;
}

function renderHistory(siteId: string): void {
  const body = document.getElementById(idOf(siteId, 'history-body'));
  if (!body) return;
  const history = stateOf(siteId).history;
  if (history === null) {
    body.replaceChildren();
    return;
  }
  if (history === 'loading' || history === 'failed') {
    body.replaceChildren(element('p', { className: history === 'failed' ? 'error' : 'hint', textContent: t(history === 'failed' ? 'portal.historyFailed' : 'portal.historyLoading') }));
    return;
  }
  if (history.length === 0) {
    body.replaceChildren(element('p', { className: 'hint', textContent: t('portal.historyEmpty') }));
    return;
  }
  const list = element('ol', { className: 'versions' });
  list.dataset.testid = 'history';
  // Newest first: the version that counts now is on top.
  for (let index = history.length - 1; index >= 0; index--) {
    const version = history[index]!;
    const item = element('li');
    item.dataset.version = String(version.version);
    const who = splitWho(version.submittedBy);
    const title = element('p', { className: 'version-title' });
    title.append(
      element('strong', { textContent: t('portal.version', { version: version.version }) }),
      ' ',
      element('span', { textContent: t('portal.versionBy', { who: who.name, when: clockIn(version.submittedAt, config.timeZone) }) }),
    );
    if (who.id) title.title = who.id;
    if (version.flagged) title.append(' ', element('span', { className: 'badge flagged', textContent: t('portal.flagged') }));
    const order = formOf(siteId).indicators.map((indicator) => indicator.code);
    const changes = changesBetween(index > 0 ? history[index - 1]! : null, version, order);
    const details = element('ul', { className: 'changes' });
    if (index === 0) details.append(element('li', { textContent: t('portal.original') }));
    else if (changes.length === 0) details.append(element('li', { textContent: t('portal.noChange') }));
    for (const change of changes) {
      details.append(element('li', { textContent: t('portal.change', { field: fieldLabel(change.field), from: formatValue(change.from), to: formatValue(change.to) }) }));
    }
    item.append(title, details);
    list.append(item);
  }
  body.replaceChildren(list);
}

// ---- start ------------------------------------------------------------------------------------------------

function onLanguageChange(): void {
  if (!config) return;
  renderSignIn();
  fillUnits();
  renderDays();
  renderDay();
  renderQueue();
  contributions.render();
  upload.render();
  if (session && isReporter(session)) void organise.start();
  const unitError = byId('dev-unit-error');
  if (!unitError.hidden) unitError.textContent = t('portal.chooseUnit');
}

async function start(): Promise<void> {
  startPage(onLanguageChange);
  // Ready offline means the shell, the catalogs and the definitions are all on the device.
  startOffline(flushQueue, () => { void indicatorsKept.then(() => { byId('offline-ready').hidden = false; }); });
  config = await loadConfig();
  const today = todayIn(config.timeZone);
  days = openDays(today, config.countLockDays);
  day = today;
  renderDays();

  const [unitList, siteList] = await Promise.all([
    getJson<UnitSummary[]>('/api/units').catch(() => null),
    getJson<SiteSummary[]>('/api/sites').catch((): SiteSummary[] => []),
    loadIndicators(),
  ]);
  units = unitList ?? [];
  for (const site of siteList) sites.set(site.id, site);
  fillUnits();

  auth = await startSignIn(config, portalAccess);
  if (auth.session) {
    signedIn(auth.session);
    return;
  }
  if (auth.failed) signInMessage = 'portal.signInFailed';
  else if (auth.mode === 'development' && unitList === null) signInMessage = 'portal.unitsUnavailable';
  renderSignIn();
}

byId<HTMLFormElement>('dev-signin').addEventListener('submit', (event) => void submitDevSignIn(event));
byId('entra-button').addEventListener('click', () => {
  if (!auth) return;
  auth.signInWithEntra().catch(() => {
    signInMessage = 'portal.signInFailed';
    renderSignIn();
  });
});
byId('sign-out').addEventListener('click', () => signOut());
byId<HTMLSelectElement>('day').addEventListener('change', (event) => {
  day = (event.target as HTMLSelectElement).value;
  void loadDay();
});
void start();
