/** The volunteers list: search by name or a phone's last four digits, filter by unit, community, site and status; phones masked. */
import type { SiteSummary, UnitSummary } from '../api';
import { t } from '../i18n';
import { problemText, type ConsoleClient, type Volunteer, type VolunteerQuery } from './client';
import { button, el, say } from './dom';

function field(id: string, label: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  control.id = id;
  control.name = id;
  return el('div', { className: 'field' }, el('label', { text: label, attrs: { for: id } }), control);
}

function select(options: [string, string][]): HTMLSelectElement {
  return el('select', {}, ...options.map(([value, text]) => el('option', { text, attrs: { value } })));
}

export function mountVolunteers(root: HTMLElement, client: ConsoleClient): { refresh: () => Promise<void>; setCatalog: (units: UnitSummary[], sites: SiteSummary[]) => void } {
  const q = el('input', { attrs: { type: 'search', autocomplete: 'off' } });
  const unit = select([['', t('console.all')]]);
  const community = el('input', { attrs: { type: 'text' } });
  const site = select([['', t('console.all')]]);
  const status = select([['', t('console.all')], ['assigned', t('status.assigned.short')], ['waitlisted', t('status.waitlisted.short')], ['withdrawn', t('status.withdrawn.short')]]);
  const form = el('form', { className: 'filters', attrs: { role: 'search', 'aria-label': t('console.volunteerSearch') } },
    field('v-q', t('console.search'), q), field('v-unit', t('dashboard.unit'), unit), field('v-community', t('field.homeCommunity'), community),
    field('v-site', t('dashboard.site'), site), field('v-status', t('status.result'), status),
    el('button', { className: 'button', text: t('console.searchButton'), attrs: { type: 'submit' } }));
  const message = el('p', { attrs: { role: 'status' } });
  const results = el('div', { attrs: { 'data-testid': 'volunteers' } });
  const more = el('p');
  root.append(form, message, results, more);
  let rows: Volunteer[] = [];

  const current = (): VolunteerQuery => ({ q: q.value.trim(), unitId: unit.value, community: community.value.trim(), siteId: site.value, status: status.value, take: 50 });
  const statusText = (value: string) => t(value === 'assigned' ? 'status.assigned.short' : value === 'waitlisted' ? 'status.waitlisted.short' : 'status.withdrawn.short');

  function render(continuation: string | null): void {
    results.replaceChildren(rows.length === 0 ? el('p', { text: t('console.noVolunteers') }) : el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('console.volunteersCaption', { count: rows.length }) } },
      (() => {
        const head = [t('field.name'), t('field.phone'), t('dashboard.unit'), t('field.homeCommunity'), t('dashboard.site'), t('status.result')];
        const tableElement = el('table', { className: 'data-table' }, el('caption', { text: t('console.volunteersCaption', { count: rows.length }) }),
          el('thead', {}, el('tr', {}, ...head.map((text) => el('th', { text, attrs: { scope: 'col' } })))),
          el('tbody', {}, ...rows.map((row) => el('tr', { attrs: { 'data-volunteer-id': row.volunteerId } },
            el('th', { text: row.name, attrs: { scope: 'row' } }), el('td', { text: row.phoneMasked }), el('td', { text: row.unitName }),
            el('td', { text: row.homeCommunity ?? '' }), el('td', { text: row.siteName ?? '—' }), el('td', { text: statusText(row.status) })))));
        return tableElement;
      })()));
    more.replaceChildren(...(continuation ? [button(t('console.more'), () => load(continuation), 'button secondary')] : []));
  }

  async function load(continuation: string | null = null): Promise<void> {
    try {
      const page = await client.volunteers({ ...current(), continuation });
      rows = continuation ? [...rows, ...page.items] : page.items;
      render(page.continuation);
      say(message, '');
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });

  return {
    refresh: () => load(),
    setCatalog(units, sites) {
      unit.replaceChildren(el('option', { text: t('console.all'), attrs: { value: '' } }), ...units.map((u) => el('option', { text: u.name, attrs: { value: u.id } })));
      site.replaceChildren(el('option', { text: t('console.all'), attrs: { value: '' } }), ...sites.map((s) => el('option', { text: s.name, attrs: { value: s.id } })));
    },
  };
}
