import { afterEach, describe, expect, it } from 'vitest';
import { request, send, useToken } from './api';
import { defaultConfig, parseConfig } from './config';
import type { EntraSignIn } from './msal';
import {
  clearDevSession, consoleAccess, decodeClaims, devSignIn, devTokenKey, isCoordinator, isExpired, isReporter, loadDevSession, portalAccess,
  sessionFromToken, startSignIn,
} from './auth';

const base64Url = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (claims: Record<string, unknown>) => `${base64Url('{"alg":"RS256"}')}.${base64Url(JSON.stringify(claims))}.signature`;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() { return this.items.size; }
  clear() { this.items.clear(); }
  getItem(key: string) { return this.items.get(key) ?? null; }
  key(index: number) { return [...this.items.keys()][index] ?? null; }
  removeItem(key: string) { this.items.delete(key); }
  setItem(key: string, value: string) { this.items.set(key, value); }
}

afterEach(() => useToken(null));

describe('sessionFromToken', () => {
  it('reads name, roles and unit_id, including Chinese names', () => {
    const session = sessionFromToken(jwt({ name: '陈翀', roles: ['Reporter'], unit_id: 'nj-yibao', exp: inAnHour() }));
    expect(session).toMatchObject({ name: '陈翀', roles: ['Reporter'], unitId: 'nj-yibao' });
    expect(isReporter(session!)).toBe(true);
  });

  it('reads the unit from the Entra ID directory extension claim', () => {
    expect(sessionFromToken(jwt({ roles: 'Reporter', 'extn.unit_id': 'xa-wenwu', preferred_username: 'a@b.cn' }))).toMatchObject({ unitId: 'xa-wenwu', roles: ['Reporter'], name: 'a@b.cn' });
  });

  it('is not a reporter without the role or without a unit', () => {
    expect(isReporter(sessionFromToken(jwt({ roles: ['Coordinator'], unit_id: 'x' }))!)).toBe(false);
    expect(isReporter(sessionFromToken(jwt({ roles: ['Reporter'] }))!)).toBe(false);
  });

  it('refuses what is not a JWT', () => {
    expect(decodeClaims('nonsense')).toBeNull();
    expect(decodeClaims('a.b!!.c')).toBeNull();
    expect(sessionFromToken('a.bm90IGpzb24.c')).toBeNull();
  });

  it('counts a token as expired a minute early', () => {
    const now = Date.now();
    expect(isExpired(sessionFromToken(jwt({ exp: Math.floor(now / 1000) + 30 }))!, now)).toBe(true);
    expect(isExpired(sessionFromToken(jwt({ exp: Math.floor(now / 1000) + 600 }))!, now)).toBe(false);
  });
});

describe('development sign-in', () => {
  it('asks POST /api/dev/token for a reporter of the unit and keeps the token for this tab', async () => {
    const storage = new MemoryStorage();
    const token = jwt({ name: '本地测试用户', roles: ['Reporter'], unit_id: 'xa-wenwu', exp: inAnHour() });
    let sent: unknown = null;
    const fetcher = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent = JSON.parse(String(init?.body));
      return new Response(JSON.stringify({ accessToken: token }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;

    const session = await devSignIn('Reporter', { unitId: 'xa-wenwu', name: '  ' }, fetcher, storage);

    expect(sent).toEqual({ roles: ['Reporter'], unitId: 'xa-wenwu' });
    expect(session.unitId).toBe('xa-wenwu');
    expect(storage.getItem(devTokenKey)).toBe(token);
    expect(loadDevSession(storage)?.token).toBe(token);
    clearDevSession(storage);
    expect(loadDevSession(storage)).toBeNull();
  });

  it('forgets an expired token', () => {
    const storage = new MemoryStorage();
    storage.setItem(devTokenKey, jwt({ roles: ['Reporter'], unit_id: 'x', exp: 1 }));
    expect(loadDevSession(storage)).toBeNull();
    expect(storage.getItem(devTokenKey)).toBeNull();
  });

  it('fails with the server problem when the host is not in Development', async () => {
    const notFound = (async () => new Response(JSON.stringify({ title: 'Not found.', status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } })) as typeof fetch;
    await expect(devSignIn('Coordinator', { name: '' }, notFound, new MemoryStorage())).rejects.toMatchObject({ status: 404 });
  });
});

type Call = { url: string; headers: Headers; body: unknown };

function recorder(answer: (call: Call) => Response): { fetcher: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), headers: new Headers(init.headers), body: init.body ? JSON.parse(String(init.body)) : null };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return { fetcher, calls };
}

