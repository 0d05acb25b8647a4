/**
 * Admins only: the audit trail (操作审计). Who did which sensitive act, when (Beijing time), from where and on which
 * records, read by days (at most 31), actor and action, newest first; and the same records as CSV or Excel, fetched
 * with the token like the other exports. The trail is read only: nothing here changes it.
 */
import { ProblemError } from '../api';
import { dayAndTimeIn } from '../format';
import { currentLanguage, t } from '../i18n';
import { auditExportPath, problemText, type AuditActionName, type AuditFilter, type AuditPage, type AuditRecord, type ConsoleClient } from './client';
import { el, say, type SectionContext } from './dom';
import { save } from './exports';

/** The filters the API names in a 400's errors, each shown under its own control. */
const filterFields = ['from', 'to', 'actor', 'action'] as const;
type FilterField = (typeof filterFields)[number];
const isFilterField = (name: string): name is FilterField => (filterFields as readonly string[]).includes(name);

/** The API's field messages (English, AuditEndpoints) in the reader's language; one it does not know, as written. */
export function translateAuditMessage(message: string): string {
  let match: RegExpExecArray | null;
  if (/yyyy-MM-dd/.test(message)) return t('contribute.error.date');
  if (/^On or before to/i.test(message)) return t('console.auditErrorOrder');
  if ((match = /^At most (\d+) days/i.exec(message))) return t('console.auditErrorRange', { max: Number(match[1]) });
  if ((match = /^At most (\d+) characters/i.exec(message))) return t('contribute.error.length', { max: Number(match[1]) });
  if (/^One of:/i.test(message)) return t('console.auditErrorAction');
  return message;
}

/** An action's name in the reader's language; a code the answer does not name, as the code. */
export function actionName(actions: readonly AuditActionName[], code: string): string {
  const found = actions.find((action) => action.code === code);
  if (!found) return code;
  return currentLanguage() === 'en' ? found.english || found.chinese : found.chinese;
}

/** "2022年9月16日 08:35:31" (Chinese) or "2022-09-16 08:35:31" (English), on the deployment's clock. */
export function auditTime(iso: string): string {
  const moment = dayAndTimeIn(iso);
  if (!moment) return iso;
  return `${currentLanguage() === 'en' ? moment.isoDay : moment.day} ${moment.time}`;
}

function pairs(values: Record<string, string>): Node | string {
  const entries = Object.entries(values);
  return entries.length === 0 ? '—' : el('ul', { className: 'audit-pairs' }, ...entries.map(([key, value]) => el('li', { text: `${key}: ${value}` })));
}

