/**
 * The console's 队伍与排班: a Coordinator chooses a unit and sees and changes its teams, batches and shifts as its
 * organiser does in the portal, sets the sites' shift patterns, and enters sites' duty phones (public office lines).
 */
import type { SiteSummary, UnitSummary } from '../api';
import { t } from '../i18n';
import { mountBatches } from '../organise/batches';
import { OrganiseClient } from '../organise/client';
import { mountDutyPhone } from '../organise/duty-phone';
import { field, fill, select } from '../organise/form';
import { mountShifts } from '../organise/shifts';
import { mountTeams } from '../organise/teams';
import { el } from './dom';

export function mountOrganise(root: HTMLElement, context: { today: () => string; expired: () => void }, client = new OrganiseClient()): {
  setCatalog: (units: UnitSummary[], sites: SiteSummary[]) => Promise<void>;
} {
  let units: UnitSummary[] = [];
  let sites: SiteSummary[] = [];
  const unit = select([]);
  const part = (id: string, heading: string) => {
    const body = el('div');
    root.append(el('section', { attrs: { id, 'aria-labelledby': `${id}-heading` } }, el('h3', { text: heading, attrs: { id: `${id}-heading` } }), body));
    return body;
  };
  root.append(el('p', { className: 'hint', text: t('organise.consoleIntro') }), field('unitId', 'org-unit', t('organise.unit'), unit).wrapper);
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id;
  const unitSites = () => (units.find((candidate) => candidate.id === unit.value)?.siteIds ?? [])
    .map((id) => ({ id, name: siteName(id) })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  const shared = { unitId: () => unit.value || null, sites: unitSites, today: context.today, expired: context.expired };
  const teams = mountTeams(part('org-teams', t('organise.teams.heading')), client, shared);
  const batchesRoot = part('org-batches', t('organise.batches.heading'));
  const shifts = mountShifts(part('org-shifts', t('organise.shifts.heading')), client, { ...shared, canEditPattern: true });
  // A batch recorded or withdrawn here changes whom the shift form offers.
  const batches = mountBatches(batchesRoot, client, { ...shared, changed: () => void shifts.batchesChanged() });
  const dutyPhone = mountDutyPhone(part('org-duty-phone', t('organise.dutyPhone.heading')), client,
    { sites: () => sites.map((site) => ({ id: site.id, name: site.name })), expired: context.expired });

  const refresh = () => Promise.all([teams.refresh(), batches.refresh(), shifts.refresh()]).then(() => undefined);
  unit.addEventListener('change', () => void refresh());
  return {
    async setCatalog(unitList, siteList) {
      units = unitList;
      sites = siteList;
      fill(unit, units.map((candidate): [string, string] => [candidate.id, candidate.name]));
      dutyPhone.refresh();
      await refresh();
    },
  };
}
