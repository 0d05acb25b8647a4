/**
 * The portal's 报送稿件: a reporter writes a piece about a site of their unit for the bulletin, sends it, sees the
 * server's refusals beside the fields in their language, and the unit's recent pieces with a withdraw button.
 */
import { getJson, postJson, ProblemError, type ContributionView } from '../api';
import { placeServerErrors, readContribution, type ContributionErrors, type ContributionForm, type ContributionMessage } from '../contributions';
import { clockIn } from '../format';
import { t, type MessageKey } from '../i18n';
import { byId, hide, show } from '../layout';

export interface ContributionsContext {
  /** The unit's sites, by id and name, in the order to offer them. */
  sites: () => { id: string; name: string }[];
  today: () => string;
  timeZone: () => string;
  /** A 401: the token ran out; the page signs out. */
  expired: () => void;
}

const fields = ['siteId', 'day', 'title', 'paragraphs', 'people', 'quote', 'quoteBy'] as const;
const controlId: Record<(typeof fields)[number], string> = {
  siteId: 'c-site', day: 'c-day', title: 'c-title', paragraphs: 'c-paragraphs', people: 'c-add-person', quote: 'c-quote', quoteBy: 'c-quoteBy',
};
const maxPeople = 10;

export function mountContributions(context: ContributionsContext): { load: () => Promise<void>; render: () => void; reset: () => void } {
  const form = byId<HTMLFormElement>('contribution-form');
  const peopleBox = byId('c-people');
  let errors: ContributionErrors = {};
  let result: { key: MessageKey; values?: Record<string, string | number>; kind: 'ok' | 'error' } | { text: string; kind: 'error' } | null = null;
  let items: ContributionView[] | 'failed' | null = null;
  /** Each row keeps its inputs across re-renders, so what was typed stays when the language switches. */
  let rows: { name: HTMLInputElement; role: HTMLInputElement }[] = [];

  const say = (message: ContributionMessage): string => {
    const text = 'key' in message ? t(message.key, message.values) : message.text;
    return message.paragraph ? t('contribute.error.paragraph', { n: message.paragraph, message: text }) : text;
  };

  function fillSites(): void {
    const select = byId<HTMLSelectElement>('c-site');
    const chosen = select.value;
    select.replaceChildren(new Option(t('portal.unit.choose'), ''), ...context.sites().map((site) => new Option(site.name, site.id, false, site.id === chosen)));
    if (!chosen && context.sites().length === 1) select.value = context.sites()[0]!.id;
  }

  function addPerson(focus = true): void {
    if (rows.length >= maxPeople) return;
    const name = document.createElement('input');
    Object.assign(name, { type: 'text', maxLength: 20, autocomplete: 'off' });
    const role = document.createElement('input');
    Object.assign(role, { type: 'text', maxLength: 20, autocomplete: 'off' });
    rows.push({ name, role });
    renderPeople();
    if (focus) name.focus();
  }

  function removePerson(index: number): void {
    rows.splice(index, 1);
    const shifted: ContributionErrors = {};
    for (const [field, message] of Object.entries(errors)) {
      const match = /^people\.(\d+)\.(name|role)$/.exec(field);
      if (!match) shifted[field] = message;
      else if (Number(match[1]) < index) shifted[field] = message;
      else if (Number(match[1]) > index) shifted[`people.${Number(match[1]) - 1}.${match[2]}`] = message;
    }
    errors = shifted;
    renderPeople();
    (rows[index]?.name ?? byId('c-add-person')).focus();
  }

  function renderPeople(): void {
    peopleBox.replaceChildren(...rows.map((row, index) => {
      const n = index + 1;
      const line = document.createElement('div');
      line.className = 'person-row';
      line.dataset.person = String(n);
      const cell = (input: HTMLInputElement, part: 'name' | 'role', label: string) => {
        const wrapper = document.createElement('div');
        wrapper.className = 'field';
        const id = `c-person-${index}-${part}`;
        input.id = id;
        input.name = `people.${index}.${part}`;
        const labelElement = document.createElement('label');
        labelElement.htmlFor = id;
        labelElement.textContent = label;
        const error = document.createElement('p');
        error.className = 'field-error';
        error.id = `${id}-error`;
        input.setAttribute('aria-describedby', error.id);
        const message = errors[`people.${index}.${part}`];
        if (message) {
          error.textContent = say(message);
          input.setAttribute('aria-invalid', 'true');
        } else {
          error.hidden = true;
          input.removeAttribute('aria-invalid');
        }
        wrapper.append(labelElement, input, error);
        return wrapper;
      };
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button secondary';
      remove.textContent = t('contribute.removePerson', { n });
      remove.addEventListener('click', () => removePerson(index));
      line.append(cell(row.name, 'name', t('contribute.personName', { n })), cell(row.role, 'role', t('contribute.personRole', { n })), remove);
      return line;
    }));
    byId<HTMLButtonElement>('c-add-person').disabled = rows.length >= maxPeople;
  }

  function renderErrors(): void {
    for (const field of fields) {
      const error = byId(`c-${field === 'siteId' ? 'site' : field}-error`);
      const control = byId(controlId[field]);
      const message = errors[field];
      if (message) {
        show(error, say(message));
        if (field !== 'people') control.setAttribute('aria-invalid', 'true');
      } else {
        hide(error);
        control.removeAttribute('aria-invalid');
      }
    }
    renderPeople();
    const line = byId('c-result');
    line.className = 'result';
    if (!result) {
      line.textContent = '';
      delete line.dataset.kind;
      return;
    }
    line.textContent = 'key' in result ? t(result.key, result.values) : result.text;
    line.dataset.kind = result.kind;
    if (result.kind === 'error') line.classList.add('error');
  }

  function statusText(item: ContributionView): string {
    if (item.status === 'used') return t('contribute.status.used');
    if (item.status === 'withdrawn') return t('contribute.status.withdrawn');
    return t('contribute.status.submitted');
  }

  function renderList(): void {
    const list = byId('contributions');
    byId('contributions-empty').hidden = !(Array.isArray(items) && items.length === 0);
    if (items === 'failed') {
      const item = document.createElement('li');
      item.className = 'error';
      item.textContent = t('contribute.listFailed');
      list.replaceChildren(item);
      return;
    }
    list.replaceChildren(...(items ?? []).map((piece) => {
      const item = document.createElement('li');
      item.dataset.id = piece.id;
      item.dataset.status = piece.status;
      const head = document.createElement('p');
      head.className = 'contribution-title';
      const title = document.createElement('strong');
      title.textContent = piece.title;
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.state = piece.status;
      badge.dataset.testid = 'contribution-status';
      badge.textContent = statusText(piece);
      head.append(title, ' ', badge);
      const about = document.createElement('p');
      about.className = 'hint';
      about.textContent = t('contribute.line', {
        site: piece.siteName, day: piece.day, who: piece.submittedByName || '—', when: clockIn(piece.submittedAt, context.timeZone()),
      });
      item.append(head, about);
      if (piece.withdrawable) {
        const withdraw = document.createElement('button');
        withdraw.type = 'button';
        withdraw.className = 'button secondary';
        withdraw.textContent = t('contribute.withdraw');
        withdraw.setAttribute('aria-label', t('contribute.withdrawNamed', { title: piece.title }));
        withdraw.addEventListener('click', () => void withdrawPiece(piece, withdraw));
        item.append(withdraw);
      }
      return item;
    }));
  }

  async function load(): Promise<void> {
    try {
      const answer = await getJson<ContributionView[]>('/api/contributions');
      items = [...answer].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) {
        context.expired();
        return;
      }
      items = 'failed';
    }
    renderList();
  }

  async function withdrawPiece(piece: ContributionView, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      await postJson<ContributionView>(`/api/contributions/${encodeURIComponent(piece.id)}/withdraw`, {});
      result = { key: 'contribute.withdrawn', values: { title: piece.title }, kind: 'ok' };
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) {
        context.expired();
        return;
      }
      result = error instanceof ProblemError && error.status === 409
        ? { key: 'contribute.alreadyUsed', values: { title: piece.title }, kind: 'error' }
        : { key: 'counts.network', kind: 'error' };
    }
    renderErrors();
    await load();
    byId('contributions-heading').focus();
  }

  function values(): ContributionForm {
    const value = (id: string) => byId<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(id).value;
    return {
      siteId: value('c-site'), day: value('c-day'), title: value('c-title'), body: value('c-paragraphs'),
      people: rows.map((row) => ({ name: row.name.value, role: row.role.value })), quote: value('c-quote'), quoteBy: value('c-quoteBy'),
    };
  }

  function focusFirstError(): void {
    const field = fields.find((name) => errors[name]);
    const person = Object.keys(errors).find((name) => name.startsWith('people.'));
    if (field && field !== 'people' && (!person || fields.indexOf(field) < fields.indexOf('people'))) byId(controlId[field]).focus();
    else if (person) byId(`c-person-${person.split('.')[1]}-${person.split('.')[2]}`).focus();
    else if (field) byId(controlId[field]).focus();
  }

  async function submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const read = readContribution(values(), context.today());
    errors = read.errors;
    result = null;
    if (!read.body) {
      result = { key: 'portal.formInvalid', kind: 'error' };
      renderErrors();
      focusFirstError();
      return;
    }
    const button = byId<HTMLButtonElement>('c-submit');
    button.disabled = true;
    try {
      const sent = await postJson<ContributionView>('/api/contributions', read.body);
      result = { key: 'contribute.sent', values: { title: sent.title }, kind: 'ok' };
      reset(false);
      await load();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) {
        context.expired();
        return;
      }
      if (error instanceof ProblemError && Object.keys(error.errors).length > 0) {
        const { placed, unplaced } = placeServerErrors(error.errors);
        errors = placed;
        result = unplaced.length > 0 ? { text: unplaced.join(' '), kind: 'error' } : { key: 'portal.formInvalid', kind: 'error' };
      } else if (error instanceof ProblemError) {
        result = error.status === 403 ? { key: 'counts.refused.forbidden', kind: 'error' } : { key: 'counts.refused.other', values: { title: error.detail ?? error.title }, kind: 'error' };
      } else {
        result = { key: 'counts.network', kind: 'error' };
      }
    } finally {
      button.disabled = false;
    }
    renderErrors();
    if (Object.keys(errors).length > 0) focusFirstError();
  }

  /** An empty form for the next piece (the site and the day stay, as a reporter often writes several). */
  function reset(all = true): void {
    for (const id of ['c-title', 'c-paragraphs', 'c-quote', 'c-quoteBy']) byId<HTMLInputElement>(id).value = '';
    rows = [];
    errors = {};
    if (all) {
      result = null;
      items = null;
      byId<HTMLSelectElement>('c-site').value = '';
    }
    const day = byId<HTMLInputElement>('c-day');
    day.max = context.today();
    if (all || !day.value) day.value = context.today();
    renderPeople();
  }

  function render(): void {
    fillSites();
    renderErrors();
    renderList();
  }

  form.addEventListener('submit', (event) => void submit(event));
  byId('c-add-person').addEventListener('click', () => addPerson());
  return { load, render, reset };
}
