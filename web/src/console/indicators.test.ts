// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ConsoleClient, type Indicator, type IndicatorSet } from './client';
import { boundsText, indicatorsFor, isIndicatorCode, mountIndicators } from './indicators';

const indicator = (code: string, over: Partial<Indicator> = {}): Indicator => ({
  code, nameZh: code, nameEn: code, unit: '人次', unitEn: 'person-times', kind: 'count', aggregation: 'sum',
  min: 0, max: 1000, siteTypes: ['checkpoint'], required: false, order: 10, retired: false, ...over,
});

const set = (version: number, indicators: Indicator[]): IndicatorSet =>
  ({ version, siteType: null, indicators, rules: [], changedBy: 'admin', changedAt: '2026-12-05T00:00:00Z', change: 'seeded' });

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('indicator helpers', () => {
  it('accept the codes the API accepts and no others', () => {
    for (const code of ['on-duty', 'make-up-tests', 'ab', 'duty-hours2']) expect(isIndicatorCode(code)).toBe(true);
    for (const code of ['On-Duty', 'x', '1st', 'on--duty', 'on-duty-', 'on_duty', '在岗', 'versions', 'a'.repeat(41)]) expect(isIndicatorCode(code)).toBe(false);
  });

  it('show bounds with the unit word in the reader\'s language', () => {
    expect(boundsText({ min: 0, max: 5000, unit: '人次', unitEn: 'person-times' }, 'zh-CN')).toBe('0–5,000 人次');
    expect(boundsText({ min: 0, max: 12.5, unit: '小时', unitEn: 'hours' }, 'en')).toBe('0–12.5 hours');
  });

  it('list a site type\'s indicators in order, retired ones last', () => {
    const all = set(3, [indicator('b', { order: 20 }), indicator('old', { order: 1, retired: true }), indicator('a', { order: 20 }), indicator('first', { order: 5 }),
      indicator('elsewhere', { siteTypes: ['community'] })]);
    expect(indicatorsFor(all, 'checkpoint').map((i) => i.code)).toEqual(['first', 'a', 'b', 'old']);
    expect(indicatorsFor(all, '').map((i) => i.code)).toContain('elsewhere');
  });
});

describe('the indicators section', () => {
  let root: HTMLElement;
  beforeEach(() => {
    document.body.replaceChildren();
    root = document.createElement('section');
    document.body.append(root);
  });

  it('lists the set with its version, adds with If-None-Match and edits on the version read', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    let current = set(4, [indicator('vehicles-diverted', { nameZh: '劝返分流车辆', unit: '辆', unitEn: 'vehicles' })]);
    const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = String(input);
      calls.push({ url, init });
      if (url === '/api/indicators') return json(current);
      if (url.startsWith('/api/indicators/') && init.method === 'PUT') {
        const code = decodeURIComponent(url.split('/').pop()!);
        const body = JSON.parse(String(init.body)) as Indicator;
        current = set(current.version + 1, [...current.indicators.filter((i) => i.code !== code), { ...body, code, unitEn: 'people', retired: false }]);
        return json(current, 201);
      }
      return json({ title: 'No such API route.', status: 404 }, 404);
    }) as typeof fetch;

    const section = mountIndicators(root, new ConsoleClient(fetcher), () => 'zh-CN');
    await section.refresh();

    expect(root.querySelector('[data-testid="indicator-version"]')?.textContent).toContain('4');
    expect(root.querySelector('[data-testid="indicators"]')?.textContent).toContain('劝返分流车辆');
    expect(root.querySelector('[data-testid="indicators"]')?.textContent).toContain('0–1,000 辆');

    (root.querySelector('#indicator-code') as HTMLInputElement).value = 'people-turned-back';
    (root.querySelector('#indicator-name-zh') as HTMLInputElement).value = '劝返人员';
    (root.querySelector('#indicator-name-en') as HTMLInputElement).value = 'People turned back';
    (root.querySelector('#indicator-max') as HTMLInputElement).value = '500';
    (root.querySelector('#indicator-type-checkpoint') as HTMLInputElement).checked = true;
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    const added = calls.find((call) => call.init.method === 'PUT')!;
    expect(added.url).toBe('/api/indicators/people-turned-back');
    expect(new Headers(added.init.headers).get('If-None-Match')).toBe('*');
    expect(JSON.parse(String(added.init.body))).toMatchObject({ nameZh: '劝返人员', max: 500, siteTypes: ['checkpoint'], kind: 'count', unit: '人' });
    expect(root.querySelector('[role="status"]')?.textContent).toContain('5');

    const edit = [...root.querySelectorAll('button')].find((b) => b.getAttribute('aria-label') === '修改 劝返人员')!;
    edit.click();
    await settle();
    expect((root.querySelector('#indicator-code') as HTMLInputElement).disabled).toBe(true);
    (root.querySelector('#indicator-max') as HTMLInputElement).value = '800';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    const changed = calls.filter((call) => call.init.method === 'PUT')[1]!;
    expect(new Headers(changed.init.headers).get('If-Match')).toBe('"5"');
    expect(JSON.parse(String(changed.init.body)).max).toBe(800);
  });

  it('says what the API refused, naming the field', async () => {
    const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      if (init.method === 'PUT') return json({ title: 'The request has invalid fields.', status: 400, errors: { max: ['Cannot be below min (10).'] } }, 400);
      return json(set(1, []));
    }) as typeof fetch;
    const section = mountIndicators(root, new ConsoleClient(fetcher), () => 'en');
    await section.refresh();

    (root.querySelector('#indicator-code') as HTMLInputElement).value = 'reversed';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    expect(root.querySelector('[role="status"]')?.textContent).toContain('max: Cannot be below min (10).');
  });
});
