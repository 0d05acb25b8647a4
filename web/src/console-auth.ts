/**
 * The coordinator console's sign-in, kept apart so it can later be merged with the unit portal's (src/auth.ts).
 * Locally: a development token from POST /api/dev/token with the Coordinator role, kept for this tab only
 * (sessionStorage). Every call carries it as Authorization and as X-Frontline-Authorization (the header a
 * Static Web App passes through to the linked Functions app unchanged).
 */
import { ProblemError, request } from './api';

export const tokenKey = 'frontline.console.token';
let memory: string | null = null;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function currentToken(): string | null {
  return storage()?.getItem(tokenKey) ?? memory;
}

export function signOut(): void {
  memory = null;
  storage()?.removeItem(tokenKey);
}

/** Signs in as a Coordinator with a development token; a 404 means the host is not in Development. */
export async function devSignIn(name: string, fetcher: typeof fetch = fetch): Promise<string> {
  const answer = await request<{ accessToken: string }>('/api/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ roles: ['Coordinator'], name: name.trim() || undefined }),
  }, fetcher);
  memory = answer.accessToken;
  try {
    storage()?.setItem(tokenKey, answer.accessToken);
  } catch {
    // Storage blocked: the token lives in memory for this page.
  }
  return answer.accessToken;
}

/** fetch with the token on it; a 401 forgets the token, so the page asks to sign in again. */
export function authorizedFetch(fetcher: typeof fetch = fetch): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    const token = currentToken();
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
      headers.set('X-Frontline-Authorization', `Bearer ${token}`);
    }
    const response = await fetcher(input, { ...init, headers });
    if (response.status === 401) signOut();
    return response;
  }) as typeof fetch;
}

export const isSignInProblem = (error: unknown): boolean => error instanceof ProblemError && (error.status === 401 || error.status === 403);