const tokenAnswer = (token: string) => () => new Response(JSON.stringify({ accessToken: token }), { status: 200, headers: { 'Content-Type': 'application/json' } });
const development = parseConfig({ development: true });
const entraConfig = parseConfig({ entraClientId: '6c1a4b3e-0000-4000-8000-000000000001', entraTenantId: 'contoso.onmicrosoft.com' });

function fakeEntra(token: string | null): EntraSignIn & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    account: token ? ({ username: 'he@contoso.cn' } as EntraSignIn['account']) : null,
    token: async () => { calls.push('token'); return token; },
    signIn: async () => { calls.push('signIn'); },
    signOut: async () => { calls.push('signOut'); },
  };
}

describe('page access', () => {
  it('lets a Coordinator or an Admin use the console, and only a Reporter with a unit use the portal', () => {
    const coordinator = sessionFromToken(jwt({ roles: ['Coordinator'] }))!;
    const admin = sessionFromToken(jwt({ roles: ['Admin'] }))!;
    const reporter = sessionFromToken(jwt({ roles: ['Reporter'], unit_id: 'xa-wenwu' }))!;
    expect([coordinator, admin, reporter].map(isCoordinator)).toEqual([true, true, false]);
    expect([coordinator, admin, reporter].map(consoleAccess.allows)).toEqual([true, true, false]);
    expect([coordinator, admin, reporter].map(portalAccess.allows)).toEqual([false, false, true]);
    expect(consoleAccess).toMatchObject({ page: '/console.html', devRole: 'Coordinator' });
    expect(portalAccess).toMatchObject({ page: '/portal.html', devRole: 'Reporter' });
  });
});

describe('startSignIn in development', () => {
  it('signs the console in as a Coordinator, and every API call carries the token in both headers', async () => {
    const storage = new MemoryStorage();
    const token = jwt({ name: '何晓波', roles: ['Coordinator'], exp: inAnHour() });
    const signIn = await startSignIn(development, consoleAccess, { storage, fetcher: recorder(tokenAnswer(token)).fetcher });
    expect(signIn.mode).toBe('development');
    expect(signIn.session).toBeNull();

    const issued = recorder(tokenAnswer(token));
    const session = await startSignIn(development, consoleAccess, { storage, fetcher: issued.fetcher }).then((s) => s.signInForDevelopment({ name: ' 何晓波 ' }));
    expect(issued.calls[0]).toMatchObject({ url: '/api/dev/token', body: { roles: ['Coordinator'], name: '何晓波' } });
    expect(session.name).toBe('何晓波');
    expect(storage.getItem(devTokenKey)).toBe(token);

    const api = recorder(() => new Response('[]', { status: 200 }));
    await request('/api/bulletins/drafts', {}, api.fetcher);
    await send('/api/exports/volunteers.csv', { headers: { Accept: '*/*' } }, api.fetcher);
    for (const call of api.calls) {
      expect(call.headers.get('Authorization')).toBe(`Bearer ${token}`);
      expect(call.headers.get('X-Frontline-Authorization')).toBe(`Bearer ${token}`);
    }
  });

  it('keeps one token for the tab: a reporter signed in on the portal is signed in, but not allowed, on the console', async () => {
    const storage = new MemoryStorage();
    const token = jwt({ name: '陈翀', roles: ['Reporter'], unit_id: 'xa-wenwu', exp: inAnHour() });
    const portal = await startSignIn(development, portalAccess, { storage, fetcher: recorder(tokenAnswer(token)).fetcher });
    const issued = recorder(tokenAnswer(token));
    await startSignIn(development, portalAccess, { storage, fetcher: issued.fetcher }).then((s) => s.signInForDevelopment({ unitId: 'xa-wenwu', name: '' }));
    expect(issued.calls[0]?.body).toEqual({ roles: ['Reporter'], unitId: 'xa-wenwu' });
    expect(portal.session).toBeNull();

    const onConsole = await startSignIn(development, consoleAccess, { storage });
    expect(onConsole.session?.name).toBe('陈翀');
    expect(onConsole.allowed()).toBe(false);
    expect((await startSignIn(development, portalAccess, { storage })).allowed()).toBe(true);
  });

  it('signs out here, forgetting the token, and the calls go anonymous', async () => {
    const storage = new MemoryStorage();
    storage.setItem(devTokenKey, jwt({ roles: ['Coordinator'], exp: inAnHour() }));
    const signIn = await startSignIn(development, consoleAccess, { storage });
    expect(signIn.allowed()).toBe(true);

    expect(signIn.signOut()).toBe(false);
    expect(signIn.session).toBeNull();
    expect(storage.getItem(devTokenKey)).toBeNull();
    const api = recorder(() => new Response('[]', { status: 200 }));
    await request('/api/units', {}, api.fetcher);
    expect(api.calls[0]?.headers.has('Authorization')).toBe(false);
    expect(api.calls[0]?.headers.has('X-Frontline-Authorization')).toBe(false);
  });

  it('treats a site without Entra ID settings as development, never starting MSAL', async () => {
    let started = false;
    const signIn = await startSignIn(defaultConfig, consoleAccess, { storage: new MemoryStorage(), startEntra: async () => { started = true; return fakeEntra(null); } });
    expect(signIn.mode).toBe('development');
    expect(started).toBe(false);
  });
});

