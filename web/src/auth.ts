import { postJson, useToken } from './api';
import { signInMode, type SiteConfig } from './config';
import type { EntraSignIn } from './msal';

/**
 * Sign-in for the site's signed-in pages, the unit portal and the coordinator console, one way for both: Microsoft
 * Entra ID through MSAL (src/msal.ts, loaded only then) when /config.json names an app registration, otherwise the
 * host's development token (POST /api/dev/token, Development only). Each page says which role it asks for in
 * development and which sessions may use it (PageAccess). The token, whichever way it came, goes to every /api call
 * through src/api.ts (Authorization and X-Frontline-Authorization).
 */

/** Who is signed in, as their access token says (the API checks the token again; this only shapes the page). */
export interface Session {
  token: string;
  name: string;
  roles: string[];
  /** The reporter's dispatching unit: claim unit_id, or extn.unit_id as Entra ID emits the directory extension. */
  unitId: string | null;
  /** Seconds since the epoch (claim exp); null when the token has none. */
  expiresAt: number | null;
}

/** The one development token of this tab, for both pages (sessionStorage: closing the tab signs out). */
export const devTokenKey = 'frontline.devToken';

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, unverified: only for showing the page; null when it is not a JWT. */
export function decodeClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims: unknown = JSON.parse(base64UrlDecode(parts[1]));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const stringClaim = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);

