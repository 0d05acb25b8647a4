import { afterEach, describe, expect, it } from 'vitest';
import { useToken } from './api';
import { clearDevSession, decodeClaims, devSignIn, devTokenKey, isExpired, isReporter, loadDevSession, sessionFromToken } from './auth';

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

    const session = await devSignIn('xa-wenwu', '  ', fetcher, storage);

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
    await expect(devSignIn('x', '', notFound, new MemoryStorage())).rejects.toMatchObject({ status: 404 });
  });
});
