// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { mountBatches } from './batches';
import { OrganiseClient, type Team, type UnitPerson } from './client';
import { mountDutyPhone } from './duty-phone';
import { mountShifts } from './shifts';
import { mountTeams } from './teams';

type Call = { url: string; method: string; body: unknown; ifMatch: string | null };
type Route = (url: string, init: RequestInit) => Response | Promise<Response> | undefined;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

function fake(...routes: Route[]): { client: OrganiseClient; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, method: init.method ?? 'GET', body: init.body ? JSON.parse(String(init.body)) : undefined, ifMatch: new Headers(init.headers).get('If-Match') });
    for (const route of routes) {
      const answer = await route(url, init);
      if (answer) return answer;
    }
    return json({ title: 'No such API route.', status: 404 }, 404);
  }) as typeof fetch;
  return { client: new OrganiseClient(fetcher), calls };
}

const on = (method: string, prefix: string, answer: (init: RequestInit, url: string) => Response | Promise<Response>): Route =>
  (url, init) => ((init.method ?? 'GET') === method && url.startsWith(prefix) ? answer(init, url) : undefined);
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
/** An answer held back until the test lets it go: a read still pending when the console switches unit. */
function held(): { answer: Promise<Response>; release: (response: Response) => void } {
  let release: (response: Response) => void = () => undefined;
  const answer = new Promise<Response>((resolve) => { release = resolve; });
  return { answer, release };
}

const person = (volunteerId: string, name: string, siteId: string | null): UnitPerson =>
  ({ volunteerId, name, phoneMasked: '139****0001', siteId, siteName: null, status: 'assigned', role: 'member', teamId: null, teamName: null, partyMember: true });
const people = [person('v-li', '李春雷', 's-1'), person('v-chen', '陈翀', 's-1'), person('v-zhao', '赵行', 's-2')];
const sites = [{ id: 's-1', name: '沪宁高速主线查验点' }, { id: 's-2', name: '玉沙路社区核酸检测点' }];
const context = { unitId: () => 'nj-yibao', sites: () => sites, today: () => '2022-06-01', expired: () => undefined };
const team = (etag: string, name = '南京市市级机关党员突击队'): Team => ({
  teamId: 't-0123456789', unitId: 'nj-yibao', name, kind: 'commando', siteIds: ['s-1'], leaderName: '李春雷', updatedAt: '2022-06-01T08:00:00+00:00', etag,
  members: [{ volunteerId: 'v-li', name: '李春雷', phoneMasked: '139****0001', siteId: 's-1', role: 'site-leader', leader: true },
    { volunteerId: 'v-chen', name: '陈翀', phoneMasked: '139****0002', siteId: 's-1', role: 'member', leader: false }],
});

function check(root: HTMLElement, label: string): void {
  const box = [...root.querySelectorAll<HTMLLabelElement>('label.choice')].find((candidate) => candidate.textContent?.startsWith(label));
  const input = box?.querySelector('input');
  if (!input) throw new Error(`no checkbox ${label}`);
  input.checked = true;
  input.dispatchEvent(new Event('change'));
}

beforeEach(() => {
  localStorage.setItem('frontline.lang', 'zh-CN');
  document.body.replaceChildren();
});

describe('the organiser client', () => {
  it('follows the unit people list page after page with the filters set', async () => {
    const { client, calls } = fake(
      (url) => (url.includes('continuation=next') ? json({ unitId: 'nj-yibao', items: [people[1]], continuation: null }) : undefined),
      on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: [people[0]], continuation: 'next' })));
    const all = await client.allPeople('nj-yibao', { siteId: 's-1', status: 'assigned' });
    expect(all.map((p) => p.name)).toEqual(['李春雷', '陈翀']);
    expect(calls.map((call) => call.url)).toEqual([
      '/api/units/nj-yibao/volunteers?siteId=s-1&status=assigned&take=200',
      '/api/units/nj-yibao/volunteers?siteId=s-1&status=assigned&continuation=next&take=200']);
  });

  it('answers no pattern for a site without one, and reads the pattern ETag under either spelling', async () => {
    const { client } = fake(on('GET', '/api/sites/s-1/', () => json({ title: 'Not found', status: 404, detail: 'Site s-1 has no shift pattern yet (siteId).' }, 404)),
      on('GET', '/api/sites/s-2/', () => json({ siteId: 's-2', kind: 'day', shifts: [], handovers: [], hoursCovered: 0, updatedBy: 'x', updatedAt: '', eTag: 'W/"1"' })));
    expect(await client.pattern('s-1')).toBeNull();
    expect((await client.pattern('s-2'))?.etag).toBe('W/"1"');
  });
});

