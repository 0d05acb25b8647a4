import { describe, expect, it } from 'vitest';
import { ProblemError, type SiteSummary } from '../api';
import { isClientId } from './applications';
import { exportPath } from './exports';
import { ConsoleClient, fileNameOf, problemText, query, shortAndSurplus, today } from './client';

type Call = { url: string; method: string; body: unknown; ifMatch: string | null };

function fake(answers: Record<string, () => Response>): { client: ConsoleClient; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined, ifMatch: new Headers(init.headers).get('If-Match') });
    const key = Object.keys(answers).find((prefix) => url.startsWith(prefix));
    return key ? answers[key]!() : new Response(JSON.stringify({ title: 'No such API route.', status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
  }) as typeof fetch;
  return { client: new ConsoleClient(fetcher), calls };
}

const ok = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const site = (id: string, needed: number, assigned: number, open = true): SiteSummary =>
  ({ id, name: id, type: 'community', community: 'c', district: null, address: null, needed, assigned, open });

describe('ConsoleClient', () => {
  it('asks for the volunteers with only the filters that are set', async () => {
    const { client, calls } = fake({ '/api/volunteers': ok({ items: [], continuation: 'next' }) });
    const page = await client.volunteers({ q: '8000', unitId: 'nj-yibao', community: '', siteId: undefined, status: 'waitlisted', continuation: null, take: 50 });
    expect(page.continuation).toBe('next');
    expect(calls[0]?.url).toBe('/api/volunteers?q=8000&unitId=nj-yibao&status=waitlisted&take=50');
  });

  it('posts a reassignment, a reminder, an approval and a replay to their routes', async () => {
    const { client, calls } = fake({
      '/api/volunteers/': ok({ volunteerId: 'v 1', fromSiteId: null, toSiteId: 'site-2', status: 'assigned' }),
      '/api/reminders': ok({ queued: 2 }, 202),
      '/api/bulletins/drafts/': ok({ periodKey: '2022-09-16', status: 'approved', reviewer: '何晓波' }),
      '/api/queues/': () => new Response(null, { status: 202 }),
    });
    await client.reassign('v 1', 'site-2');
    await expect(client.remind('2022-09-16')).resolves.toEqual({ queued: 2 });
    await expect(client.approve('2022-09-16')).resolves.toMatchObject({ status: 'approved' });
    await client.replay('registrations', 'm/1');
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'POST /api/volunteers/v%201/reassign', 'POST /api/reminders', 'POST /api/bulletins/drafts/2022-09-16/approve', 'POST /api/queues/registrations/poison/m%2F1/replay',
    ]);
    expect(calls[0]?.body).toEqual({ siteId: 'site-2' });
    expect(calls[1]?.body).toEqual({ day: '2022-09-16' });
  });

  it('saves a draft with the ETag it read in If-Match, and approves the version read', async () => {
    const { client, calls } = fake({ '/api/bulletins/drafts/': ok({ periodKey: '2022-09-15', status: 'draft', etag: 'W/"3"' }) });
    const edit = { headline: '发挥党员先锋作用', lead: '', figures: '', closing: '', sections: [{ contributionId: 'c1', title: '当好守门员。', paragraphs: ['正文'] }] };
    await client.saveDraft('zhenggong', '2022-09-15', 'W/"2"', edit);
    await client.approve('2022-09-15', 'zhenggong', 'W/"3"');
    expect(calls.map((call) => `${call.method} ${call.url} ${call.ifMatch}`)).toEqual([
      'PUT /api/bulletins/drafts/2022-09-15/content?series=zhenggong W/"2"', 'POST /api/bulletins/drafts/2022-09-15/approve?series=zhenggong W/"3"',
    ]);
    expect(calls[0]?.body).toEqual(edit);
  });

  it('reads the day routes with the day in the query', async () => {
    const { client, calls } = fake({
      '/api/completeness': ok({ day: '2022-09-07', reported: 1, late: 0, missing: 2, units: [] }),
      '/api/counts/flagged': ok([]),
      '/api/reminders/outbox': ok({ items: [] }),
    });
    await client.completeness('2022-09-07');
    await client.flagged('2022-09-07');
    await client.outbox('2022-09-07');
    expect(calls.map((call) => call.url)).toEqual(['/api/completeness?day=2022-09-07', '/api/counts/flagged?day=2022-09-07', '/api/reminders/outbox?day=2022-09-07']);
  });

  it('turns a refused call into a readable problem', async () => {
    const { client } = fake({
      '/api/volunteers/': () => new Response(JSON.stringify({ title: 'Someone else changed this volunteer\'s placement first.', detail: 'Reload and try again.', status: 409 }),
        { status: 409, headers: { 'Content-Type': 'application/problem+json' } }),
    });
    const error = await client.reassign('v1', 'site-2').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect(problemText(error, 'fallback')).toBe('Someone else changed this volunteer\'s placement first. — Reload and try again.');
  });

  it('downloads an export as a blob named by the server', async () => {
    const { client } = fake({
      '/api/exports/volunteers.csv': () => new Response('\uFEFF姓名,手机号\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="volunteers.csv"; filename*=UTF-8\'\'%E5%BF%97%E6%84%BF%E8%80%85.csv' } }),
    });
    const { blob, fileName } = await client.download('/api/exports/volunteers.csv', 'volunteers.csv');
    expect(fileName).toBe('志愿者.csv');
    expect(await blob.text()).toContain('姓名');
    await expect(client.download('/api/exports/nothing.csv', 'x')).rejects.toMatchObject({ status: 404 });
  });
});

