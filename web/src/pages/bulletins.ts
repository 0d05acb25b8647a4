import { getJson, ProblemError, type BulletinSummary, type BulletinView } from '../api';
import { wallClock } from '../format';
import { t, type MessageKey } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

let list: BulletinSummary[] | null = null;
let bulletin: BulletinView | null = null;
let errorKey: MessageKey | null = null;

function renderList(): void {
  if (!list) return;
  byId('empty').hidden = list.length > 0;
  byId('bulletin-list').replaceChildren(...list.map((item) => {
    const entry = document.createElement('li');
    entry.dataset.year = String(item.year);
    entry.dataset.number = String(item.number);
    const link = document.createElement('a');
    link.href = `/bulletins.html?year=${encodeURIComponent(item.year)}&number=${encodeURIComponent(item.number)}`;
    // The server's title is the issue's name, "政工简讯2022年第36期(总第97期)", in the series' own words.
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
  byId('bulletin-title').textContent = bulletin.title;
  byId('bulletin-source').textContent = bulletin.source;
  const time = byId<HTMLTimeElement>('bulletin-time');
  time.dateTime = bulletin.publishedAt;
  time.textContent = wallClock(bulletin.publishedAt);
  byId('bulletin-reviewer').textContent = bulletin.reviewer ?? '—';
  const headline = byId('bulletin-headline');
  headline.textContent = bulletin.headline ?? '';
  headline.hidden = !bulletin.headline;
  const corrects = byId('bulletin-corrects');
  corrects.hidden = !bulletin.corrects;
  if (bulletin.corrects) corrects.textContent = t('bulletin.corrects', { title: bulletin.corrects.title });
  // The server builds this HTML and encodes every piece of text in it that came from units or people.
  byId('bulletin-body').innerHTML = bulletin.html;
}

function render(): void {
  renderList();
  renderBulletin();
  const error = byId('bulletins-error');
  if (errorKey) show(error, t(errorKey));
  else hide(error);
}

async function load(year: string | null, number: string | null): Promise<void> {
  try {
    if (year && number) {
      hide(byId('list-view'));
      bulletin = await getJson<BulletinView>(`/api/bulletins/${encodeURIComponent(year)}/${encodeURIComponent(number)}`);
      show(byId('bulletin'));
    } else {
      list = await getJson<BulletinSummary[]>('/api/bulletins');
    }
  } catch (error) {
    errorKey = error instanceof ProblemError && error.status === 404 ? 'bulletin.notFound' : 'bulletins.error';
    if (year && number) show(byId('back-to-list'));
  }
  render();
}

startPage(render);
byId('print').addEventListener('click', () => window.print());
const params = new URLSearchParams(location.search);
void load(params.get('year'), params.get('number'));
