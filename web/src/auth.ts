import { postJson } from './api';

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

export const devTokenKey = 'frontline.portal.devToken';

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

/** POST /api/dev/token as a reporter of the unit (404 outside Development), kept for this tab. */
export async function devSignIn(
  unitId: string,
  name: string,
  fetcher?: typeof fetch,
  storage: Storage | undefined = globalThis.sessionStorage,
): Promise<Session> {
  const body: { roles: string[]; unitId: string; name?: string } = { roles: ['Reporter'], unitId };
  if (name.trim()) body.name = name.trim();
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
