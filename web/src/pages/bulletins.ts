import { getJson, type BulletinSummary, type BulletinView } from '../api';
import { currentLanguage, t } from '../i18n';
import { byId, show, startPage } from '../layout';

const params = new URLSearchParams(location.search);
let bulletin: BulletinView | null = null;

const formatTime = (value: string) =>
  new Date(value).toLocaleString(currentLanguage(), { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

async function showList(): Promise<void> {
  const list = await getJson<BulletinSummary[]>('/api/bulletins');
  byId('empty').hidden = list.length > 0;
  byId('bulletin-list').replaceChildren(...list.map((item) => {
    const entry = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/bulletins.html?year=${item.year}&number=${item.number}`;
    link.textContent = item.title;
    const headline = document.createElement('p');
    headline.textContent = `${item.headline} · ${formatTime(item.publishedAt)}`;
    entry.append(link, headline);
    return entry;
  }));
}

function renderBulletin(): void {
  if (!bulletin) return;
  document.title = bulletin.title;
  byId('bulletin-title').textContent = bulletin.title;
  byId('bulletin-source').textContent = bulletin.source;
  const time = byId<HTMLTimeElement>('bulletin-time');
  time.dateTime = bulletin.publishedAt;
  time.textContent = formatTime(bulletin.publishedAt);
  byId('bulletin-reviewer').textContent = bulletin.reviewer ?? '—';
  byId('bulletin-headline').textContent = bulletin.headline;
  const corrects = byId('bulletin-corrects');
  corrects.hidden = bulletin.corrects === null;
  if (bulletin.corrects) corrects.textContent = t('bulletin.corrects', { title: bulletin.corrects.title });
  // The server builds this HTML and encodes every piece of text that came from units.
  byId('bulletin-body').innerHTML = bulletin.html;
}

async function showBulletin(year: string, number: string): Promise<void> {
  bulletin = await getJson<BulletinView>(`/api/bulletins/${encodeURIComponent(year)}/${encodeURIComponent(number)}`);
  byId('list-view').hidden = true;
  show(byId('bulletin'));
  renderBulletin();
}

startPage(renderBulletin);
byId('print').addEventListener('click', () => window.print());
const year = params.get('year');
const number = params.get('number');
(year && number ? showBulletin(year, number) : showList()).catch(() => show(byId('bulletins-error'), t('bulletins.error')));