describe('the teams page', () => {
  it('forms a team of the people ticked at the chosen site, with the leader among them', async () => {
    let teams: Team[] = [];
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/teams', () => json({ unitId: 'nj-yibao', teams })),
      on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: people, continuation: null })),
      on('POST', '/api/units/nj-yibao/teams', () => {
        teams = [team('W/"1"')];
        return json(teams[0], 201);
      }));
    const root = document.createElement('div');
    document.body.append(root);
    const page = mountTeams(root, client, context);
    await page.refresh();

    root.querySelector<HTMLInputElement>('#tm-name')!.value = '南京市市级机关党员突击队';
    check(root, '沪宁高速主线查验点');
    expect([...root.querySelectorAll('#tm-members label.choice')].map((label) => label.textContent)).toEqual(['陈翀（沪宁高速主线查验点）', '李春雷（沪宁高速主线查验点）']);
    check(root, '李春雷');
    check(root, '陈翀');
    root.querySelector<HTMLSelectElement>('#tm-leader')!.value = 'v-li';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ name: '南京市市级机关党员突击队', kind: 'commando', siteIds: ['s-1'], leaderId: 'v-li', memberIds: ['v-chen', 'v-li'] });
    expect(root.querySelector('[data-testid="team-result"]')?.textContent).toBe('已组建“南京市市级机关党员突击队”。');
    const listed = root.querySelector('[data-team-id="t-0123456789"]')!;
    expect(listed.textContent).toContain('党员突击队');
    expect(listed.textContent).toContain('李春雷（负责人）');
    expect(listed.textContent).toContain('139****0002');
    expect(listed.textContent).toContain('点长');
  });

  it('changes a team under its ETag, and when it changed meanwhile shows the current version to change again', async () => {
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/teams', () => json({ unitId: 'nj-yibao', teams: [team('W/"1"')] })),
      on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: people, continuation: null })),
      on('PUT', '/api/units/nj-yibao/teams/t-0123456789', () => json({ title: 'The team changed since it was read.', status: 409, current: team('W/"2"', '玉沙疫情防控党员志愿服务队') }, 409)));
    const root = document.createElement('div');
    document.body.append(root);
    await mountTeams(root, client, context).refresh();

    [...root.querySelectorAll('button')].find((b) => b.textContent === '修改')!.click();
    root.querySelector<HTMLInputElement>('#tm-name')!.value = '改名';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    expect(calls.find((call) => call.method === 'PUT')?.ifMatch).toBe('W/"1"');
    expect(root.querySelector<HTMLInputElement>('#tm-name')!.value).toBe('玉沙疫情防控党员志愿服务队');
    expect(root.querySelector('[data-testid="team-result"]')?.textContent).toContain('已被他人修改');
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.filter((call) => call.method === 'PUT').map((call) => call.ifMatch)).toEqual(['W/"1"', 'W/"2"']);
  });

  it('shows a refusal on the field it names', async () => {
    const { client } = fake(
      on('GET', '/api/units/nj-yibao/teams', () => json({ unitId: 'nj-yibao', teams: [] })),
      on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: people, continuation: null })),
      on('POST', '/api/units/nj-yibao/teams', () => json({ title: 'The request has invalid fields.', status: 400, errors: { leaderId: ['The leader must be a member of the team.'], 'memberIds[0]': ['Not a volunteer of the unit.'] } }, 400)));
    const root = document.createElement('div');
    document.body.append(root);
    await mountTeams(root, client, context).refresh();
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.querySelector('#tm-leader-error')?.textContent).toBe('负责人必须是队员，请同时勾选为队员。');
    expect(root.querySelector('#tm-leader')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('#tm-members-error')?.textContent).toBe('memberIds[0]: Not a volunteer of the unit.');
  });

  it('drops a unit\u2019s teams that arrive after the console switched to another unit', async () => {
    let unit = 'nj-yibao';
    const late = held();
    const { client } = fake(
      on('GET', '/api/units/nj-yibao/teams', () => late.answer),
      on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: people, continuation: null })),
      on('GET', '/api/units/nj-jiangning/teams', () => json({ unitId: 'nj-jiangning', teams: [] })),
      on('GET', '/api/units/nj-jiangning/volunteers', () => json({ unitId: 'nj-jiangning', items: [person('v-wu', '吴一', 's-2')], continuation: null })));
    const root = document.createElement('div');
    document.body.append(root);
    const page = mountTeams(root, client, { ...context, unitId: () => unit });
    const first = page.refresh();
    unit = 'nj-jiangning';
    await page.refresh();
    late.release(json({ unitId: 'nj-yibao', teams: [team('W/"1"')] }));
    await first;
    await settle();
    expect(root.querySelector('[data-team-id="t-0123456789"]')).toBeNull();
    expect([...root.querySelectorAll('#tm-role-person option')].map((option) => option.textContent)).toEqual(['请选择', '吴一（玉沙路社区核酸检测点，队员）']);
  });

  it('sets a person\u2019s role at their site', async () => {
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/teams', () => json({ unitId: 'nj-yibao', teams: [] })),
      on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: people, continuation: null })),
      on('PUT', '/api/volunteers/v-chen/role', () => json({ volunteerId: 'v-chen', unitId: 'nj-yibao', siteId: 's-1', role: 'group-leader' })));
    const root = document.createElement('div');
    document.body.append(root);
    await mountTeams(root, client, context).refresh();
    root.querySelector<HTMLSelectElement>('#tm-role-person')!.value = 'v-chen';
    root.querySelector<HTMLSelectElement>('#tm-role')!.value = 'group-leader';
    root.querySelectorAll('form')[1]!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ role: 'group-leader' });
    expect(root.querySelector('[data-testid="role-result"]')?.textContent).toBe('已设定：陈翀，组长。');
  });
});

