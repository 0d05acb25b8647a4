// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { DailyFigures, SiteSummary, UnitSummary } from './api';
import { dailyTotal, shortDay, siteFigures, sitesShortFirst, unitsByPeople, valueOf } from './dashboard-data';

const site = (id: string, needed: number, assigned: number, open = true): SiteSummary =>
  ({ id, name: id, type: 'community', community: '三牌楼社区', district: null, address: null, needed, assigned, open });

const day = (date: string, tested: number, reports: number, more: Record<string, number> = {}): DailyFigures =>
  ({ day: date, reports, values: { 'on-duty': 1, tested, ...more } });

describe('sitesShortFirst', () => {
  it('puts the sites short of the most people first, then the emptiest, and leaves closed sites out', () => {
    const ordered = sitesShortFirst([site('full', 10, 10), site('short-3', 10, 7), site('short-8', 20, 12), site('closed', 50, 0, false), site('empty-3', 3, 0)]);
    expect(ordered.map((s) => s.id)).toEqual(['short-8', 'empty-3', 'short-3', 'full']);
  });

  it('counts a site with more people than needed as full, not as negative shortfall', () => {
    expect(sitesShortFirst([site('over', 5, 9), site('full', 5, 5), site('short', 5, 4)]).map((s) => s.id)).toEqual(['short', 'full', 'over']);
  });
});

describe('siteFigures', () => {
  it('says how many of the assigned came in a dispatch batch, and nothing of batches where none did', () => {
    localStorage.setItem('frontline.lang', 'zh-CN');
    expect(siteFigures({ ...site('batch', 6, 5), fromBatches: 3 })).toBe('需要 6 人，已分配 5 人（含派出批次 3 人）');
    expect(siteFigures(site('none', 6, 2))).toBe('需要 6 人，已分配 2 人');
  });
});

describe('unitsByPeople', () => {
  it('ranks units by people sent and leaves out unverified units and units with nobody', () => {
    const units: UnitSummary[] = [
      { id: 'a', name: '市医保局', siteIds: [], peopleDispatched: 4 },
      { id: 'b', name: '城管执法局', siteIds: [], peopleDispatched: 580 },
      { id: 'c', name: '自填单位', siteIds: [], peopleDispatched: 2, verified: false },
      { id: 'd', name: '市房产局', siteIds: [], peopleDispatched: 0 },
    ];
    expect(unitsByPeople(units).map((u) => u.id)).toEqual(['b', 'a']);
  });
});

describe('daily series', () => {
  it('sums a figure and the reports over the days', () => {
    expect(dailyTotal([day('2022-09-06', 2690, 3), day('2022-09-07', 0, 0), day('2022-09-08', 310, 2)], { code: 'tested', aggregation: 'sum' })).toEqual({ total: 3000, reports: 5 });
  });

  it('adds days up as the indicator says: the last day that has it, or the largest day', () => {
    const days = [day('2022-09-06', 1, 1, { households: 3895, peak: 20 }), day('2022-09-07', 1, 1, { households: 3900, peak: 28 }), day('2022-09-08', 1, 1, { peak: 12 })];
    expect(dailyTotal(days, { code: 'households', aggregation: 'latest' }).total).toBe(3900);
    expect(dailyTotal(days, { code: 'peak', aggregation: 'max' }).total).toBe(28);
    expect(dailyTotal(days, { code: 'duty-hours', aggregation: 'sum' }).total).toBe(0);
  });

  it('reads an indicator a day did not report as 0 and shortens axis dates', () => {
    expect(valueOf(day('2022-09-07', 5, 1), 'tested')).toBe(5);
    expect(valueOf(day('2022-09-07', 5, 1), 'vehicles-checked')).toBe(0);
    expect(shortDay('2022-09-07')).toBe('09-07');
  });
});
