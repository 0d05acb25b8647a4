import { getJson, type DailySeries, type PublicStats, type SiteSummary, type UnitSummary } from '../api';
import { dailyTotal, isMetric, shortDay, shortfall, sitesShortFirst, unitsByPeople, type Metric } from '../dashboard-data';
import { wallClock } from '../format';
import { isMessageKey, numberFormat, t } from '../i18n';
import { byId, show, startPage } from '../layout';

let stats: PublicStats | null = null;
let daily: DailySeries | null = null;
let units: UnitSummary[] | null = null;
let sites: SiteSummary[] | null = null;
let charts: typeof import('../charts') | null = null;
const unitsInChart = 12;

const metricSelect = () => byId<HTMLSelectElement>('metric');
const metric = (): Metric => (isMetric(metricSelect().value) ? (metricSelect().value as Metric) : 'onDuty');
const format = (value: number) => numberFormat().format(value);

function figure(path: string): number | null {
  let value: unknown = stats;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'number' ? value : null;
}

function renderFigures(): void {
  if (!stats) return;
  for (const element of document.querySelectorAll<HTMLElement>('[data-stat]')) {
    const value = figure(element.dataset.stat ?? '');
    element.textContent = value === null ? '—' : format(value);
  }
  byId('as-of').textContent = t('home.asOf', { time: wallClock(stats.asOf, false) });
  byId('figures').dataset.loaded = 'true';
}

function cell(tag: 'th' | 'td', text: string, scope?: string): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = text;
  if (scope) element.scope = scope;
  return element;
}

function renderDaily(): void {
  if (!daily) return;
  const chosen = metric();
  const name = t(`metric.${chosen}`);
  const { total, reports } = dailyTotal(daily.days, chosen);
  byId('daily-summary').textContent = reports === 0
    ? t('dashboard.dailyEmpty')
    : t('dashboard.dailySummary', { from: daily.from, to: daily.to, metric: name, total: format(total), reports: format(reports) });

  const table = byId<HTMLTableElement>('daily-table');
  byId('daily-caption').textContent = t('dashboard.tableCaption', { title: t('dashboard.daily') });
  const head = document.createElement('tr');
  head.append(cell('th', t('dashboard.day'), 'col'), cell('th', t('dashboard.reports'), 'col'),
    ...(['onDuty', 'partyMembers', 'tested', 'peopleChecked', 'vehiclesChecked', 'suppliesDelivered', 'householdsVisited'] as const).map((key) => cell('th', t(`metric.${key}`), 'col')));
  table.tHead?.replaceChildren(head);
  table.tBodies[0]?.replaceChildren(...daily.days.map((day) => {
    const row = document.createElement('tr');
    row.append(cell('th', day.day, 'row'), cell('td', format(day.reports)),
      ...[day.onDuty, day.partyMembers, day.tested, day.peopleChecked, day.vehiclesChecked, day.suppliesDelivered, day.householdsVisited].map((value) => cell('td', format(value))));
    return row;
  }));
  table.dataset.loaded = 'true';
  charts?.drawDaily(byId('daily-chart'), { name, labels: daily.days.map((day) => shortDay(day.day)), values: daily.days.map((day) => day[chosen]) });
}

function renderUnits(): void {
  if (!units) return;
  const ranked = unitsByPeople(units);
  const total = ranked.reduce((sum, unit) => sum + unit.peopleDispatched, 0);
  const top = ranked[0];
  byId('units-summary').textContent = top
    ? t('dashboard.unitsSummary', { count: format(ranked.length), total: format(total), top: top.name, topCount: format(top.peopleDispatched) })
    : '';
  byId('units-caption').textContent = t('dashboard.tableCaption', { title: t('dashboard.units') });
  const table = byId<HTMLTableElement>('units-table');
  table.tBodies[0]?.replaceChildren(...ranked.map((unit) => {
    const row = document.createElement('tr');
    row.append(cell('th', unit.name, 'row'), cell('td', format(unit.peopleDispatched)));
    return row;
  }));
  table.dataset.loaded = 'true';
  const shown = ranked.slice(0, unitsInChart);
  charts?.drawUnits(byId('units-chart'), { name: t('dashboard.people'), labels: shown.map((unit) => unit.name), values: shown.map((unit) => unit.peopleDispatched) });
}

function renderSites(): void {
  if (!sites) return;
  const ordered = sitesShortFirst(sites);
  byId('sites-empty').hidden = ordered.length > 0;
  byId('site-list').replaceChildren(...ordered.map((site) => {
    const item = document.createElement('li');
    item.dataset.siteId = site.id;
    const short = shortfall(site);
    if (short > 0) item.classList.add('short');
    const name = document.createElement('h3');
    name.textContent = site.name;
    const about = document.createElement('p');
    about.className = 'hint';
    const type = `siteType.${site.type}`;
    about.textContent = [isMessageKey(type) ? t(type) : site.type, site.community].filter(Boolean).join(' · ');
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = Math.max(site.needed, site.assigned, 1);
    meter.value = site.assigned;
    meter.setAttribute('aria-hidden', 'true');
    const line = document.createElement('p');
    line.className = 'site-figures';
    line.textContent = t('dashboard.siteLine', { needed: format(site.needed), assigned: format(site.assigned) });
    const state = document.createElement('strong');
    state.className = short > 0 ? 'site-short' : 'site-full';
    state.dataset.testid = 'site-state';
    state.textContent = short > 0 ? t('dashboard.short', { count: format(short) }) : t('dashboard.full');
    line.append(' · ', state);
    item.append(name, about, meter, line);
    return item;
  }));
  byId('site-list').dataset.loaded = 'true';
}

function render(): void {
  renderFigures();
  renderDaily();
  renderUnits();
  renderSites();
}

/** ECharts arrives after the figures are on screen; if it cannot load, the tables already say everything. */
async function loadCharts(): Promise<void> {
  try {
    charts = await import('../charts');
    window.addEventListener('resize', () => charts?.resizeAll());
    renderDaily();
    renderUnits();
  } catch {
    show(byId('charts-error'), t('dashboard.chartsError'));
  }
}

async function load(): Promise<void> {
  const failed = () => show(byId('dashboard-error'), t('dashboard.error'));
  const figures = getJson<PublicStats>('/api/stats').then((answer) => { stats = answer; renderFigures(); }, failed);
  const rest = Promise.all([
    getJson<DailySeries>('/api/stats/daily').then((answer) => { daily = answer; renderDaily(); }, failed),
    getJson<UnitSummary[]>('/api/units').then((answer) => { units = answer; renderUnits(); }, failed),
    getJson<SiteSummary[]>('/api/sites').then((answer) => { sites = answer; renderSites(); }, failed),
  ]);
  // The figures first; the chart library only after them, so a slow phone shows numbers before it parses ECharts.
  await figures;
  await loadCharts();
  await rest;
}

/** The tables are always there for screen readers; this shows them on screen too, for anyone who prefers figures. */
for (const toggle of document.querySelectorAll<HTMLButtonElement>('.table-toggle')) {
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    const table = byId(toggle.getAttribute('aria-controls') ?? '');
    table.classList.toggle('visually-hidden', !open);
    table.classList.toggle('table-scroll', open);
  });
}

startPage(render);
metricSelect().addEventListener('change', renderDaily);
void load();