export function sessionFromToken(token: string): Session | null {
  const claims = decodeClaims(token);
  if (!claims) return null;
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((role): role is string => typeof role === 'string')
    : typeof claims.roles === 'string' ? [claims.roles] : [];
  return {
    token,
    name: stringClaim(claims.name) ?? stringClaim(claims.preferred_username) ?? stringClaim(claims.upn) ?? '',
    roles,
    unitId: stringClaim(claims.unit_id) ?? stringClaim(claims['extn.unit_id']),
    expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

/** Expired, or about to be within the next minute (so a form is not sent with a token that dies on the way). */
export function isExpired(session: Session, nowMs: number = Date.now()): boolean {
  return session.expiresAt !== null && session.expiresAt * 1000 <= nowMs + 60_000;
}

export const isReporter = (session: Session) => session.roles.includes('Reporter') && session.unitId !== null;
export const isCoordinator = (session: Session) => session.roles.includes('Coordinator') || session.roles.includes('Admin');

/** What a signed-in page needs: where a sign-out comes back to, the development role, and who may use it. */
export interface PageAccess {
  /** The page itself: Entra ID's sign-out comes back here (one of the app registration's redirect URIs). */
  page: string;
  /** The role the development sign-in asks POST /api/dev/token for. */
  devRole: 'Reporter' | 'Coordinator';
  /** Whether this session may use the page (the API checks again on every call). */
  allows(session: Session): boolean;
}

/** The unit portal: a Reporter with a unit. */
export const portalAccess: PageAccess = { page: '/portal.html', devRole: 'Reporter', allows: isReporter };
/** The coordinator console: a Coordinator or an Admin. */
export const consoleAccess: PageAccess = { page: '/console.html', devRole: 'Coordinator', allows: isCoordinator };

/** The development token kept for this tab only (sessionStorage): closing the tab signs out. */
export function loadDevSession(storage: Storage | undefined = globalThis.sessionStorage): Session | null {
  try {
    const token = storage?.getItem(devTokenKey);
    const session = token ? sessionFromToken(token) : null;
    if (session && !isExpired(session)) return session;
    if (token) storage?.removeItem(devTokenKey);
  } catch {
    // Storage blocked: nobody is signed in.
  }
  return null;
}

export function clearDevSession(storage: Storage | undefined = globalThis.sessionStorage): void {
  try {
    storage?.removeItem(devTokenKey);
  } catch {
    // Nothing kept, nothing to clear.
  }
}

export interface DevIdentity {
  /** The name the token carries (the API's dev token route picks one when it is empty). */
  name: string;
  /** A reporter's dispatching unit. */
  unitId?: string;
}

/** POST /api/dev/token with the given role (404 outside Development), kept for this tab. */
export async function devSignIn(
  role: PageAccess['devRole'],
  who: DevIdentity,
  fetcher?: typeof fetch,
  storage: Storage | undefined = globalThis.sessionStorage,
): Promise<Session> {
  const body: { roles: string[]; unitId?: string; name?: string } = { roles: [role] };
  if (who.unitId) body.unitId = who.unitId;
  if (who.name.trim()) body.name = who.name.trim();
  const { accessToken } = await postJson<{ accessToken: string }>('/api/dev/token', body, fetcher);
  const session = sessionFromToken(accessToken);
  if (!session) throw new Error('The development token is not a JWT.');
  try {
    storage?.setItem(devTokenKey, accessToken);
  } catch {
    // Storage blocked: signed in for this page only.
  }
  return session;
}

/** A page's sign-in, started from /config.json: the way it signs in, and who is signed in now. */
export interface SignIn {
  readonly mode: 'development' | 'entra';
  /** Who is signed in, or null. A session the page does not allow is still a session: the page says why. */
  readonly session: Session | null;
  /** Entra ID's sign-in could not start here (MSAL failed, or its answer was refused). */
  readonly failed: boolean;
  /** Whether the signed-in session may use the page. */
  allowed(): boolean;
  /** Entra ID: goes to Microsoft's sign-in page (the browser leaves, and comes back through the redirect bridge). */
  signInWithEntra(): Promise<void>;
  /** Development: a token with the page's role from POST /api/dev/token. */
  signInForDevelopment(who: DevIdentity): Promise<Session>;
  /** Forgets the session here (an expired or refused token): the next calls go anonymous. */
  forget(): void;
  /** Signs out; true when the browser is leaving for Entra ID's sign-out, which comes back to the page. */
  signOut(): boolean;
}

export interface SignInOptions {
  fetcher?: typeof fetch;
  storage?: Storage;
  /** MSAL, for tests: src/msal.ts otherwise, loaded only in Entra mode. */
  startEntra?: (config: SiteConfig, returnPath: string) => Promise<EntraSignIn>;
}

/**
 * Finds who is signed in for this page: in Entra mode, the account MSAL has after a redirect or in this tab, with a
 * token for the API; in development, the token kept for this tab. From then on every /api call carries the token.
 */
export async function startSignIn(config: SiteConfig, access: PageAccess, options: SignInOptions = {}): Promise<SignIn> {
  const mode = signInMode(config);
  const storage = options.storage ?? globalThis.sessionStorage;
  let session: Session | null = null;
  let entra: EntraSignIn | null = null;
  let failed = false;

  if (mode === 'entra') {
    try {
      const start = options.startEntra ?? (async (settings: SiteConfig, returnPath: string) => (await import('./msal')).startEntraSignIn(settings, returnPath));
      entra = await start(config, access.page);
      const token = entra.account ? await entra.token() : null;
      session = token ? sessionFromToken(token) : null;
    } catch {
      failed = true;
    }
  } else {
    session = loadDevSession(storage);
  }

  const signedIn = entra;
  if (signedIn && session) useToken(() => signedIn.token());
  else useToken(async () => session?.token ?? null);

  const forget = () => {
    clearDevSession(storage);
    session = null;
    useToken(null);
  };
  return {
    mode,
    get session() { return session; },
    failed,
    allowed: () => session !== null && access.allows(session),
    async signInWithEntra() {
      if (!entra) throw new Error('Entra ID sign-in is not available.');
      await entra.signIn();
    },
    async signInForDevelopment(who) {
      session = await devSignIn(access.devRole, who, options.fetcher, storage);
      useToken(async () => session?.token ?? null);
      return session;
    },
    forget,
    signOut() {
      if (entra && session) {
        void entra.signOut();
        return true;
      }
      forget();
      return false;
    },
  };
}