describe('helpers', () => {
  it('builds queries from set values only', () => {
    expect(query({ a: '1', b: '', c: null, d: undefined, e: 0 })).toBe('?a=1&e=0');
    expect(query({})).toBe('');
  });

  it('reads file names from Content-Disposition', () => {
    expect(fileNameOf('attachment; filename="counts.xlsx"')).toBe('counts.xlsx');
    expect(fileNameOf(null)).toBeNull();
  });

  it('lists field errors in the problem text and falls back for other errors', () => {
    expect(problemText(new ProblemError({ title: 'The request has invalid fields.', status: 400, errors: { day: ['A date as yyyy-MM-dd.'] } }), 'x'))
      .toBe('The request has invalid fields. — day: A date as yyyy-MM-dd.');
    expect(problemText(new TypeError('Failed to fetch'), '网络不通')).toBe('网络不通');
  });

  it('finds the sites short of people, most short first, and the sites with people to spare', () => {
    const { short, surplus } = shortAndSurplus([site('a', 10, 9), site('b', 10, 2), site('c', 5, 8), site('d', 5, 0, false), site('e', 4, 4)]);
    expect(short.map((s) => s.id)).toEqual(['b', 'a']);
    expect(surplus.map((s) => s.id)).toEqual(['c']);
  });

  it('takes today in Beijing time, and puts each export\'s range in its query', () => {
    expect(today(new Date('2022-09-15T17:00:00Z'))).toBe('2022-09-16');
    const range = { day: '2022-09-16', from: '2022-09-10', to: '2022-09-16' };
    expect(exportPath('volunteers', 'xlsx', range)).toBe('/api/exports/volunteers.xlsx');
    expect(exportPath('counts', 'csv', range)).toBe('/api/exports/counts.csv?from=2022-09-10&to=2022-09-16');
    expect(exportPath('completeness', 'xlsx', range)).toBe('/api/exports/completeness.xlsx?day=2022-09-16');
  });
});

describe('withETag', () => {
  it('reads the draft\'s ETag under either spelling', async () => {
    const { withETag } = await import('./client');
    const draft = { periodKey: '2022-09-15', eTag: 'W/"1"' } as unknown as Parameters<typeof withETag>[0];
    expect(withETag(draft).etag).toBe('W/"1"');
    expect(withETag({ ...draft, etag: 'W/"2"' }).etag).toBe('W/"2"');
  });
});

describe('application bindings', () => {
  it('lists, binds with PUT and unbinds with DELETE on /api/apps', async () => {
    const binding = { clientId: '8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6b', unitId: 'nj-yibao', unitName: '南京市医保局', name: '医保局上报系统', boundBy: '管理员', boundAt: '2026-12-05T08:00:00+08:00' };
    const { client, calls } = fake({
      '/api/apps/': () => (calls.at(-1)?.method === 'DELETE' ? new Response(null, { status: 204 }) : ok(binding, 201)()),
      '/api/apps': ok({ items: [binding] }),
    });
    await expect(client.applications()).resolves.toEqual({ items: [binding] });
    await expect(client.bindApplication(binding.clientId, 'nj-yibao', '医保局上报系统')).resolves.toEqual(binding);
    await expect(client.unbindApplication(binding.clientId)).resolves.toBeUndefined();
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
      'GET /api/apps', `PUT /api/apps/${binding.clientId}`, `DELETE /api/apps/${binding.clientId}`]);
    expect(calls[1]?.body).toEqual({ unitId: 'nj-yibao', name: '医保局上报系统' });
  });

  it('takes a client id only as a GUID with hyphens', () => {
    expect(isClientId(' 8d2f4c1a-3b5e-4f60-9a7b-1C2D3E4F5A6B ')).toBe(true);
    for (const bad of ['', 'my-app', '8d2f4c1a3b5e4f609a7b1c2d3e4f5a6b', '{8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6b}', '8d2f4c1a-3b5e-4f60-9a7b-1c2d3e4f5a6g']) {
      expect(isClientId(bad)).toBe(false);
    }
  });
});
