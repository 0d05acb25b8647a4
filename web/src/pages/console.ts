import { ProblemError } from '../api';
import { authorizedFetch, currentToken, devSignIn, isSignInProblem, signOut } from '../console-auth';
import { ConsoleClient, problemText, today } from '../console/client';
import { mountCompleteness } from '../console/completeness';
import type { SectionContext } from '../console/dom';
import { mountDrafts } from '../console/drafts';
import { mountExports } from '../console/exports';
import { mountFlagged } from '../console/flagged';
import { mountPoison } from '../console/poison';
import { mountReminders } from '../console/reminders';
import { mountShortSites } from '../console/short-sites';
import { mountVolunteers } from '../console/volunteers';
import { t } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

const client = new ConsoleClient(authorizedFetch());
const dayInput = byId<HTMLInputElement>('day');

function showSignIn(reason?: string): void {
  hide(byId('console'));
  show(byId('sign-in'));
  if (reason) show(byId('sign-in-error'), reason);
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
  const reminders = mountReminders(byId('reminders'), client, context);
  const flagged = mountFlagged(byId('flagged'), client, context);
  const drafts = mountDrafts(byId('drafts'), client, context);
  const poison = mountPoison(byId('poison'), client);
  mountExports(byId('exports'), client, context);

  const byDay = () => Promise.all([completeness(), reminders(), flagged()]);
  dayInput.addEventListener('change', () => void byDay());
  void (async () => {
    try {
      // One call first: a refused token sends the coordinator back to sign in instead of eight error messages.
      await client.drafts();
      const units = await client.units();
      const sites = await shortSites.refresh();
      volunteers.setCatalog(units, sites);
      await Promise.all([byDay(), volunteers.refresh(), drafts(), poison()]);
      byId('console').dataset.loaded = 'true';
    } catch (error) {
      if (isSignInProblem(error)) showSignIn(problemText(error, t('console.signInAgain')));
    }
  })();
}

byId<HTMLFormElement>('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  hide(byId('sign-in-error'));
  try {
    await devSignIn(byId<HTMLInputElement>('sign-in-name').value);
    location.reload();
  } catch (error) {
    show(byId('sign-in-error'), error instanceof ProblemError && error.status === 404 ? t('console.noDevSignIn') : problemText(error, t('console.actionError')));
  }
});

byId('sign-out').addEventListener('click', () => {
  signOut();
  location.reload();
});

// The sections are built in the reader's language; a switch rebuilds them.
startPage(() => location.reload());
if (currentToken()) startConsole();
else showSignIn();
