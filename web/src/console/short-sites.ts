/**
 * Sites short of people, the most short first, each with a way to move someone there: a waitlisted volunteer,
 * or one from a site that has more people than it needs. The server keeps each volunteer at one site.
 */
import type { SiteSummary } from '../api';
import { siteFigures } from '../dashboard-data';
import { t } from '../i18n';
import { problemText, shortAndSurplus, type ConsoleClient, type Volunteer } from './client';
import { el, say, type SectionContext } from './dom';

export function mountShortSites(root: HTMLElement, client: ConsoleClient, context: SectionContext): { refresh: () => Promise<SiteSummary[]> } {
  const message = el('p', { attrs: { role: 'status' } });
  const list = el('ul', { className: 'short-sites', attrs: { 'data-testid': 'short-sites' } });
  root.append(message, list);
  let sites: SiteSummary[] = [];

  async function candidates(surplus: SiteSummary[]): Promise<Volunteer[]> {
    const pages = await Promise.all([
      client.volunteers({ status: 'waitlisted', take: 50 }),
      ...surplus.map((site) => client.volunteers({ siteId: site.id, status: 'assigned', take: 20 })),
    ]);
    return pages.flatMap((page) => page.items);
  }

  function render(): void {
    const { short, surplus } = shortAndSurplus(sites);
    list.replaceChildren(...(short.length === 0 ? [el('li', { text: t('console.noShortSites') })] : short.map((site) => {
      const panelId = `move-${site.id}`;
      const headingId = `short-${site.id}`;
      const open = el('button', { className: 'button secondary', text: t('console.moveHere'), attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': panelId, 'aria-describedby': headingId } });
      const panel = el('form', { className: 'move-panel', attrs: { id: panelId, 'aria-label': t('console.moveTo', { site: site.name }) } });
      panel.hidden = true;
      open.addEventListener('click', async () => {
        const expanded = open.getAttribute('aria-expanded') !== 'true';
        open.setAttribute('aria-expanded', String(expanded));
        panel.hidden = !expanded;
        if (!expanded) return;
        panel.replaceChildren(el('p', { text: t('console.loading') }));
        try {
          const people = (await candidates(surplus)).filter((person) => person.siteId !== site.id);
          const selectId = `who-${site.id}`;
          const who = el('select', { attrs: { id: selectId, name: 'volunteerId' } }, ...people.map((person) => el('option', {
            text: `${person.name} · ${person.phoneMasked} · ${person.status === 'waitlisted' ? t('status.waitlisted.short') : person.siteName ?? ''}`,
            attrs: { value: person.volunteerId },
          })));
          panel.replaceChildren(...(people.length === 0 ? [el('p', { text: t('console.noCandidates') })] : [
            el('div', { className: 'field' }, el('label', { text: t('console.who'), attrs: { for: selectId } }), who),
            el('button', { className: 'button', text: t('console.moveButton'), attrs: { type: 'submit' } }),
          ]));
          who.focus();
        } catch (error) {
          panel.replaceChildren(el('p', { className: 'error', text: problemText(error, t('console.loadError')) }));
        }
      });
      panel.addEventListener('submit', async (event) => {
        event.preventDefault();
        const who = panel.querySelector('select');
        const chosen = who?.selectedOptions[0];
        if (!who || !chosen) return;
        try {
          const moved = await client.reassign(who.value, site.id);
          sites = await client.sites();
          render();
          const from = sites.find((s) => s.id === moved.fromSiteId);
          const to = sites.find((s) => s.id === moved.toSiteId);
          say(message, t('console.moved', {
            name: chosen.textContent?.split(' · ')[0] ?? '', site: to?.name ?? site.name, to: to ? siteFigures(to) : '',
            from: from ? `${from.name}：${siteFigures(from)}` : t('status.waitlisted.short'),
          }));
          context.changed('sites');
        } catch (error) {
          say(message, problemText(error, t('console.actionError')), 'error');
        }
      });
      return el('li', { attrs: { 'data-site-id': site.id } },
        el('h3', { text: site.name, attrs: { id: headingId } }),
        el('p', { className: 'site-figures', text: `${siteFigures(site)} · ${t('dashboard.short', { count: site.needed - site.assigned })}` }),
        open, panel);
    })));
  }

  return {
    async refresh() {
      try {
        sites = await client.sites();
        render();
        say(message, '');
      } catch (error) {
        say(message, problemText(error, t('console.loadError')), 'error');
      }
      return sites;
    },
  };
}
