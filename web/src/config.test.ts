import { describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig, parseConfig, signInMode } from './config';

describe('parseConfig', () => {
  it('reads the file the azd hook writes and derives the API scope from the client id', () => {
    const config = parseConfig({ apiBaseUrl: '', entraClientId: 'abc-123', entraTenantId: 'tenant-1' });
    expect(config).toMatchObject({ entraClientId: 'abc-123', entraTenantId: 'tenant-1', entraApiScope: 'api://abc-123/access_as_user', development: false });
    expect(signInMode(config)).toBe('entra');
  });

  it('keeps a scope the file names', () => {
    expect(parseConfig({ entraClientId: 'abc', entraApiScope: 'api://other/scope' }).entraApiScope).toBe('api://other/scope');
  });

  it('offers the development sign-in when the host says Development, even with Entra settings present', () => {
    expect(signInMode(parseConfig({ development: true, entraClientId: 'abc' }))).toBe('development');
    expect(signInMode(parseConfig({ development: true, timeZone: 'Europe/Berlin', countLockDays: 5 }))).toBe('development');
    expect(parseConfig({ development: true, timeZone: 'Europe/Berlin', countLockDays: 5 })).toMatchObject({ timeZone: 'Europe/Berlin', countLockDays: 5 });
  });

  it('falls back to the defaults for anything malformed', () => {
    expect(parseConfig(null)).toEqual(defaultConfig);
    expect(parseConfig([1, 2])).toEqual(defaultConfig);
    const config = parseConfig({ entraClientId: 7, timeZone: 'Mars/Olympus', countLockDays: -1, development: 'yes' });
    expect(config).toMatchObject({ entraClientId: '', timeZone: 'Asia/Shanghai', countLockDays: 3, development: false });
    expect(signInMode(config)).toBe('development');
  });
});

describe('loadConfig', () => {
  it('treats a missing file or a network failure as no Entra ID settings', async () => {
    const missing = (async () => new Response('not found', { status: 404 })) as typeof fetch;
    const failing = (async () => { throw new TypeError('offline'); }) as typeof fetch;
    expect(await loadConfig(missing)).toEqual(defaultConfig);
    expect(await loadConfig(failing)).toEqual(defaultConfig);
  });

  it('reads /config.json', async () => {
    let asked = '';
    const fetcher = (async (input: RequestInfo | URL) => {
      asked = String(input);
      return new Response(JSON.stringify({ development: true }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as typeof fetch;
    expect((await loadConfig(fetcher)).development).toBe(true);
    expect(asked).toBe('/config.json');
  });
});
