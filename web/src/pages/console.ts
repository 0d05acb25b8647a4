import { ProblemError } from '../api';
import { consoleAccess, startSignIn, type Session, type SignIn } from '../auth';
import { loadConfig } from '../config';
import { ConsoleClient, problemText, today } from '../console/client';
import { mountApplications } from '../console/applications';
import { mountAudit } from '../console/audit';
import { mountCompleteness } from '../console/completeness';
import type { SectionContext } from '../console/dom';
import { mountDrafts } from '../console/drafts';
import { mountExports } from '../console/exports';
import { mountFlagged } from '../console/flagged';
import { mountIndicators } from '../console/indicators';
import { mountOperations } from '../console/operations';
import { mountOrganise } from '../console/organise';
import { mountPoison } from '../console/poison';
import { mountPosters } from '../console/posters';
import { mountReminders } from '../console/reminders';
import { mountShortSites } from '../console/short-sites';
import { mountVolunteers } from '../console/volunteers';
import { t } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

/** Every call goes through src/api.ts, which adds the token of whoever signed in (src/auth.ts, as on the portal). */
const client = new ConsoleClient();
const dayInput = byId<HTMLInputElement>('day');
let auth: SignIn | null = null;

/** Entra ID's button or the development form, as /config.json says; with the reason when there is one. */
function showSignIn(reason?: string): void {
  hide(byId('console'));
  hide(byId('wrong-role'));
  show(byId('sign-in'));
  const entra = auth?.mode === 'entra';
  byId('entra-sign-in').hidden = !entra;
  byId('sign-in-form').hidden = entra;
  if (reason) show(byId('sign-in-error'), reason);
  else hide(byId('sign-in-error'));
}

/** Signed in, but without the Coordinator or Admin role: say so, and offer the way out to another account. */
function showWrongRole(session: Session | null): void {
  hide(byId('console'));
  hide(byId('sign-in'));
  show(byId('wrong-role'));
  byId('wrong-role-who').textContent = t('console.signedInAs', { name: session?.name || '—' });
  show(byId('wrong-role-message'), t('console.needsCoordinator'));
}

function signOut(): void {
  // With Entra ID the browser leaves for Microsoft's sign-out, which comes back to /console.html.
  if (auth?.signOut()) return;
  location.reload();
}

// ---- sections: the menu keeps the section in the URL (#poison), and the console opens where the coordinator works --

const lastSectionKey = 'frontline.console.section';
const sectionLinks = () => [...document.querySelectorAll<HTMLAnchorElement>('.section-nav a')];
const isSection = (id: string) => sectionLinks().some((link) => link.hash === `#${id}`);

/** Marks the section in the menu, remembers it for the next visit and moves the focus to its heading. */
function goToSection(id: string): void {
  if (!isSection(id)) return;
  for (const link of sectionLinks()) {
    if (link.hash === `#${id}`) link.setAttribute('aria-current', 'location');
    else link.removeAttribute('aria-current');
  }
  try {
    localStorage.setItem(lastSectionKey, id);
  } catch {
    // Storage blocked: the URL still says where the coordinator is.
  }
  document.getElementById(id)?.querySelector<HTMLElement>('h2')?.focus();
}

/** Once the sections are built: the section the URL names, else the one used last, else the top of the page. */
function landOnSection(): void {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(lastSectionKey);
  } catch {
    // Nothing remembered.
  }
  const wanted = location.hash.slice(1) || remembered || '';
  if (!isSection(wanted)) return;
  if (location.hash !== `#${wanted}`) history.replaceState(null, '', `#${wanted}`);
  goToSection(wanted);
}

window.addEventListener('hashchange', () => goToSection(location.hash.slice(1)));
for (const link of sectionLinks()) {
  // The same link twice changes no hash, and still should bring the coordinator back to the section.
  link.addEventListener('click', () => {
    if (link.hash === location.hash) goToSection(link.hash.slice(1));
  });
}

