import { getJson, ProblemError, type BulletinSeries, type BulletinSummary, type BulletinView } from '../api';
import { bulletinHref, distributionLines, issueLine, seriesPath } from '../bulletin';
import { chineseDate, wallClock } from '../format';
import { t, type MessageKey } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

const params = new URLSearchParams(location.search);
let seriesList: BulletinSeries[] = [];
/** The series the page shows: ?series=, else the first public one (the server's default too). */
let seriesId: string | null = params.get('series');
let list: BulletinSummary[] | null = null;
let bulletin: BulletinView | null = null;
let errorKey: MessageKey | null = null;

const currentSeries = () => seriesList.find((series) => series.seriesId === seriesId) ?? null;
const seriesName = (series: BulletinSeries) => `${series.shortName}${series.title}`;

function renderSeries(): void {
  const form = byId<HTMLFormElement>('series-form');
  form.hidden = seriesList.length < 2;
  byId<HTMLSelectElement>('series').replaceChildren(...seriesList.map((series) =>
    new Option(seriesName(series), series.seriesId, false, series.seriesId === seriesId)));
  const series = currentSeries();
  const name = byId('series-name');
  const office = byId('series-office');
  if (series) {
    show(name, seriesName(series));
    show(office, `${t('bulletin.source')}：${series.office}`);
  } else {
    hide(name);
    hide(office);
  }
  const feed = byId<HTMLAnchorElement>('feed');
  feed.href = seriesPath('/api/bulletins/feed', seriesId);
  const alternate = document.querySelector<HTMLLinkElement>('link[rel=alternate]');
  if (alternate) {
    alternate.href = feed.href;
    if (series) alternate.title = seriesName(series);
  }
  for (const id of ['back', 'back-link']) byId<HTMLAnchorElement>(id).href = bulletinHref(seriesId);
}

function renderList(): void {
  if (!list) return;
  byId('empty').hidden = list.length > 0;
  byId('bulletin-list').replaceChildren(...list.map((item) => {
    const entry = document.createElement('li');
    entry.dataset.year = String(item.year);
    entry.dataset.number = String(item.number);
    const link = document.createElement('a');
    link.href = bulletinHref(seriesId, item);
    // The server's title is the issue's name, "四川省地方志办政工简讯2022年第36期(总第97期)", in the series' own words.
    link.textContent = item.title;
    const about = document.createElement('p');
    const time = document.createElement('time');
    time.dateTime = item.publishedAt;
    time.textContent = wallClock(item.publishedAt, false);
    about.append(...(item.headline ? [item.headline, ' · '] : []), time);
    entry.append(link, about);
    return entry;
  }));
}

function renderBulletin(): void {
  if (!bulletin) return;
  document.title = bulletin.title;
  const series = currentSeries();
  // The masthead: the issuing body's short name and the series' name, 四川省地方志办政工简讯.
  byId('bulletin-masthead').textContent = series ? seriesName(series) : bulletin.title.replace(/\d{4}年第.*$/, '');
  byId('bulletin-issue').textContent = issueLine(bulletin.number, bulletin.totalNumber);
  byId('print-office').textContent = bulletin.source;
  byId('print-date').textContent = chineseDate(bulletin.publishedAt);
  byId('bulletin-title').textContent = bulletin.title;
  byId('bulletin-source').textContent = bulletin.source;
  const time = byId<HTMLTimeElement>('bulletin-time');
  time.dateTime = bulletin.publishedAt;
  time.textContent = wallClock(bulletin.publishedAt);
  byId('bulletin-reviewer').textContent = bulletin.reviewer || '—';
  const headline = byId('bulletin-headline');
  headline.textContent = bulletin.headline ?? '';
  headline.hidden = !bulletin.headline;
  const corrects = byId('bulletin-corrects');
  corrects.hidden = !bulletin.corrects;
  if (bulletin.corrects) corrects.textContent = t('bulletin.corrects', { title: bulletin.corrects.title });
  // The server builds this HTML and encodes every piece of text in it that came from units or people.
  byId('bulletin-body').innerHTML = bulletin.html;

  const lines = distributionLines(bulletin.distribution);
  const parts: [string, string][] = [['distribution-report', lines.report], ['distribution-send', lines.send], ['distribution-issue', lines.issue], ['distribution-copies', lines.copies]];
  for (const [id, text] of parts) {
    const line = byId(id);
    line.textContent = text;
    line.hidden = text === '';
  }
  byId('bulletin-distribution').hidden = parts.every(([, text]) => text === '');
  byId<HTMLAnchorElement>('docx').href = seriesPath(`/api/bulletins/${bulletin.year}/${bulletin.number}/docx`, bulletin.seriesId || seriesId);
}

function render(): void {
  renderSeries();
  renderList();
  renderBulletin();
  const error = byId('bulletins-error');
  if (errorKey) show(error, t(errorKey));
  else hide(error);
}

function problemKey(error: unknown): MessageKey {
  if (error instanceof ProblemError && error.status === 404) return 'bulletin.notFound';
  if (error instanceof ProblemError && error.status === 400 && 'series' in error.errors) return 'bulletins.noSeries';
  if (error instanceof ProblemError && (error.status === 401 || error.status === 403)) return 'bulletins.internal';
  return 'bulletins.error';
}

async function load(year: string | null, number: string | null): Promise<void> {
  seriesList = await getJson<BulletinSeries[]>('/api/bulletins/series').catch((): BulletinSeries[] => []);
  seriesId ??= seriesList.find((series) => series.kind === 'public')?.seriesId ?? null;
  try {
    if (year && number) {
      hide(byId('list-view'));
      bulletin = await getJson<BulletinView>(seriesPath(`/api/bulletins/${encodeURIComponent(year)}/${encodeURIComponent(number)}`, seriesId));
      show(byId('bulletin'));
    } else {
      list = await getJson<BulletinSummary[]>(seriesPath('/api/bulletins', seriesId));
    }
  } catch (error) {
    errorKey = problemKey(error);
    if (year && number) show(byId('back-to-list'));
  }
  render();
  byId('main').dataset.loaded = 'true';
}

startPage(render);
byId('print').addEventListener('click', () => window.print());
void load(params.get('year'), params.get('number'));
