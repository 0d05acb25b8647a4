/** Today's completeness by unit: one row per unit, and a button that shows that unit's missing sites. */
import { t } from '../i18n';
import { problemText, type Completeness, type ConsoleClient } from './client';
import { el, say, type SectionContext } from './dom';

export function mountCompleteness(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const summary = el('p', { attrs: { 'data-testid': 'completeness-summary' } });
  const list = el('ul', { className: 'unit-list', attrs: { 'data-testid': 'completeness-units' } });
  root.append(summary, message, list);

  function render(data: Completeness): void {
    summary.textContent = t('console.completenessSummary', { day: data.day, reported: data.reported, late: data.late, missing: data.missing });
    list.replaceChildren(...data.units.map((unit) => {
      const missing = unit.sites.filter((site) => site.status === 'missing');
      const detailsId = `missing-${unit.unitId}`;
      const toggle = el('button', {
        className: 'link-button',
        text: `${unit.name} — ${t('console.unitLine', { reported: unit.reported, late: unit.late, missing: unit.missing })}`,
        attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': detailsId },
      });
      const details = el('ul', { className: 'missing-sites', attrs: { id: detailsId } },
        ...(missing.length ? missing.map((site) => el('li', { text: site.name, attrs: { 'data-site-id': site.siteId } })) : [el('li', { text: t('console.noneMissing') })]));
      details.hidden = true;
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        details.hidden = !open;
      });
      const item = el('li', { attrs: { 'data-unit-id': unit.unitId } }, toggle, details);
      if (unit.missing > 0) item.classList.add('has-missing');
      return item;
    }));
  }

  return async () => {
    try {
      render(await client.completeness(context.day()));
      say(message, '');
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  };
}
