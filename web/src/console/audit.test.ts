// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useToken } from '../api';
import { storageKey } from '../i18n';
import { actionName, auditTime, mountAudit, translateAuditMessage } from './audit';
import { ConsoleClient } from './client';
import type { SectionContext } from './dom';

interface Call { url: string; headers: Headers }
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const actions = [
  { code: 'volunteers.exported', chinese: '导出志愿者名单', english: 'Volunteer list exported' },
  { code: 'counts.reopened', chinese: '重新开放已锁定的一天', english: 'Locked day reopened' },
  { code: 'audit.exported', chinese: '导出审计记录', english: 'Audit trail exported' },
];
const record = (id: string, at: string, action: string, extra: Record<string, unknown> = {}) => ({
  id, at, action, actorId: '6f1c0c2e-0000-4000-8000-000000000001', actorName: '王审计', applicationId: null, actorRoles: ['Admin'],
  address: '203.0.113.7', method: 'GET', route: 'exports/volunteers.csv', status: 200, records: {}, details: {}, ...extra,
});
const page = (records: unknown[], truncated = false) => ({ from: '2022-09-16', to: '2022-09-16', records, truncated, actions });

function fake(answer: (url: string) => Response): { client: ConsoleClient; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, headers: new Headers(init.headers) });
    return answer(url);
  }) as typeof fetch;
  return { client: new ConsoleClient(fetcher), calls };
}

const context: SectionContext = { day: () => '2022-09-16', changed: () => {} };
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
let root: HTMLElement;

beforeEach(() => {
  localStorage.removeItem(storageKey);
  document.body.innerHTML = '<section id="audit"><h2>操作审计</h2></section>';
  root = document.getElementById('audit')!;
});

afterEach(() => {
  useToken(null);
  localStorage.removeItem(storageKey);
  vi.restoreAllMocks();
});

