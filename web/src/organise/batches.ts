/**
 * 派出批次 / Dispatch batches: a unit's batches (people, sites, dates, names, the batch each replaces) with its people on
 * duty and person-times (人次), a form to record one (a rotation names the batch it replaces) with the server's refusals
 * on the fields they name, and withdrawing one recorded in error.
 */
import { button, el, say } from '../console/dom';
import { numberFormat, t } from '../i18n';
import type { Batch, OrganiseClient } from './client';
import { clearErrors, field, fill, group, select, showProblem, type Field, signedOut } from './form';
import { batchBody, dayName, dayRange } from './model';
import type { OrganiseContext } from './teams';

export interface BatchesContext extends OrganiseContext {
  today: () => string;
  /** A batch was recorded or withdrawn: the shift form's batch people follow (they are read with its site otherwise). */
  changed?: () => void;
}

export function mountBatches(root: HTMLElement, client: OrganiseClient, context: BatchesContext): { refresh: () => Promise<void> } {
  const message = el('p', { attrs: { role: 'status' } });
  const summary = el('p', { attrs: { 'data-testid': 'batch-summary' } });
  const list = el('ul', { className: 'organise-list', attrs: { 'data-testid': 'batches' } });
  const from = el('input', { attrs: { type: 'date' } });
  const to = el('input', { attrs: { type: 'date' } });
  const siteRows = el('div');
  const names = el('textarea', { attrs: { rows: '3', autocomplete: 'off' } });
  const replaces = select([]);
  const addSite = button(t('organise.batches.addSite'), () => addSiteRow(), 'button secondary');
  const fields: Field[] = [
    field('from', 'bt-from', t('organise.batches.from'), from),
    field('to', 'bt-to', t('organise.batches.to'), to),
    group('sites', 'bt-sites', t('organise.batches.sites'), el('div', {}, siteRows, addSite)),
    field('names', 'bt-names', t('organise.batches.names'), names, t('organise.batches.namesHint')),
    field('replaces', 'bt-replaces', t('organise.batches.replaces'), replaces, t('organise.batches.replacesHint')),
  ];
  const formMessage = el('p', { attrs: { role: 'status', 'data-testid': 'batch-result' } });
  const form = el('form', { className: 'organise-form', attrs: { novalidate: '', 'aria-labelledby': 'bt-form-heading' } },
    el('h4', { text: t('organise.batches.new'), attrs: { id: 'bt-form-heading' } }),
    el('div', { className: 'field-row' }, fields[0]!.wrapper, fields[1]!.wrapper), ...fields.slice(2).map((item) => item.wrapper),
    el('button', { className: 'button', text: t('organise.batches.record'), attrs: { type: 'submit' } }), formMessage);
  root.append(message, summary, list, form);

  let batches: Batch[] = [];
  let rows: { site: HTMLSelectElement; people: HTMLInputElement }[] = [];
  const siteName = (id: string) => context.sites().find((site) => site.id === id)?.name ?? id;
  const n = (value: number) => numberFormat().format(value);

  function addSiteRow(): void {
    if (rows.length >= 20) return;
    const i = rows.length;
    const site = select([['', t('portal.unit.choose')], ...context.sites().map((s): [string, string] => [s.id, s.name])]);
    site.id = `bt-site-${i}`;
    const people = el('input', { attrs: { type: 'text', inputmode: 'numeric', id: `bt-people-${i}`, autocomplete: 'off' } });
    rows.push({ site, people });
    siteRows.append(el('div', { className: 'field-row' },
      el('div', { className: 'field' }, el('label', { text: t('organise.batches.site', { n: i + 1 }), attrs: { for: site.id } }), site),
      el('div', { className: 'field' }, el('label', { text: t('organise.batches.people', { n: i + 1 }), attrs: { for: people.id } }), people)));
    if (i > 0) site.focus();
  }

  function resetForm(): void {
    from.value = context.today();
    to.value = '';
    names.value = '';
    rows = [];
    siteRows.replaceChildren();
    addSiteRow();
  }

  const label = (batch: Batch) => dayRange(batch.from, batch.to);

  function render(): void {
    const open = batches.filter((batch) => batch.status !== 'withdrawn' && !batch.replacedBy);
    fill(replaces, [['', t('organise.batches.replacesNone')], ...open.map((batch): [string, string] =>
      [batch.batchId, `${label(batch)}（${t('organise.batches.peopleCount', { count: batch.people })}）`])], replaces.value);
    list.replaceChildren(...(batches.length === 0 ? [el('li', { text: t('organise.batches.none') })] : batches.map((batch) => {
      const withdrawn = batch.status === 'withdrawn';
      const replaced = batches.find((other) => other.batchId === batch.replaces);
      return el('li', { attrs: { 'data-batch-id': batch.batchId } },
        el('h4', { text: `${label(batch)}${withdrawn ? t('organise.batches.withdrawnMark') : ''}` }),
        el('dl', {},
          el('dt', { text: t('organise.batches.peopleHeading') }), el('dd', { text: t('organise.batches.peopleLine', { count: batch.people, registered: batch.registered }) }),
          el('dt', { text: t('organise.batches.sites') }), el('dd', { text: batch.sites.map((site) => t('organise.batches.siteLine', { site: siteName(site.siteId), count: site.people })).join('；') }),
          el('dt', { text: t('organise.batches.namesHeading') }), el('dd', { text: batch.names.length > 0 ? batch.names.map((person) => person.name).join('、') : '—' }),
          el('dt', { text: t('organise.batches.replaces') }), el('dd', { text: replaced ? label(replaced) : batch.replaces ? batch.replaces : '—' }),
          ...(batch.replacedBy ? [el('dt', { text: t('organise.batches.replacedBy') }), el('dd', { text: label(batches.find((other) => other.batchId === batch.replacedBy) ?? batch) })] : [])),
        ...(withdrawn || batch.replacedBy ? [] : [button(t('organise.batches.withdraw'), () => withdraw(batch), 'button secondary')]));
    })));
  }

  async function withdraw(batch: Batch): Promise<void> {
    // A batch is withdrawn under its own unit; one still shown from a unit the console has just left is not (the
    // list is being read again for the new unit).
    if (batch.unitId !== context.unitId()) return;
    try {
      await client.withdrawBatch(batch.unitId, batch.batchId);
      say(formMessage, t('organise.batches.withdrawn', { batch: label(batch) }));
      context.changed?.();
      await refresh();
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, [], message, t('console.actionError'));
    }
  }

  async function refresh(): Promise<void> {
    const unitId = context.unitId();
    if (!unitId) return;
    try {
      const answer = await client.batches(unitId, context.today());
      // The console switched unit while this one was read: the newer read draws (else the old unit's batches would
      // show under the new unit).
      if (context.unitId() !== unitId) return;
      batches = [...answer.items].sort((a, b) => b.from.localeCompare(a.from));
      summary.textContent = t('organise.batches.summary', {
        day: dayName(answer.day), onDuty: n(answer.onDuty), registered: n(answer.registeredOnDuty), personTimes: n(answer.personTimes), batches: n(answer.batches),
      });
      render();
      say(message, '');
    } catch (error) {
      if (signedOut(error, context)) return;
      if (context.unitId() === unitId) showProblem(error, [], message, t('console.loadError'));
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const unitId = context.unitId();
    if (!unitId) return;
    clearErrors(fields, formMessage);
    const body = batchBody({
      from: from.value, to: to.value, sites: rows.map((row) => ({ siteId: row.site.value, people: row.people.value.trim() })), names: names.value, replaces: replaces.value,
    });
    try {
      const batch = await client.createBatch(unitId, body);
      say(formMessage, t('organise.batches.recorded', { batch: label(batch), count: batch.people }));
      resetForm();
      context.changed?.();
      await refresh();
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, fields, formMessage, t('console.actionError'));
    }
  });

  resetForm();
  return {
    refresh: async () => {
      // The unit (in the console) may have changed: its sites are offered afresh.
      resetForm();
      await refresh();
    },
  };
}