describe('startSignIn with Entra ID', () => {
  it('starts MSAL with the page to come back to after sign-out, and goes to Microsoft to sign in', async () => {
    const entra = fakeEntra(null);
    let returnPath = '';
    const signIn = await startSignIn(entraConfig, consoleAccess, { storage: new MemoryStorage(), startEntra: async (_config, path) => { returnPath = path; return entra; } });
    expect(signIn.mode).toBe('entra');
    expect(returnPath).toBe('/console.html');
    expect(signIn.session).toBeNull();
    expect(entra.calls).toEqual([]);
    await signIn.signInWithEntra();
    expect(entra.calls).toEqual(['signIn']);
  });

  it('uses the account MSAL has: its token goes to the API in both headers, and sign-out goes through Entra ID', async () => {
    const token = jwt({ name: '何晓波', roles: ['Coordinator'], exp: inAnHour() });
    const entra = fakeEntra(token);
    const signIn = await startSignIn(entraConfig, consoleAccess, { storage: new MemoryStorage(), startEntra: async () => entra });
    expect(signIn.session?.name).toBe('何晓波');
    expect(signIn.allowed()).toBe(true);

    const api = recorder(() => new Response('[]', { status: 200 }));
    await request('/api/completeness?day=2022-09-07', {}, api.fetcher);
    expect(api.calls[0]?.headers.get('Authorization')).toBe(`Bearer ${token}`);
    expect(api.calls[0]?.headers.get('X-Frontline-Authorization')).toBe(`Bearer ${token}`);

    expect(signIn.signOut()).toBe(true);
    expect(entra.calls.at(-1)).toBe('signOut');
  });

  it('says a work account without the Coordinator or Admin role may not use the console', async () => {
    const signIn = await startSignIn(entraConfig, consoleAccess, { storage: new MemoryStorage(), startEntra: async () => fakeEntra(jwt({ roles: ['Reporter'], unit_id: 'x' })) });
    expect(signIn.session).not.toBeNull();
    expect(signIn.allowed()).toBe(false);
  });

  it('fails softly when MSAL cannot start', async () => {
    const signIn = await startSignIn(entraConfig, portalAccess, { storage: new MemoryStorage(), startEntra: async () => { throw new Error('no crypto'); } });
    expect(signIn).toMatchObject({ mode: 'entra', session: null, failed: true });
    await expect(signIn.signInWithEntra()).rejects.toThrow();
  });
});