describe('audit trail', () => {
  it('reads the console\'s day, and lists the records newest first in Beijing time with their actors, action names and records', async () => {
    const { client, calls } = fake(() => json(page([
      // 16:05 UTC on the 15th is 00:05 on the 16th in Beijing.
      record('20220916-1', '2022-09-15T16:05:09.123+00:00', 'counts.reopened', { actorName: '蒲建宇', actorRoles: ['Coordinator'], route: 'sites/{siteId}/counts/{day}/reopen',
        method: 'POST', status: 204, records: { siteId: 'site-1', day: '2022-09-14' } }),
      record('20220916-2', '2022-09-15T16:01:00+00:00', 'volunteers.exported', { details: { format: 'csv', phones: 'unmasked', rows: '12' } }),
      record('20220916-3', '2022-09-15T16:00:00+00:00', 'something.new', { actorName: null, applicationId: '22222222-0000-4000-8000-000000000000' }),
    ])));
    await mountAudit(root, client, context)();

    expect(calls.map((call) => call.url)).toEqual(['/api/audit?from=2022-09-16&to=2022-09-16']);
    expect(root.querySelector<HTMLInputElement>('#audit-from')!.value).toBe('2022-09-16');
    expect(root.querySelector<HTMLInputElement>('#audit-to')!.value).toBe('2022-09-16');
    const rows = [...root.querySelectorAll('[data-testid=audit] tbody tr')].map((tr) => [...tr.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2022年9月16日 00:05:09', '蒲建宇', '重新开放已锁定的一天', 'siteId: site-1day: 2022-09-14', '—', '203.0.113.7', '204'],
      ['2022年9月16日 00:01:00', '王审计', '导出志愿者名单', '—', 'format: csvphones: unmaskedrows: 12', '203.0.113.7', '200'],
      ['2022年9月16日 00:00:00', '22222222-0000-4000-8000-000000000000', 'something.new', '—', '—', '203.0.113.7', '200'],
    ]);
    expect(root.querySelector('[data-testid=audit] caption')!.textContent).toBe('审计记录（3 条，最新的在前）');
    const region = root.querySelector('.table-scroll')!;
    expect(region.getAttribute('role')).toBe('region');
    expect(region.getAttribute('tabindex')).toBe('0');
    expect(root.querySelector('time')!.getAttribute('datetime')).toBe('2022-09-15T16:05:09.123+00:00');
    // The console's first load says nothing in the live region.
    expect(root.querySelector<HTMLElement>('[role=status]')!.hidden).toBe(true);
  });

  it('fills the action filter with the answer\'s names in the reader\'s language and keeps the choice', async () => {
    const { client, calls } = fake(() => json(page([])));
    const refresh = mountAudit(root, client, context);
    await refresh();
    const select = root.querySelector<HTMLSelectElement>('#audit-action')!;
    expect([...select.options].map((option) => [option.value, option.textContent])).toEqual([
      ['', '全部操作'], ['volunteers.exported', '导出志愿者名单'], ['counts.reopened', '重新开放已锁定的一天'], ['audit.exported', '导出审计记录'],
    ]);
    expect(root.querySelector('label[for=audit-action]')!.textContent).toBe('操作');

    select.value = 'counts.reopened';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(calls.at(-1)!.url).toBe('/api/audit?from=2022-09-16&to=2022-09-16&action=counts.reopened');
    expect(select.value).toBe('counts.reopened');
    expect(root.querySelector('[data-testid=audit]')!.textContent).toBe('所选日期内没有符合条件的审计记录。');
    expect(root.querySelector('[role=status]')!.textContent).toBe('找到 0 条记录。');

    localStorage.setItem(storageKey, 'en');
    expect(actionName(actions, 'counts.reopened')).toBe('Locked day reopened');
    expect(actionName(actions, 'unknown.code')).toBe('unknown.code');
    expect(auditTime('2022-09-15T16:05:09+00:00')).toBe('2022-09-16 00:05:09');
    root.replaceChildren();
    await mountAudit(root, client, context)();
    expect([...root.querySelectorAll<HTMLOptionElement>('#audit-action option')].map((option) => option.textContent))
      .toEqual(['All actions', 'Volunteer list exported', 'Locked day reopened', 'Audit trail exported']);
  });

  it('shows a 400\'s field message next to the filter it names, and clears it on the next good answer', async () => {
    let refuse = true;
    const { client } = fake(() => refuse
      ? json({ title: 'One or more validation errors occurred.', status: 400, errors: { from: ['On or before to.'], other: ['Something else.'] } }, 400)
      : json(page([])));
    mountAudit(root, client, context);
    root.querySelector<HTMLInputElement>('#audit-from')!.value = '2022-09-17';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    const from = root.querySelector<HTMLInputElement>('#audit-from')!;
    const error = root.querySelector<HTMLElement>('#audit-from-error')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe('开始日期不能晚于结束日期。');
    expect(error.parentElement).toBe(from.parentElement);
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(from.getAttribute('aria-describedby')).toBe('audit-from-error');
    expect(document.activeElement).toBe(from);
    expect(root.querySelector<HTMLElement>('#audit-to-error')!.hidden).toBe(true);
    const status = root.querySelector<HTMLElement>('[role=status]')!;
    expect(status.className).toBe('error');
    expect(status.textContent).toBe('请检查标出的内容。 Something else.');
    // No records are shown for filters the API refused, so there is nothing to export either.
    expect(root.querySelector<HTMLElement>('.audit-exports')!.hidden).toBe(true);

    refuse = false;
    from.value = '2022-09-16';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(error.hidden).toBe(true);
    expect(from.hasAttribute('aria-invalid')).toBe(false);
  });

  it('says the API\'s field messages in the reader\'s language', () => {
    expect(translateAuditMessage('A date as yyyy-MM-dd.')).toBe('请按 年-月-日 填写日期。');
    expect(translateAuditMessage('At most 31 days from to: read a month at a time.')).toBe('一次最多查询 31 天，请按月查询。');
    expect(translateAuditMessage('At most 512 characters.')).toBe('最多 512 个字。');
    expect(translateAuditMessage('One of: volunteers.exported, counts.reopened.')).toBe('请从列表中选择操作。');
    expect(translateAuditMessage('Something new.')).toBe('Something new.');
  });

  it('gives export links with the filters of the records shown, and downloads through the client with the token', async () => {
    useToken(async () => 'admin-token');
    const createObjectURL = vi.fn(() => 'blob:audit');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.getAttribute('download') ?? '');
    });
    const { client, calls } = fake((url) => url.startsWith('/api/audit/export.')
      ? new Response('\uFEFF时间（北京时间）,操作\n', { headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename*=UTF-8\'\'%E5%AE%A1%E8%AE%A1%E8%AE%B0%E5%BD%95-2022-09-10%E8%87%B32022-09-16.csv' } })
      : json(page([record('20220916-1', '2022-09-16T01:00:00+00:00', 'volunteers.exported')])));
    await mountAudit(root, client, context)();
    root.querySelector<HTMLInputElement>('#audit-from')!.value = '2022-09-10';
    root.querySelector<HTMLInputElement>('#audit-actor')!.value = ' 王 审计 ';
    root.querySelector<HTMLSelectElement>('#audit-action')!.value = 'volunteers.exported';
    root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();

    const filters = 'from=2022-09-10&to=2022-09-16&actor=%E7%8E%8B+%E5%AE%A1%E8%AE%A1&action=volunteers.exported';
    expect(calls.at(-1)!.url).toBe(`/api/audit?${filters}`);
    const csv = root.querySelector<HTMLAnchorElement>('[data-export="audit.csv"]')!;
    const xlsx = root.querySelector<HTMLAnchorElement>('[data-export="audit.xlsx"]')!;
    expect(root.querySelector<HTMLElement>('.audit-exports')!.hidden).toBe(false);
    expect(csv.getAttribute('href')).toBe(`/api/audit/export.csv?${filters}`);
    expect(xlsx.getAttribute('href')).toBe(`/api/audit/export.xlsx?${filters}`);
    expect(csv.textContent).toBe('下载 CSV');

    // Changing a filter without reading again does not change what the links export: they follow the table.
    root.querySelector<HTMLInputElement>('#audit-actor')!.value = '别人';
    csv.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await settle();
    const download = calls.at(-1)!;
    expect(download.url).toBe(`/api/audit/export.csv?${filters}`);
    expect(download.headers.get('Authorization')).toBe('Bearer admin-token');
    expect(clicked).toEqual(['审计记录-2022-09-10至2022-09-16.csv']);
    expect(root.querySelector('[role=status]')!.textContent).toBe('已下载 审计记录-2022-09-10至2022-09-16.csv。');
  });

  it('shows a refusal as the problem\'s own words', async () => {
    const { client } = fake(() => json({ title: 'Not allowed.', detail: 'Admin only.', status: 403 }, 403));
    await mountAudit(root, client, context)();
    const status = root.querySelector<HTMLElement>('[role=status]')!;
    expect(status.textContent).toBe('Not allowed. — Admin only.');
    expect(status.className).toBe('error');
  });
});
