/** Registration posters: a unit, a community or a site chosen here opens its printable A4 poster (web/poster.html). */
import type { SiteSummary, UnitSummary } from '../api';
import { t } from '../i18n';
import { posterPath, type PosterPlace } from '../posters';
import { el } from './dom';

const encode = (place: PosterPlace) => `${place.kind}:${place.value}`;
const decode = (value: string): PosterPlace => {
  const [kind, ...rest] = value.split(':');
  return { kind: kind as PosterPlace['kind'], value: rest.join(':') };
};

export function mountPosters(root: HTMLElement, units: UnitSummary[], sites: SiteSummary[]): void {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-CN');
  const group = (label: string, places: { place: PosterPlace; name: string }[]) => {
    const optgroup = el('optgroup', { attrs: { label } });
    optgroup.append(...places.map(({ place, name }) => new Option(name, encode(place))));
    return optgroup;
  };
  const communities = [...new Set(sites.map((site) => site.community).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const select = el('select', { attrs: { id: 'poster-place' } },
    group(t('console.posters.units'), units.filter((unit) => unit.verified !== false).sort(byName).map((unit) => ({ place: { kind: 'unit', value: unit.id }, name: unit.name }))),
    group(t('console.posters.communities'), communities.map((name) => ({ place: { kind: 'community', value: name }, name }))),
    group(t('console.posters.sites'), [...sites].sort(byName).map((site) => ({ place: { kind: 'site', value: site.id }, name: site.name }))));
  const open = el('a', { className: 'button', text: t('console.posters.open'), attrs: { id: 'poster-open' } });
  const follow = () => { open.href = posterPath(decode(select.value)); };
  select.addEventListener('change', follow);
  follow();
  root.append(
    el('p', { className: 'hint', text: t('console.posters.intro') }),
    el('div', { className: 'field' }, el('label', { text: t('console.posters.place'), attrs: { for: 'poster-place' } }), select),
    el('p', {}, open));
}