export function mountAudit(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  const from = el('input', { attrs: { type: 'date' } });
  const to = el('input', { attrs: { type: 'date' } });
  const actor = el('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '512' } });
  const action = el('select', {}, el('option', { text: t('console.auditAllActions'), attrs: { value: '' } }));
  from.value = context.day();
  to.value = context.day();
  const controls: Record<FilterField, HTMLInputElement | HTMLSelectElement> = { from, to, actor, action };
  const errors = {} as Record<FilterField, HTMLElement>;

  /** A labelled control, its hint, and the paragraph where the API's message about it goes (both in aria-describedby). */
  function field(name: FilterField, label: string, hint?: string): HTMLElement {
    const control = controls[name];
    const id = `audit-${name}`;
    control.id = id;
    control.name = name;
    const error = el('p', { className: 'field-error', attrs: { id: `${id}-error` } });
    error.hidden = true;
    errors[name] = error;
    const parts: (Node | string)[] = [el('label', { text: label, attrs: { for: id } })];
    if (hint) parts.push(el('p', { className: 'hint', text: hint, attrs: { id: `${id}-hint` } }));
    control.setAttribute('aria-describedby', [hint ? `${id}-hint` : '', error.id].filter(Boolean).join(' '));
    return el('div', { className: 'field' }, ...parts, control, error);
  }

  const submit = el('button', { className: 'button', text: t('console.auditQuery'), attrs: { type: 'submit' } });
  const form = el('form', { className: 'filters', attrs: { 'aria-label': t('console.auditFilters'), novalidate: '' } },
    field('from', t('console.from')), field('to', t('console.to')),
    field('actor', t('console.auditActor'), t('console.auditActorHint')), field('action', t('console.auditAction')),
    submit);
  const message = el('p', { attrs: { role: 'status', id: 'audit-message' } });
  const results = el('div', { attrs: { 'data-testid': 'audit' } });
  const link = (format: 'csv' | 'xlsx') => el('a', { className: 'button secondary', text: t(format === 'csv' ? 'console.auditCsv' : 'console.auditXlsx'),
    attrs: { href: auditExportPath(format, current()), 'data-export': `audit.${format}` } });
  const csv = link('csv');
  const xlsx = link('xlsx');
  const downloads = el('p', { className: 'audit-exports' }, el('span', { text: t('console.auditExports') }), ' ', csv, ' ', xlsx);
  downloads.hidden = true;
  root.append(el('p', { className: 'hint', text: t('console.auditIntro') }), form, message, results, downloads);

  let actions: AuditActionName[] = [];
  /** The filters of the records on screen: the downloads carry these, so a file holds what the table shows. */
  let shown: AuditFilter | null = null;

  function current(): AuditFilter {
    return { from: from.value, to: to.value, actor: actor.value.trim(), action: action.value };
  }

  function fillActions(named: AuditActionName[]): void {
    actions = named;
    const chosen = action.value;
    action.replaceChildren(el('option', { text: t('console.auditAllActions'), attrs: { value: '' } }),
      ...named.map((item) => el('option', { text: actionName(named, item.code), attrs: { value: item.code } })));
    action.value = named.some((item) => item.code === chosen) ? chosen : '';
  }

  function clearErrors(): void {
    for (const name of filterFields) {
      errors[name].textContent = '';
      errors[name].hidden = true;
      controls[name].removeAttribute('aria-invalid');
    }
  }

  /** Each field's messages under its control; those of no filter here are returned to be said in the status line. */
  function showErrors(found: Record<string, string[]>): string[] {
    const elsewhere: string[] = [];
    for (const [name, messages] of Object.entries(found)) {
      const text = messages.map(translateAuditMessage).join(' ');
      if (!isFilterField(name)) {
        elsewhere.push(text);
        continue;
      }
      errors[name].textContent = text;
      errors[name].hidden = false;
      controls[name].setAttribute('aria-invalid', 'true');
    }
    return elsewhere;
  }

  function row(record: AuditRecord): HTMLTableRowElement {
    const who = record.actorName || record.applicationId || record.actorId;
    return el('tr', { attrs: { 'data-audit-id': record.id, 'data-action': record.action } },
      el('th', { attrs: { scope: 'row' } }, el('time', { text: auditTime(record.at), attrs: { datetime: record.at } })),
      el('td', { text: who }),
      el('td', { text: actionName(actions, record.action) }),
      el('td', {}, pairs(record.records)),
      el('td', {}, pairs(record.details)),
      el('td', { text: record.address }),
      el('td', { text: String(record.status) }));
  }

  function render(page: AuditPage): void {
    if (page.records.length === 0) {
      results.replaceChildren(el('p', { text: t('console.auditNone') }));
      return;
    }
    const caption = t('console.auditCaption', { count: page.records.length });
    const head = [t('console.auditTime'), t('console.auditActor'), t('console.auditAction'), t('console.auditRecords'), t('console.auditDetails'), t('console.auditAddress'), t('console.auditStatus')];
    results.replaceChildren(el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': caption } },
      el('table', { className: 'data-table audit-table' }, el('caption', { text: caption }),
        el('thead', {}, el('tr', {}, ...head.map((text) => el('th', { text, attrs: { scope: 'col' } })))),
        el('tbody', {}, ...page.records.map(row)))));
  }

  /** Reads the trail with the filters as they are; by the Admin's own hand (not on the console's first load) the focus goes to a refused filter. */
  async function load(byHand = false): Promise<void> {
    const filter = current();
    clearErrors();
    submit.disabled = true;
    results.setAttribute('aria-busy', 'true');
    try {
      const page = await client.audit(filter);
      fillActions(page.actions);
      render(page);
      shown = filter;
      csv.href = auditExportPath('csv', filter);
      xlsx.href = auditExportPath('xlsx', filter);
      downloads.hidden = false;
      if (page.truncated) say(message, t('console.auditTruncated', { count: page.records.length }));
      else say(message, byHand ? t('console.auditFound', { count: page.records.length }) : '');
    } catch (error) {
      if (error instanceof ProblemError && error.status === 400 && Object.keys(error.errors).length > 0) {
        const elsewhere = showErrors(error.errors);
        say(message, [t('portal.formInvalid'), ...elsewhere].join(' '), 'error');
        if (byHand) form.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
        return;
      }
      say(message, problemText(error, t('console.loadError')), 'error');
    } finally {
      submit.disabled = false;
      results.removeAttribute('aria-busy');
    }
  }

  async function download(format: 'csv' | 'xlsx'): Promise<void> {
    if (!shown) return;
    try {
      const { blob, fileName } = await client.download(auditExportPath(format, shown), `audit.${format}`);
      save(blob, fileName);
      say(message, t('console.downloaded', { file: fileName }));
    } catch (error) {
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load(true);
  });
  for (const [format, anchor] of [['csv', csv], ['xlsx', xlsx]] as const) {
    // A plain link would carry no token: the file is fetched with it and handed to the browser.
    anchor.addEventListener('click', (event) => {
      event.preventDefault();
      void download(format);
    });
  }

  return () => load();
}