function startConsole(): void {
  hide(byId('sign-in'));
  show(byId('console'));
  dayInput.value ||= today();
  const context: SectionContext = {
    day: () => dayInput.value || today(),
    changed: (what) => {
      if (what === 'sites') void volunteers.refresh();
    },
  };
  const completeness = mountCompleteness(byId('completeness'), client, context);
  const shortSites = mountShortSites(byId('short-sites'), client, context);
  const volunteers = mountVolunteers(byId('volunteers'), client);
  const organise = mountOrganise(byId('organise'), { today, expired: () => showSignIn(t('console.signInAgain')) });
  const reminders = mountReminders(byId('reminders'), client, context);
  const flagged = mountFlagged(byId('flagged'), client, context);
  const drafts = mountDrafts(byId('drafts'), client, context);
  const poison = mountPoison(byId('poison'), client);
  const operations = mountOperations(byId('operations'), client);
  mountExports(byId('exports'), client, context);
  // Binding a unit's system is an Admin's decision; coordinators do not see the section (the API refuses them anyway).
  const isAdmin = auth?.session?.roles.includes('Admin') ?? false;
  const applications = isAdmin ? mountApplications(byId('apps'), client) : null;
  if (applications) {
    show(byId('apps'));
    show(byId('apps-nav'));
  }
  // Indicators are defined by the command office's Admins; everyone else reads them through the portal's form.
  const indicators = isAdmin ? mountIndicators(byId('indicators'), client) : null;
  if (indicators) {
    show(byId('indicators'));
    show(byId('indicators-nav'));
  }
  // The audit trail names staff and what they did: Admins read it, and only they see the section (the API refuses others).
  const audit = isAdmin ? mountAudit(byId('audit'), client, context) : null;
  if (audit) {
    show(byId('audit'));
    show(byId('audit-nav'));
  }

  const byDay = () => Promise.all([completeness(), reminders(), flagged()]);
  dayInput.addEventListener('change', () => void byDay());
  void (async () => {
    try {
      // One call first: a refused token sends the coordinator back to sign in instead of eight error messages.
      await client.drafts();
      const units = await client.units();
      const sites = await shortSites.refresh();
      volunteers.setCatalog(units, sites);
      applications?.setUnits(units);
      mountPosters(byId('posters'), units, sites);
      await Promise.all([byDay(), volunteers.refresh(), organise.setCatalog(units, sites), drafts(), poison(), operations(), applications?.refresh(), indicators?.refresh(), audit?.()]);
      byId('console').dataset.loaded = 'true';
      landOnSection();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) {
        auth?.forget();
        showSignIn(t('console.signInAgain'));
      } else if (error instanceof ProblemError && error.status === 403) {
        showWrongRole(auth?.session ?? null);
      }
    }
  })();
}

byId<HTMLFormElement>('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  hide(byId('sign-in-error'));
  if (!auth) return;
  try {
    await auth.signInForDevelopment({ name: byId<HTMLInputElement>('sign-in-name').value });
    location.reload();
  } catch (error) {
    show(byId('sign-in-error'), error instanceof ProblemError && error.status === 404 ? t('console.noDevSignIn') : problemText(error, t('console.actionError')));
  }
});

byId('entra-button').addEventListener('click', () => {
  hide(byId('sign-in-error'));
  auth?.signInWithEntra().catch(() => showSignIn(t('console.signInFailed')));
});
byId('sign-out').addEventListener('click', signOut);
byId('wrong-role-sign-out').addEventListener('click', signOut);

// The sections are built in the reader's language; a switch rebuilds them.
startPage(() => location.reload());
void (async () => {
  auth = await startSignIn(await loadConfig(), consoleAccess);
  if (!auth.session) showSignIn(auth.failed ? t('console.signInFailed') : undefined);
  else if (!auth.allowed()) showWrongRole(auth.session);
  else startConsole();
})();
