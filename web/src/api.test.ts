import { describe, expect, it } from 'vitest';
import { attachToken, getJson, parseRetryAfter, postJson, ProblemError, putJson, request, useToken } from './api';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } })) as typeof fetch;

describe('request', () => {
  it('turns problem+json into a ProblemError with title, status and the field errors', async () => {
    const error = await request('/api/registrations', {}, respond(400, { title: 'Invalid', status: 400, errors: { phone: ['Not a mobile number'] } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ title: 'Invalid', status: 400, errors: { phone: ['Not a mobile number'] } });
  });

  it('carries Retry-After for 429', async () => {
    const error = await request('/api/registrations', {}, respond(429, { title: 'Too many', status: 429 }, { 'Retry-After': '42' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).retryAfterSeconds).toBe(42);
  });

  it('keeps the status line when the error body is not JSON', async () => {
    const html = (async () => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } })) as typeof fetch;
    await expect(request('/api/stats', {}, html)).rejects.toMatchObject({ title: 'Bad Gateway', status: 502, errors: {} });
  });

  it('drops malformed field errors instead of failing', async () => {
    const error = await request('/api/x', {}, respond(400, { title: 'Invalid', errors: { name: 'Required.', skills: [1, 'Choose one.'], bad: null } })).catch((e: unknown) => e);
    expect((error as ProblemError).errors).toEqual({ name: ['Required.'], skills: ['Choose one.'] });
    expect((error as ProblemError).status).toBe(400);
  });

  it('returns the body of a success', async () => {
    const ok = (async () => new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
    await expect(getJson<{ status: string }>('/api/health', ok)).resolves.toEqual({ status: 'ok' });
  });

  it('posts JSON and asks for JSON or problem+json', async () => {
    let seen: Request | null = null;
    const capture = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen = new Request(new URL(String(input), 'http://localhost'), init);
      return new Response(JSON.stringify({ registrationId: 'r1', receiptCode: 'ABCD1234', statusUrl: '/api/registrations/r1?code=ABCD1234' }), { status: 202 });
    }) as typeof fetch;
    await expect(postJson('/api/registrations', { name: '陈翀' }, capture)).resolves.toMatchObject({ receiptCode: 'ABCD1234' });
    const sent = seen as Request | null;
    expect(sent?.method).toBe('POST');
    expect(sent?.headers.get('Content-Type')).toBe('application/json');
    expect(sent?.headers.get('Accept')).toContain('application/problem+json');
    expect(await sent?.json()).toEqual({ name: '陈翀' });
  });

  it('accepts an empty success body', async () => {
    const empty = (async () => new Response(null, { status: 204 })) as typeof fetch;
    await expect(request('/api/x', { method: 'DELETE' }, empty)).resolves.toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120')).toBe(120);
    const now = Date.parse('2026-11-23T00:00:00Z');
    expect(parseRetryAfter('Mon, 23 Nov 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 22 Nov 2026 00:00:30 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('signed-in calls', () => {
  const echo = (seen: Headers[]) => (async (_input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(new Headers(init?.headers));
    return new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;

  it('send the bearer token as Authorization and as X-Frontline-Authorization, for the Static Web App link', async () => {
    const seen: Headers[] = [];
    useToken(async () => 'token-1');
    await putJson('/api/sites/s/counts/2026-11-24', { values: { 'on-duty': 1 } }, echo(seen));
    await getJson('/api/units/u/counts?day=2026-11-24', echo(seen));
    useToken(null);
    for (const headers of seen) {
      expect(headers.get('Authorization')).toBe('Bearer token-1');
      expect(headers.get('X-Frontline-Authorization')).toBe('Bearer token-1');
    }
    expect(seen[0]?.get('Content-Type')).toBe('application/json');
  });

  it('send no token when nobody is signed in, and never to another address', async () => {
    const seen: Headers[] = [];
    await getJson('/api/stats', echo(seen));
    useToken(async () => 'token-1');
    await getJson('/config.json', echo(seen));
    await getJson('https://elsewhere.example/api/x', echo(seen));
    useToken(null);
    for (const headers of seen) {
      expect(headers.has('Authorization')).toBe(false);
      expect(headers.has('X-Frontline-Authorization')).toBe(false);
    }
  });

  it('attachToken does nothing without a token', () => {
    const headers = new Headers();
    attachToken(headers, '/api/x', null);
    expect([...headers.keys()]).toEqual([]);
  });
});

describe('problem extensions', () => {
  it('keeps the members beyond RFC 9457, such as the current draft of a 409', async () => {
    const body = { title: 'Changed', status: 409, current: { periodKey: '2022-09-15', etag: 'W/"2"' } };
    const response = new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/problem+json' } });
    const error = await request('/api/x', {}, (async () => response) as typeof fetch).catch((e: unknown) => e);
    expect((error as ProblemError).extensions).toEqual({ current: { periodKey: '2022-09-15', etag: 'W/"2"' } });
  });
});
