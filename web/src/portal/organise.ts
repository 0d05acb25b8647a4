/**
 * The portal's 队伍与排班 for the unit's organiser (its Reporter): the unit's teams and site roles, its dispatch
 * batches, and shifts and duty at its sites. Built in the reader's language, so a language switch builds them again.
 */
import { OrganiseClient } from '../organise/client';
import { mountBatches } from '../organise/batches';
import { mountShifts } from '../organise/shifts';
import { mountTeams } from '../organise/teams';
import { byId } from '../layout';

export interface PortalOrganiseContext {
  unitId: () => string | null;
  sites: () => { id: string; name: string }[];
  today: () => string;
  expired: () => void;
}

export function mountPortalOrganise(context: PortalOrganiseContext, client = new OrganiseClient()): { start: () => Promise<void>; stop: () => void } {
  const roots = ['org-teams-body', 'org-batches-body', 'org-shifts-body'].map((id) => byId(id));
  const stop = () => {
    for (const root of roots) root.replaceChildren();
  };
  return {
    stop,
    async start() {
      stop();
      if (!context.unitId()) return;
      const [teamsRoot, batchesRoot, shiftsRoot] = roots as [HTMLElement, HTMLElement, HTMLElement];
      const teams = mountTeams(teamsRoot, client, context);
      // The command office sets the patterns; the organiser reads them and gives their people shifts, a batch's
      // people too (offered afresh when a batch is recorded or withdrawn).
      const shifts = mountShifts(shiftsRoot, client, { ...context, canEditPattern: false });
      const batches = mountBatches(batchesRoot, client, { ...context, changed: () => void shifts.batchesChanged() });
      await Promise.all([teams.refresh(), batches.refresh(), shifts.refresh()]);
    },
  };
}
