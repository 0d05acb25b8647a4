import { getJson, ProblemError, type AreaDayFigures, type AreaFigures, type DailySeries, type PublicStats, type SiteSummary, type UnitSummary } from '../api';
import { areaApiPath, areaSearch, defaultAreaDay, isAreaCode, levelKey, readAreaState, sumAreas, todayAreaDay } from '../area-drill';
import { dailyTotal, shortDay, shortfall, siteFigures, sitesShortFirst, unitsByPeople, valueOf } from '../dashboard-data';
import { wallClock } from '../format';
import { currentLanguage, isMessageKey, numberFormat, t } from '../i18n';
import { renderIndicatorTotals } from '../indicator-figures';
import { fetchIndicatorSet, indicatorLabel, indicatorName, indicatorsShown, type Indicator, type IndicatorSet } from '../indicators';
import { byId, show, startPage } from '../layout';

let stats: PublicStats | null = null;
let daily: DailySeries | null = null;
let units: UnitSummary[] | null = null;
let sites: SiteSummary[] | null = null;
let charts: typeof import('../charts') | null = null;
/** The definitions name the columns and the choices; every indicator, retired ones too (their old figures still read). */
let indicatorSet: IndicatorSet | null = null;
/** Read at once, beside the figures; each part that names indicators waits for it (without it they show no indicator columns). */
const definitions = fetchIndicatorSet().then((set) => { indicatorSet = set; }, () => undefined);
const unitsInChart = 12;

const metricSelect = () => byId<HTMLSelectElement>('metric');
/** The indicators a table shows for these rows: live ones, and retired ones that have figures in them. */
const shownFor = (rows: readonly { values?: Record<string, number> }[]): Indicator[] => (indicatorSet ? indicatorsShown(indicatorSet, rows) : []);
const label = (indicator: Indicator) => indicatorLabel(indicator, currentLanguage());
const format = (value: number) => numberFormat().format(value);

