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
  const series = [
    { seriesId: 'zhenggong', kind: 'public', title: '政工简讯', shortName: '四川省地方志办', office: '四川省地方志工作办公室', cadence: 'daily', requireReview: true },
    { seriesId: 'ribao', kind: 'internal', title: '工作日报', shortName: '指挥部办公室', office: '前线志愿服务指挥部办公室', cadence: 'daily', requireReview: false },
  ];
  const draft = (etag: string, sections: { title: string; contributionId: string | null; contributedBy: string | null }[], status = 'draft') => ({
    seriesId: 'zhenggong', periodKey: '2022-09-15', periodLabel: '9月15日', status, headline: '发挥党员先锋作用 助力成都疫情防控', composedAt: '2022-09-16T08:30:00+08:00',
    editedBy: null, editedAt: null, reviewer: status === 'approved' ? '何晓波' : null, html: '<p class="lead">导语</p>', etag,
    content: { headline: '发挥党员先锋作用 助力成都疫情防控', lead: '导语', figures: '数据', closing: '结束', sections: sections.map((section) => ({ ...section, paragraphs: ['正文一', '正文二'] })) },
  });
  const first = { title: '当好守门员。', contributionId: null, contributedBy: null };
  const piece = { title: '两天当组长', contributionId: 'c1', contributedBy: '四川省地方志办机关党委' };

  it('opens a draft, moves a section, saves with If-Match and approves the saved version', async () => {
    const puts: { body: unknown; ifMatch: string | null }[] = [];
    let stored = draft('W/"1"', [first, piece]);
    const approvals: (string | null)[] = [];
    const { client: api } = client(
      (url) => url === '/api/bulletins/series' ? json(series) : undefined,
      (url) => url === '/api/bulletins/drafts?series=zhenggong' ? json([stored]) : undefined,
      (url) => url === '/api/bulletins/drafts/2022-09-15/content?series=zhenggong' ? json(stored) : undefined,
      (url) => url.startsWith('/api/contributions?from=2022-09-15&to=2022-09-15') ? json([]) : undefined,
    );
    const fetcher = (api as unknown as { fetcher: typeof fetch }).fetcher;
    (api as unknown as { fetcher: typeof fetch }).fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      const ifMatch = new Headers(init.headers).get('If-Match');
      if (init.method === 'PUT' && url === '/api/bulletins/drafts/2022-09-15/content?series=zhenggong') {
        puts.push({ body: JSON.parse(String(init.body)), ifMatch });
        stored = draft('W/"2"', [piece, first]);
        return json(stored);
      }
      if (init.method === 'POST' && url === '/api/bulletins/drafts/2022-09-15/approve?series=zhenggong') {
        approvals.push(ifMatch);
        stored = draft('W/"3"', [piece, first], 'approved');
        return json(stored);
      }
      return fetcher(input, init);
    }) as typeof fetch;

    await mountDrafts(root, api, context)();
    expect([...root.querySelectorAll('#drafts-series option')].map((option) => option.textContent)).toEqual(['四川省地方志办政工简讯', '指挥部办公室工作日报（内部）']);
    root.querySelector<HTMLButtonElement>('li[data-period="2022-09-15"] button')!.click();
    await settle(); await settle(); await settle();

    expect(root.querySelector<HTMLInputElement>('#editor-headline')!.value).toBe('发挥党员先锋作用 助力成都疫情防控');
    root.querySelector<HTMLButtonElement>('#section-1-up')!.click();
    expect(document.activeElement?.id).toBe('section-0-down');
    expect(root.querySelector('li[data-section="1"]')!.getAttribute('data-contribution-id')).toBe('c1');
    root.querySelector<HTMLButtonElement>('#editor-approve')!.click();
    await settle();
    expect(root.querySelector('#editor-message')!.textContent).toBe('有尚未保存的修改，请先保存，再审核通过。');

    root.querySelector('form#draft-editor-form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(); await settle(); await settle();
    expect(puts).toEqual([{ ifMatch: 'W/"1"', body: {
      headline: '发挥党员先锋作用 助力成都疫情防控', lead: '导语', figures: '数据', closing: '结束',
      sections: [{ contributionId: 'c1', title: '两天当组长', paragraphs: ['正文一', '正文二'] }, { title: '当好守门员。', paragraphs: ['正文一', '正文二'] }],
    } }]);
    expect(root.querySelector('#editor-message')!.textContent).toBe('9月15日 的草稿已保存。');

    root.querySelector<HTMLButtonElement>('#editor-approve')!.click();
    await settle(); await settle(); await settle(); await settle();
    expect(approvals).toEqual(['W/"2"']);
    expect(root.querySelector('#editor-status')!.textContent).toContain('已审核（终审：何晓波）');
  });

  it('loads the version someone else saved first and says so', async () => {
    const theirs = draft('W/"5"', [piece]);
    const { client: api } = client(
      (url) => url === '/api/bulletins/series' ? json(series) : undefined,
      (url) => url === '/api/bulletins/drafts?series=zhenggong' ? json([draft('W/"4"', [first])]) : undefined,
      (url, init) => init.method === 'PUT' ? json({ title: 'The draft was changed by someone else since you read it.', status: 409, current: theirs }, 409) : undefined,
      (url) => url === '/api/bulletins/drafts/2022-09-15/content?series=zhenggong' ? json(draft('W/"4"', [first])) : undefined,
      (url) => url.startsWith('/api/contributions') ? json([]) : undefined,
    );
    await mountDrafts(root, api, context)();
    root.querySelector<HTMLButtonElement>('li[data-period="2022-09-15"] button')!.click();
    await settle(); await settle(); await settle();
    root.querySelector('form#draft-editor-form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(); await settle(); await settle(); await settle();

    expect(root.querySelector('#editor-message')!.textContent).toContain('有人在您之前保存了这份草稿');
    expect(root.querySelector<HTMLInputElement>('#section-0-title')!.value).toBe('两天当组长');
    expect(root.querySelector('li[data-section="1"]')!.getAttribute('data-contribution-id')).toBe('c1');
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