describe('the batches page', () => {
  const batch = { batchId: '20220317-abcdefgh', unitId: 'nj-yibao', from: '2022-03-17', to: '2022-04-06', people: 3, registered: 1, sites: [{ siteId: 's-1', people: 3, registered: 1 }],
    names: [{ name: '李春雷', siteId: 's-1', registered: true }], replaces: null, replacedBy: null, status: 'active', createdAt: '2022-03-16T08:00:00+00:00' };

  it('lists the batches with the unit figures, and shows a reversed date on the field it names', async () => {
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/batches', () => json({ unitId: 'nj-yibao', day: '2022-06-01', onDuty: 3, registeredOnDuty: 1, addedOnDuty: 2, personTimes: 11, batches: 3, items: [batch] })),
      on('POST', '/api/units/nj-yibao/batches', () => json({ title: 'The request has invalid fields.', status: 400, errors: { to: ['Not before from.'] } }, 400)));
    const root = document.createElement('div');
    document.body.append(root);
    await mountBatches(root, client, context).refresh();

    expect(root.querySelector('[data-testid="batch-summary"]')?.textContent).toBe('2022年6月1日在岗 3 人（其中已报名的志愿者 1 人），累计 11 人次，共 3 批。');
    expect(root.querySelector('[data-batch-id="20220317-abcdefgh"] h4')?.textContent).toBe('2022年3月17日至2022年4月6日');
    root.querySelector<HTMLInputElement>('#bt-to')!.value = '2022-03-01';
    root.querySelector<HTMLSelectElement>('#bt-site-0')!.value = 's-1';
    root.querySelector<HTMLInputElement>('#bt-people-0')!.value = '4';
    root.querySelector<HTMLSelectElement>('#bt-replaces')!.value = '20220317-abcdefgh';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ from: '2022-06-01', to: '2022-03-01', sites: [{ siteId: 's-1', people: 4 }], replaces: '20220317-abcdefgh' });
    expect(root.querySelector('#bt-to-error')?.textContent).toBe('Not before from.');
    expect(document.activeElement?.id).toBe('bt-to');
  });

  it('drops a unit\u2019s batches that arrive after the console switched to another unit', async () => {
    let unit = 'nj-yibao';
    const late = held();
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/batches', () => late.answer),
      on('GET', '/api/units/nj-jiangning/batches', () => json({ unitId: 'nj-jiangning', day: '2022-06-01', onDuty: 0, registeredOnDuty: 0, addedOnDuty: 0, personTimes: 0, batches: 0, items: [] })));
    const root = document.createElement('div');
    document.body.append(root);
    const page = mountBatches(root, client, { ...context, unitId: () => unit });
    const first = page.refresh();
    unit = 'nj-jiangning';
    await page.refresh();
    late.release(json({ unitId: 'nj-yibao', day: '2022-06-01', onDuty: 3, registeredOnDuty: 1, addedOnDuty: 2, personTimes: 11, batches: 1, items: [batch] }));
    await first;
    await settle();
    expect(root.querySelector('[data-batch-id="20220317-abcdefgh"]')).toBeNull();
    expect(root.querySelector('[data-testid="batches"]')?.textContent).toBe('本单位还没有登记派出批次。');
    expect(root.querySelector('[data-testid="batch-summary"]')?.textContent).toContain('共 0 批');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('withdraws a batch and reads the list again', async () => {
    let withdrawn = false;
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/batches', () => json({ unitId: 'nj-yibao', day: '2022-06-01', onDuty: 0, registeredOnDuty: 0, addedOnDuty: 0, personTimes: 0, batches: 1,
        items: [{ ...batch, status: withdrawn ? 'withdrawn' : 'active' }] })),
      on('POST', '/api/units/nj-yibao/batches/20220317-abcdefgh/withdraw', () => {
        withdrawn = true;
        return json({ ...batch, status: 'withdrawn' });
      }));
    const root = document.createElement('div');
    document.body.append(root);
    let changed = 0;
    await mountBatches(root, client, { ...context, changed: () => { changed += 1; } }).refresh();
    [...root.querySelectorAll('button')].find((b) => b.textContent === '撤回此批')!.click();
    await settle();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual(['/api/units/nj-yibao/batches/20220317-abcdefgh/withdraw']);
    expect(changed).toBe(1);
    expect(root.querySelector('[data-batch-id="20220317-abcdefgh"] h4')?.textContent).toBe('2022年3月17日至2022年4月6日（已撤回）');
  });
});

