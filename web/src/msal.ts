import {
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
} from '@azure/msal-browser';
import type { SiteConfig } from './config';

/**
 * Sign-in with Microsoft Entra ID (MSAL, redirect flow: it works the same on a phone, where pop-ups are
 * blocked). Loaded only when the site has Entra ID settings, so a local page never downloads it. Used by the unit
 * portal and the coordinator console (through src/auth.ts), each giving its own page to come back to after sign-out.
 */
export interface EntraSignIn {
  /** The signed-in account after a redirect or from this tab's cache, or null. */
  account: AccountInfo | null;
  /** An access token for the API; redirects to sign in again when the session needs it. */
  token(): Promise<string | null>;
  signIn(): Promise<void>;
  signOut(): Promise<void>;
}

/** MSAL v5's redirect bridge (auth-redirect.html): Entra ID answers there, and it hands the answer back to the page that asked. */
export const bridgePath = '/auth-redirect.html';

/**
 * @param returnPath where a sign-out comes back to (/portal.html or /console.html): one of the app registration's
 * redirect URIs (infra/scripts/entra-app.sh).
 */
export async function startEntraSignIn(config: SiteConfig, returnPath = '/portal.html', origin = location.origin): Promise<EntraSignIn> {
  const client = new PublicClientApplication({
    auth: {
      clientId: config.entraClientId,
      authority: `https://login.microsoftonline.com/${encodeURIComponent(config.entraTenantId)}`,
      redirectUri: `${origin}${bridgePath}`,
      postLogoutRedirectUri: `${origin}${returnPath}`,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await client.initialize();
  const redirected = await client.handleRedirectPromise();
  const account = redirected?.account ?? client.getActiveAccount() ?? client.getAllAccounts()[0] ?? null;
  if (account) client.setActiveAccount(account);
  const scopes = [config.entraApiScope];

  return {
    account,
    async token() {
      const active = client.getActiveAccount();
      if (!active) return null;
      try {
        return (await client.acquireTokenSilent({ scopes, account: active })).accessToken;
      } catch (error) {
        if (error instanceof InteractionRequiredAuthError) {
          await client.acquireTokenRedirect({ scopes, account: active });
          return null;
        }
        throw error;
      }
    },
    signIn: () => client.loginRedirect({ scopes }),
    signOut: () => client.logoutRedirect({ account: client.getActiveAccount() }),
  };
}