function figure(path: string): number | null {
  let value: unknown = stats;
  for (const part of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  return typeof value === 'number' ? value : null;
}

function renderFigures(): void {
  if (!stats) return;
  renderIndicatorTotals(byId('figures'), indicatorSet, stats.totals, format);
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

/** The choice of indicator for the chart: the shown ones, keeping the one chosen while it is still shown. */
function renderMetricChoice(shown: readonly Indicator[]): Indicator | undefined {
  const select = metricSelect();
  const chosen = select.value;
  select.replaceChildren(...shown.map((indicator) => new Option(label(indicator), indicator.code)));
  if (shown.some((indicator) => indicator.code === chosen)) select.value = chosen;
  return shown.find((indicator) => indicator.code === select.value);
}

function renderDaily(): void {
  if (!daily || !indicatorSet) return;
  const shown = shownFor(daily.days);
  const chosen = renderMetricChoice(shown);
  if (!chosen) return;
  const name = indicatorName(chosen, currentLanguage());
  const { total, reports } = dailyTotal(daily.days, chosen);
  byId('daily-summary').textContent = reports === 0
    ? t('dashboard.dailyEmpty')
    : t('dashboard.dailySummary', { from: daily.from, to: daily.to, metric: name, total: format(total), reports: format(reports) });

  const table = byId<HTMLTableElement>('daily-table');
  byId('daily-caption').textContent = t('dashboard.tableCaption', { title: t('dashboard.daily') });
  const head = document.createElement('tr');
  head.append(cell('th', t('dashboard.day'), 'col'), cell('th', t('dashboard.reports'), 'col'),
    ...shown.map((indicator) => cell('th', label(indicator), 'col')));
  table.tHead?.replaceChildren(head);
  table.tBodies[0]?.replaceChildren(...daily.days.map((day) => {
    const row = document.createElement('tr');
    row.append(cell('th', day.day, 'row'), cell('td', format(day.reports)),
      ...shown.map((indicator) => cell('td', format(valueOf(day, indicator.code)))));
    return row;
  }));
  table.dataset.loaded = 'true';
  charts?.drawDaily(byId('daily-chart'), { name, labels: daily.days.map((day) => shortDay(day.day)), values: daily.days.map((day) => valueOf(day, chosen.code)) });
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
    line.textContent = siteFigures(site, format);
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

// ——— By area: province → city → district → street → community, the area kept in the URL (?area=…&day=…). ———

let areaData: AreaDayFigures | null = null;
type AreaProblem = { kind: 'notFound'; code: string } | { kind: 'badDay' } | { kind: 'error' };
let areaProblem: AreaProblem | null = null;
let areaRequest = 0;
/** Names of the areas seen so far, so "reading 成都市…" can name the area before its answer arrives. */
const areaNames = new Map<string, string>();

const areaDayInput = () => byId<HTMLInputElement>('area-day');
const levelName = (level: string) => {
  const key = levelKey(level);
  return key ? t(key) : level;
};

/** The address of an area on the day the URL names (the default day stays out of the URL). */
function areaHref(code: string | null): string {
  return `${location.pathname}${areaSearch({ area: code, day: readAreaState(location.search).day }, location.search)}`;
}

function areaLink(code: string | null, text: string): HTMLAnchorElement {
  const link = document.createElement('a');
  link.href = areaHref(code);
  link.textContent = text;
  link.dataset.area = code ?? '';
  return link;
}

function renderTrail(): void {
  const list = byId('area-trail').querySelector('ol');
  if (!list) return;
  const items: HTMLLIElement[] = [];
  const add = (code: string | null, name: string, current: boolean) => {
    const item = document.createElement('li');
    if (current) {
      const here = document.createElement('span');
      here.setAttribute('aria-current', 'page');
      here.textContent = name;
      item.append(here);
    } else {
      item.append(areaLink(code, name));
    }
    items.push(item);
  };
  const area = areaProblem ? null : areaData?.area ?? null;
  add(null, t('dashboard.allAreas'), !areaProblem && area === null);
  if (area && areaData) {
    for (const ancestor of areaData.ancestors) add(ancestor.code, ancestor.name, false);
    add(area.code, area.name, true);
  }
  list.replaceChildren(...items);
}

function areaProblemText(problem: AreaProblem): string {
  switch (problem.kind) {
    case 'notFound': return t('dashboard.areaNotFound', { code: problem.code });
    case 'badDay': return t('dashboard.areaBadDay');
    default: return t('dashboard.areaError');
  }
}

function renderArea(): void {
  renderTrail();
  const status = byId('area-status');
  const body = byId('area-body');
  const errorBox = byId('area-error');
  if (areaProblem) {
    body.hidden = true;
    byId('area-error-text').textContent = areaProblemText(areaProblem);
    const back = byId<HTMLAnchorElement>('area-back');
    back.href = areaHref(null);
    back.dataset.area = '';
    errorBox.hidden = false;
    status.textContent = '';
    byId('areas').dataset.loaded = 'error';
    return;
  }
  errorBox.hidden = true;
  if (!areaData) return;
  const { area, children, day } = areaData;
  const name = area?.name ?? t('dashboard.allAreas');
  const totals = area ?? sumAreas(children);
  const shown = shownFor([totals, ...children]);
  body.hidden = false;
  byId('area-name').textContent = name;
  byId('area-about').textContent = t('dashboard.areaAbout', { level: area ? levelName(area.level) : t('dashboard.allProvinces'), sites: format(totals.sitesBelow) });

  const figure = (key: string, label: string, value: number) => {
    const item = document.createElement('div');
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    detail.dataset.figure = key;
    detail.textContent = format(value);
    item.append(term, detail);
    return item;
  };
  byId('area-figures').replaceChildren(figure('reports', t('dashboard.reports'), totals.reports),
    ...shown.map((indicator) => figure(indicator.code, label(indicator), valueOf(totals, indicator.code))));

  const wrap = byId('area-table-wrap');
  const empty = byId('area-empty');
  wrap.hidden = children.length === 0;
  empty.hidden = children.length > 0;
  empty.textContent = area ? t('dashboard.areaLeaf', { area: name }) : t('dashboard.areaNone');
  byId('area-caption').textContent = t('dashboard.areaCaption', { area: name, day });
  const table = byId<HTMLTableElement>('area-table');
  const head = document.createElement('tr');
  head.append(cell('th', t('dashboard.area'), 'col'), cell('th', t('dashboard.level'), 'col'), cell('th', t('dashboard.sitesBelow'), 'col'),
    cell('th', t('dashboard.reports'), 'col'), ...shown.map((indicator) => cell('th', label(indicator), 'col')));
  table.tHead?.replaceChildren(head);
  table.tBodies[0]?.replaceChildren(...children.map((child: AreaFigures) => {
    const row = document.createElement('tr');
    row.dataset.area = child.code;
    const heading = cell('th', '', 'row');
    heading.append(areaLink(child.code, child.name));
    row.append(heading, cell('td', levelName(child.level)), cell('td', format(child.sitesBelow)), cell('td', format(child.reports)),
      ...shown.map((indicator) => cell('td', format(valueOf(child, indicator.code)))));
    return row;
  }));

  status.textContent = children.length > 0 || !area
    ? t('dashboard.areaStatus', { area: name, day, reports: format(totals.reports), count: format(children.length) })
    : t('dashboard.areaLeafStatus', { area: name, day, reports: format(totals.reports) });
  byId('areas').dataset.loaded = area?.code ?? 'top';
}

/** Reads the area and the day the URL names; `focus` moves focus to the area's name after a click replaced the link clicked. */
async function loadArea(focus = false): Promise<void> {
  const state = readAreaState(location.search);
  const day = state.day ?? defaultAreaDay();
  const input = areaDayInput();
  input.max = todayAreaDay();
  input.value = day;
  const request = ++areaRequest;
  delete byId('areas').dataset.loaded;
  if (state.area !== null && !isAreaCode(state.area)) {
    areaData = null;
    areaProblem = { kind: 'notFound', code: state.area };
    renderArea();
    return;
  }
  const name = state.area === null ? t('dashboard.allAreas') : areaNames.get(state.area) ?? state.area;
  byId('area-status').textContent = t('dashboard.areaLoading', { area: name, day });
  let answer: AreaDayFigures | null = null;
  let problem: AreaProblem | null = null;
  try {
    [answer] = await Promise.all([getJson<AreaDayFigures>(areaApiPath(state.area, day)), definitions]);
  } catch (error) {
    const status = error instanceof ProblemError ? error.status : 0;
    const fields = error instanceof ProblemError ? error.errors : {};
    problem = status === 404 || (status === 400 && 'area' in fields) ? { kind: 'notFound', code: state.area ?? '' }
      : status === 400 ? { kind: 'badDay' } : { kind: 'error' };
  }
  if (request !== areaRequest) return;
  areaData = answer;
  areaProblem = problem;
  for (const known of [...(answer?.ancestors ?? []), ...(answer?.area ? [answer.area] : []), ...(answer?.children ?? [])]) areaNames.set(known.code, known.name);
  renderArea();
  if (focus && answer) byId('area-name').focus();
}

/** A plain click on an area's link goes there without reloading the page; the browser's back button comes back up. */
byId('areas').addEventListener('click', (event) => {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = (event.target as Element | null)?.closest?.('a[data-area]');
  if (!(link instanceof HTMLAnchorElement)) return;
  event.preventDefault();
  if (link.href !== location.href) history.pushState(null, '', link.href);
  void loadArea(true);
});

window.addEventListener('popstate', () => void loadArea());

areaDayInput().addEventListener('change', () => {
  const value = areaDayInput().value;
  const state = readAreaState(location.search);
  // Choosing another day replaces the address rather than adding to the history: back still goes up a level.
  history.replaceState(null, '', `${location.pathname}${areaSearch({ area: state.area, day: value === '' || value === defaultAreaDay() ? null : value }, location.search)}`);
  void loadArea();
});

function render(): void {
  renderFigures();
  renderDaily();
  renderUnits();
  renderSites();
  renderArea();
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
  const areas = loadArea();
  const failed = () => show(byId('dashboard-error'), t('dashboard.error'));
  const figures = Promise.all([getJson<PublicStats>('/api/stats'), definitions]).then(([answer]) => { stats = answer; renderFigures(); }, failed);
  const rest = Promise.all([
    Promise.all([getJson<DailySeries>('/api/stats/daily'), definitions]).then(([answer]) => { daily = answer; renderDaily(); }, failed),
    getJson<UnitSummary[]>('/api/units').then((answer) => { units = answer; renderUnits(); }, failed),
    getJson<SiteSummary[]>('/api/sites').then((answer) => { sites = answer; renderSites(); }, failed),
  ]);
  // The figures first; the chart library only after them, so a slow phone shows numbers before it parses ECharts.
  await figures;
  await loadCharts();
  await rest;
  await areas;
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