describe('the shifts page', () => {
  const pattern = { siteId: 's-1', kind: 'day', shifts: [{ id: '0600-1000', start: '06:00', end: '10:00', hours: 4 }, { id: '1000-1400', start: '10:00', end: '14:00', hours: 4 }],
    handovers: [], hoursCovered: 8, updatedBy: 'office', updatedAt: '2022-06-01T00:00:00+00:00', etag: 'W/"p1"' };
  const duty = { siteId: 's-1', siteName: '沪宁高速主线查验点', day: '2022-06-01', unitId: 'nj-yibao', patternKind: 'day', people: 1, personTimes: 2, dutyHours: 8, indicator: 'duty-hours', units: [],
    shifts: [{ id: '0600-1000', start: '06:00', end: '10:00', hours: 4, onPattern: true, people: 1, who: [{ volunteerId: 'v-li', name: '李春雷', unitId: 'nj-yibao' }] },
      { id: '1000-1400', start: '10:00', end: '14:00', hours: 4, onPattern: true, people: 1, who: [{ volunteerId: 'v-li', name: '李春雷', unitId: 'nj-yibao' }] }] };
  const base = [
    on('GET', '/api/sites/s-1/shift-pattern', () => json(pattern)),
    on('GET', '/api/units/nj-yibao/volunteers', () => json({ unitId: 'nj-yibao', items: people.slice(0, 2), continuation: null })),
    on('GET', '/api/sites/s-1/duty', () => json(duty)),
    on('GET', '/api/units/nj-yibao/batches', () => json({ unitId: 'nj-yibao', day: '2022-06-01', onDuty: 0, registeredOnDuty: 0, addedOnDuty: 0, personTimes: 0, batches: 0, items: [] })),
  ];

  it('shows the pattern and the day\u2019s duty, gives a person shifts, and says an overlap on the shifts', async () => {
    let refuse = false;
    const { client, calls } = fake(...base, on('PUT', '/api/volunteers/v-li/shifts/2022-06-01', () => (refuse
      ? json({ title: 'The shifts overlap.', status: 409, errors: { 'shifts[0]': ['Overlaps the night shift of the day before.'] } }, 409)
      : json({ day: '2022-06-01', siteId: 's-1', shifts: pattern.shifts, hours: 8 }))));
    const root = document.createElement('div');
    document.body.append(root);
    await mountShifts(root, client, { ...context, canEditPattern: false }).refresh();

    expect(root.querySelector('[data-testid="shift-pattern"]')?.textContent).toContain('06:00–10:00（4 小时）');
    expect(root.querySelector<HTMLFormElement>('form[aria-labelledby="sh-pattern-form-heading"]')!.hidden).toBe(true);
    expect(root.querySelector('[data-testid="duty-totals"]')?.textContent).toBe('在岗 1 人，2 人次，值守 8 小时。');
    expect(root.querySelector('[data-testid="duty"] caption')?.textContent).toBe('沪宁高速主线查验点2022年6月1日值班表');

    root.querySelector<HTMLSelectElement>('#sh-person')!.value = 'v-li';
    check(root, '06:00–10:00');
    check(root, '10:00–14:00');
    const give = root.querySelector<HTMLFormElement>('form[aria-labelledby="sh-give-heading"]')!;
    give.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ shifts: [{ start: '06:00', end: '10:00' }, { start: '10:00', end: '14:00' }] });
    expect(root.querySelector('[data-testid="shift-result"]')?.textContent).toBe('已为李春雷排好2022年6月1日的 2 个班次，共 8 小时。');

    refuse = true;
    give.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.querySelector('#sh-shifts-error')?.textContent).toBe('shifts[0]: Overlaps the night shift of the day before.');
  });

  it('offers the unit\u2019s batch people on duty at the site that day, gives one shifts, marks them in the duty table and says a refused day on the day', async () => {
    const named = (name: string, siteId: string, personId: string | null) => ({ name, siteId, registered: personId === null, personId });
    const batch = (batchId: string, from: string, to: string, status: string, names: ReturnType<typeof named>[]) => ({
      batchId, unitId: 'nj-yibao', from, to, people: names.length, registered: 0, sites: [{ siteId: 's-1', people: names.length, registered: 0 }], names,
      replaces: null, replacedBy: null, status, createdAt: '2022-05-19T08:00:00+00:00' });
    const batches = [
      batch('20220520-abcdefgh', '2022-05-20', '2022-06-10', 'active',
        [named('程批次', 's-1', 'b-nj-yibao-20220520-abcdefgh-1'), named('窦批次', 's-2', 'b-nj-yibao-20220520-abcdefgh-2'), named('李春雷', 's-1', null)]),
      batch('20220521-withdrwn', '2022-05-21', '2022-06-30', 'withdrawn', [named('撤批次', 's-1', 'b-nj-yibao-20220521-withdrwn-1')]),
      batch('20220615-laterbch', '2022-06-15', '2022-06-30', 'active', [named('后批次', 's-1', 'b-nj-yibao-20220615-laterbch-1')]),
    ];
    let given = false;
    let refuse = false;
    const who = (volunteerId: string, name: string, fromBatch: boolean) => ({ volunteerId, name, unitId: 'nj-yibao', fromBatch });
    const { client, calls } = fake(
      on('GET', '/api/units/nj-yibao/batches', () => json({ unitId: 'nj-yibao', day: '2022-06-01', onDuty: 3, registeredOnDuty: 1, addedOnDuty: 2, personTimes: 4, batches: 2, items: batches })),
      on('GET', '/api/sites/s-1/duty', () => json(given
        ? { ...duty, people: 2, personTimes: 3, dutyHours: 12, shifts: [{ ...duty.shifts[0]!, people: 2, who: [who('v-li', '李春雷', false), who('b-nj-yibao-20220520-abcdefgh-1', '程批次', true)] }, duty.shifts[1]!] }
        : duty)),
      on('PUT', '/api/volunteers/b-nj-yibao-20220520-abcdefgh-1/shifts/', () => {
        if (refuse) return json({ title: 'The day is outside the batch.', status: 409, errors: { day: ['Not within the batch\u2019s days (2022-05-20 to 2022-06-10).'] } }, 409);
        given = true;
        return json({ day: '2022-06-01', siteId: 's-1', shifts: [pattern.shifts[0]], hours: 4 });
      }),
      ...base);
    const root = document.createElement('div');
    document.body.append(root);
    const page = mountShifts(root, client, { ...context, canEditPattern: false });
    await page.refresh();

    const offered = () => [...root.querySelectorAll<HTMLOptionElement>('#sh-person option')].map((option) => [option.value, option.textContent]);
    expect(offered()).toEqual([['', '请选择'], ['v-li', '李春雷'], ['v-chen', '陈翀'], ['b-nj-yibao-20220520-abcdefgh-1', '程批次（派出批次人员）']]);

    root.querySelector<HTMLSelectElement>('#sh-person')!.value = 'b-nj-yibao-20220520-abcdefgh-1';
    check(root, '06:00–10:00');
    const give = root.querySelector<HTMLFormElement>('form[aria-labelledby="sh-give-heading"]')!;
    give.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.find((call) => call.method === 'PUT')).toMatchObject({ url: '/api/volunteers/b-nj-yibao-20220520-abcdefgh-1/shifts/2022-06-01', body: { shifts: [{ start: '06:00', end: '10:00' }] } });
    expect(root.querySelector('[data-testid="shift-result"]')?.textContent).toBe('已为程批次排好2022年6月1日的 1 个班次，共 4 小时。');
    expect(root.querySelector('[data-testid="duty"] tbody tr td:last-child')?.textContent).toBe('李春雷、程批次（派出批次）');

    refuse = true;
    give.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.querySelector('#sh-day-error')?.textContent).toBe('Not within the batch\u2019s days (2022-05-20 to 2022-06-10).');
    expect(root.querySelector('#sh-day')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('sh-day');

    // Another day offers that day's batch people: the first batch has ended, a later one has begun.
    const day = root.querySelector<HTMLInputElement>('#sh-day')!;
    day.value = '2022-06-20';
    day.dispatchEvent(new Event('change'));
    await settle();
    expect(offered().map(([, label]) => label)).toEqual(['请选择', '李春雷', '陈翀', '后批次（派出批次人员）']);

    // A batch recorded meanwhile (the batches page says so) is offered without choosing the site again.
    batches.push(batch('20220619-newbatch', '2022-06-19', '2022-06-25', 'active', [named('新批次', 's-1', 'b-nj-yibao-20220619-newbatch-1')]));
    await page.batchesChanged();
    expect(offered().map(([, label]) => label)).toEqual(['请选择', '李春雷', '陈翀', '后批次（派出批次人员）', '新批次（派出批次人员）']);
  });

  it('lets a Coordinator change the pattern over the version read, and on a 412 shows it as it is now', async () => {
    let stale = true;
    const { client, calls } = fake(...base, on('PUT', '/api/sites/s-1/shift-pattern', () => (stale
      ? json({ title: 'The pattern changed since it was read.', status: 412 }, 412)
      : json({ ...pattern, kind: 'round-the-clock', handovers: ['00:00', '08:00', '16:00'], hoursCovered: 24, etag: 'W/"p2"' }))));
    const root = document.createElement('div');
    document.body.append(root);
    await mountShifts(root, client, { ...context, canEditPattern: true }).refresh();
    const form = root.querySelector<HTMLFormElement>('form[aria-labelledby="sh-pattern-form-heading"]')!;
    expect(form.hidden).toBe(false);
    expect(root.querySelector<HTMLTextAreaElement>('#sh-lines')!.value).toBe('06:00-10:00\n10:00-14:00');

    root.querySelector<HTMLSelectElement>('#sh-kind')!.value = 'round-the-clock';
    root.querySelector<HTMLTextAreaElement>('#sh-lines')!.value = '00:00、08:00、16:00';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.find((call) => call.method === 'PUT')).toMatchObject({ ifMatch: 'W/"p1"', body: { handovers: ['00:00', '08:00', '16:00'] } });
    expect(root.querySelector('[data-testid="pattern-result"]')?.textContent).toContain('已被他人修改');
    expect(root.querySelector<HTMLTextAreaElement>('#sh-lines')!.value).toBe('06:00-10:00\n10:00-14:00');

    stale = false;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.querySelector('[data-testid="pattern-result"]')?.textContent).toBe('班次已保存。');
    expect(root.querySelector('[data-testid="shift-pattern"]')?.textContent).toContain('24小时值守');
  });

  it('keeps what the office is typing into the pattern form when the same site is read again, and fills it afresh for another site', async () => {
    const other = { ...pattern, siteId: 's-2', shifts: [{ id: '0800-1600', start: '08:00', end: '16:00', hours: 8 }], hoursCovered: 8 };
    // Another coordinator changes s-1's pattern between the first read and the second.
    let reads = 0;
    const changed = { ...pattern, shifts: [pattern.shifts[0]!], hoursCovered: 4, etag: 'W/"p2"' };
    const { client, calls } = fake(on('GET', '/api/sites/s-1/shift-pattern', () => json(reads++ === 0 ? pattern : changed)),
      on('PUT', '/api/sites/s-1/shift-pattern', () => json({ title: 'The pattern changed since it was read.', status: 412 }, 412)),
      ...base, on('GET', '/api/sites/s-2/shift-pattern', () => json(other)), on('GET', '/api/sites/s-2/duty', () => json({ ...duty, siteId: 's-2', shifts: [] })));
    const root = document.createElement('div');
    document.body.append(root);
    const page = mountShifts(root, client, { ...context, canEditPattern: true });
    await page.refresh();
    const lines = root.querySelector<HTMLTextAreaElement>('#sh-lines')!;
    lines.value = '08:00-12:00\n12:00-16:00';

    // An empty pattern is said on the field in the page's language, and nothing is sent.
    lines.value = '  ';
    root.querySelector<HTMLFormElement>('form[aria-labelledby="sh-pattern-form-heading"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.querySelector('#sh-lines-error')?.textContent).toContain('请填写班次');
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);
    lines.value = '08:00-12:00\n12:00-16:00';

    // The console reads the site again (the unit chosen again) while the office types: the typing stays, and is sent
    // over the version it was started from, so the change made meanwhile is a 412, not overwritten.
    await page.refresh();
    expect(lines.value).toBe('08:00-12:00\n12:00-16:00');
    expect(root.querySelector('[data-testid="shift-pattern"]')?.textContent).not.toContain('10:00–14:00');
    root.querySelector<HTMLFormElement>('form[aria-labelledby="sh-pattern-form-heading"]')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.find((call) => call.method === 'PUT')?.ifMatch).toBe('W/"p1"');
    expect(root.querySelector('[data-testid="pattern-result"]')?.textContent).toContain('已被他人修改');

    const site = root.querySelector<HTMLSelectElement>('#sh-site')!;
    site.value = 's-2';
    site.dispatchEvent(new Event('change'));
    await settle();
    expect(lines.value).toBe('08:00-16:00');
  });
});

describe('the duty phone form', () => {
  it('says the line is public, and shows a refusal on the phone field', async () => {
    const { client } = fake(on('PUT', '/api/sites/s-1/duty-phone', () => json({ title: 'The request has invalid fields.', status: 400, errors: { dutyPhone: ['A phone number.'] } }, 400)));
    const root = document.createElement('div');
    document.body.append(root);
    mountDutyPhone(root, client, { sites: () => sites, expired: () => undefined }).refresh();
    expect(root.querySelector('.public-note')?.textContent).toContain('公开显示');
    root.querySelector<HTMLInputElement>('#dp-phone')!.value = 'abc';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(root.querySelector('#dp-phone-error')?.textContent).toBe('A phone number.');
  });
});
