import QRCode from 'qrcode';
import { getJson, type SiteSummary, type UnitSummary } from '../api';
import { t } from '../i18n';
import { byId, hide, show, startPage } from '../layout';
import { placeFromQuery, registrationLink, type PosterPlace } from '../posters';

/**
 * A registration poster for a unit, a community or a site (?unit=, ?community=, ?site=): the title, the place, a QR
 * code made here in the browser (no outside service sees the link) that opens the registration form with the place
 * chosen, and three steps; print CSS lays it out on one A4 page.
 */
const place = placeFromQuery(location.search);
let placeName = '';

function render(): void {
  if (!place) {
    show(byId('poster-error'), t('poster.noPlace'));
    hide(byId('poster-sheet'));
    return;
  }
  byId('poster-place').textContent = t(`poster.for.${place.kind}`, { name: placeName });
  byId<HTMLImageElement>('poster-qr').alt = t('poster.qrAlt', { name: placeName });
}

async function nameOf(target: PosterPlace): Promise<string> {
  if (target.kind === 'community') return target.value;
  if (target.kind === 'unit') {
    const units = await getJson<UnitSummary[]>('/api/units').catch((): UnitSummary[] => []);
    return units.find((unit) => unit.id === target.value)?.name ?? target.value;
  }
  const sites = await getJson<SiteSummary[]>('/api/sites').catch((): SiteSummary[] => []);
  return sites.find((site) => site.id === target.value)?.name ?? target.value;
}

async function start(): Promise<void> {
  startPage(render);
  byId('print-poster').addEventListener('click', () => print());
  if (!place) {
    render();
    return;
  }
  placeName = await nameOf(place);
  const link = registrationLink(location.origin, place);
  byId<HTMLImageElement>('poster-qr').src = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 640 });
  byId('poster-url').textContent = link;
  show(byId('poster-sheet'));
  render();
  document.title = `${t('poster.heading')} · ${placeName}`;
}

void start();
