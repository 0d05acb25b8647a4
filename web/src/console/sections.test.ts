// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient } from './client';
import { mountCompleteness } from './completeness';
import type { SectionContext } from './dom';
import { mountDrafts } from './drafts';
import { mountPoison } from './poison';
import { mountShortSites } from './short-sites';

type Route = (url: string, init: RequestInit) => Response | undefined;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

function client(...routes: Route[]): { client: ConsoleClient; posts: string[] } {
  const posts: string[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (init.method === 'POST') posts.push(url);
    for (const route of routes) {
      const answer = route(url, init);
      if (answer) return answer;
    }
    return json({ title: 'No such API route.', status: 404 }, 404);
  }) as typeof fetch;
  return { client: new ConsoleClient(fetcher), posts };
}

const context: SectionContext = { day: () => '2022-09-16', changed: () => {} };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
let root: HTMLElement;

beforeEach(() => {
  document.body.innerHTML = '<section id="root"><h2>x</h2></section>';
  root = document.getElementById('root')!;
});

describe('completeness', () => {
  it('lists units and shows a unit\'s missing sites when its button is pressed', async () => {
    const { client: api } = client((url) => url.startsWith('/api/completeness?day=2022-09-16') ? json({
      day: '2022-09-16', reported: 1, late: 0, missing: 2, units: [
        { unitId: 'nj-yibao', name: '南京市医保局', reported: 1, late: 0, missing: 2, sites: [
          { siteId: 's1', name: '沪宁高速主线查验点', status: 'missing', submittedAt: null, version: null, flagged: false },
          { siteId: 's2', name: '三牌楼社区', status: 'reported', submittedAt: '2022-09-16T09:00:00+08:00', version: 1, flagged: false },
          { siteId: 's3', name: '三牌楼社区核酸检测点', status: 'missing', submittedAt: null, version: null, flagged: false },
        ] },
      ],
    }) : undefined);
    await mountCompleteness(root, api, context)();

    const toggle = root.querySelector<HTMLButtonElement>('li[data-unit-id=nj-yibao] button')!;
    const missing = root.querySelector<HTMLElement>('#missing-nj-yibao')!;
    expect(root.textContent).toContain('已报 1 个点位');
    expect(missing.hidden).toBe(true);
    toggle.click();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(missing.hidden).toBe(false);
    expect([...missing.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['沪宁高速主线查验点', '三牌楼社区核酸检测点']);
  });

  it('shows a refusal as the problem\'s own words', async () => {
    const { client: api } = client(() => json({ title: 'Not allowed.', detail: 'Coordinator only.', status: 403 }, 403));
    await mountCompleteness(root, api, context)();
    const status = root.querySelector<HTMLElement>('[role=status]')!;
    expect(status.textContent).toBe('Not allowed. — Coordinator only.');
    expect(status.className).toBe('error');
  });
});

describe('drafts', () => {
  it('approves a draft and reloads the list', async () => {
    let approved = false;
    const { client: api, posts } = client(
      (url, init) => url === '/api/bulletins/drafts/2022-09-16/approve' && init.method === 'POST'
        ? (approved = true, json({ periodKey: '2022-09-16', outcome: 'published', year: 2022, number: 36, totalNumber: 97 })) : undefined,
      (url) => url === '/api/bulletins/drafts'
        ? json(approved ? [] : [{ periodKey: '2022-09-16', headline: '协助核酸检测超过3000人次', composedAt: '2022-09-16T08:30:00+08:00', html: '<p>正文</p>' }]) : undefined,
    );
    await mountDrafts(root, api, context)();
    const approve = root.querySelector<HTMLButtonElement>('li[data-period="2022-09-16"] button')!;
    expect(approve.getAttribute('aria-label')).toBe('审核通过并发布 2022-09-16');

    approve.click();
    await settle(); await settle(); await settle();

    expect(posts).toEqual(['/api/bulletins/drafts/2022-09-16/approve']);
    expect(root.querySelector('[role=status]')!.textContent).toBe('2022-09-16 已发布：第36期（总第97期）。');
    expect(root.querySelector('li[data-period]')).toBeNull();
  });
});

describe('poison', () => {
  it('lists messages with their reason and replays one', async () => {
    let replayed = false;
    const { client: api, posts } = client(
      (url) => url === '/api/queues/reminders/poison/m1/replay' ? (replayed = true, new Response(null, { status: 202 })) : undefined,
      (url) => url === '/api/queues/poison' ? json({ queues: [
        { queue: 'registrations', messages: [] },
        { queue: 'reminders', messages: replayed ? [] : [{ messageId: 'm1', insertedOn: '2022-09-16T00:00:00Z', dequeueCount: 5, reason: 'InvalidOperationException: quota exceeded', summary: 'day 2022-09-16, unit nj-yibao' }] },
      ] }) : undefined,
    );
    await mountPoison(root, api)();
    expect(root.textContent).toContain('reminders（1 条）');
    expect(root.textContent).toContain('quota exceeded');
    expect(root.textContent).not.toContain('registrations');

    root.querySelector<HTMLButtonElement>('li[data-message-id=m1] button')!.click();
    await settle(); await settle(); await settle();

    expect(posts).toEqual(['/api/queues/reminders/poison/m1/replay']);
    expect(root.textContent).toContain('消息 m1 已放回队列重新处理');
    expect(root.textContent).toContain('没有处理失败的消息');
  });
});

describe('short sites', () => {
  it('offers waitlisted and surplus volunteers for a short site and moves the chosen one', async () => {
    let moved = false;
    const site = (id: string, name: string, needed: number, assigned: number) => ({ id, name, type: 'community', community: 'c', district: null, address: null, needed, assigned, open: true });
    const person = (volunteerId: string, name: string, status: string, siteId: string | null, siteName: string | null) =>
      ({ volunteerId, name, phoneMasked: '139****0001', unitId: 'u', unitName: 'U', homeCommunity: null, siteId, siteName, status, skills: [], partyMember: true, registeredAt: '2022-09-01T00:00:00Z' });
    const { client: api, posts } = client(
      (url) => url === '/api/sites' ? json(moved ? [site('short', '玉沙路社区', 3, 2), site('spare', '三牌楼社区', 1, 1)] : [site('short', '玉沙路社区', 3, 1), site('spare', '三牌楼社区', 1, 2)]) : undefined,
      (url) => url.startsWith('/api/volunteers?status=waitlisted') ? json({ items: [person('w1', '候补甲', 'waitlisted', null, null)], continuation: null }) : undefined,
      (url) => url.startsWith('/api/volunteers?siteId=spare') ? json({ items: [person('a1', '张伟', 'assigned', 'spare', '三牌楼社区')], continuation: null }) : undefined,
      (url, init) => url === '/api/volunteers/a1/reassign' && init.method === 'POST' ? (moved = true, json({ volunteerId: 'a1', fromSiteId: 'spare', toSiteId: 'short', status: 'assigned' })) : undefined,
    );
    await mountShortSites(root, api, context).refresh();
    const item = root.querySelector<HTMLElement>('li[data-site-id=short]')!;
    expect(root.querySelector('li[data-site-id=spare]')).toBeNull();

    item.querySelector<HTMLButtonElement>('button')!.click();
    await settle(); await settle(); await settle();
    const who = item.querySelector<HTMLSelectElement>('select')!;
    expect([...who.options].map((option) => option.textContent)).toEqual(['候补甲 · 139****0001 · 候补', '张伟 · 139****0001 · 三牌楼社区']);
    who.value = 'a1';
    item.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(); await settle(); await settle();

    expect(posts).toEqual(['/api/volunteers/a1/reassign']);
    expect(root.querySelector('[role=status]')!.textContent).toBe('已将张伟调到玉沙路社区（需要 3 人，已分配 2 人）。原点位：三牌楼社区：需要 1 人，已分配 1 人。');
    expect(root.querySelector('li[data-site-id=short] .site-figures')!.textContent).toContain('已分配 2 人');
  });
});
