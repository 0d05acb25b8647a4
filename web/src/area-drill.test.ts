import { describe, expect, it } from 'vitest';
import type { AreaFigures } from './api';
import { areaApiPath, areaSearch, defaultAreaDay, isAreaCode, isIsoDay, levelKey, readAreaState, sumAreas, todayAreaDay } from './area-drill';
import { t } from './i18n';

const row = (code: string, reports: number, onDuty: number, tested: number, more: Record<string, number> = {}): AreaFigures =>
  ({ code, name: code, level: 'county', sitesBelow: reports, reports, values: { 'on-duty': onDuty, 'party-members': 1, tested, ...more } });

describe('levelKey', () => {
  it('names the five levels in Chinese and in English', () => {
    const names = (language: 'zh-CN' | 'en') => ['province', 'city', 'county', 'town', 'community'].map((level) => t(levelKey(level)!, {}, language));
    expect(names('zh-CN')).toEqual(['省', '市', '区县', '街道乡镇', '社区']);
    expect(names('en')).toEqual(['Province', 'City', 'District or county', 'Street or township', 'Community']);
  });

  it('gives null for a level it does not know, so the page can show the word as sent', () => {
    expect(levelKey('village')).toBeNull();
    expect(levelKey('')).toBeNull();
    expect(levelKey('toString')).toBeNull();
  });
});

describe('readAreaState', () => {
  it('reads the area and the day from the query', () => {
    expect(readAreaState('?area=510100&day=2022-09-16')).toEqual({ area: '510100', day: '2022-09-16' });
    expect(readAreaState('?area=510105-caoshijie')).toEqual({ area: '510105-caoshijie', day: null });
  });

  it('is the top of the tree on the default day without them', () => {
    expect(readAreaState('')).toEqual({ area: null, day: null });
    expect(readAreaState('?area=&day=')).toEqual({ area: null, day: null });
  });

  it('ignores a malformed or impossible day and keeps an area as written, for the page to refuse', () => {
    expect(readAreaState('?day=2022-02-30').day).toBeNull();
    expect(readAreaState('?day=yesterday').day).toBeNull();
    expect(readAreaState('?area=%3Cscript%3E').area).toBe('<script>');
  });
});

describe('areaSearch', () => {
  it('writes the area and the day, keeping the other parameters', () => {
    expect(areaSearch({ area: '510100', day: null })).toBe('?area=510100');
    expect(areaSearch({ area: '510100', day: '2022-09-16' }, '?lang=en&area=510000')).toBe('?lang=en&area=510100&day=2022-09-16');
  });

  it('is empty at the top of the tree on the default day, so the plain address stays plain', () => {
    expect(areaSearch({ area: null, day: null }, '?area=510100')).toBe('');
  });

  it('round-trips through readAreaState', () => {
    const state = { area: '510105-yushalu', day: '2026-12-04' };
    expect(readAreaState(areaSearch(state))).toEqual(state);
  });
});

describe('areaApiPath', () => {
  it('asks for the area on the day, or the top without one', () => {
    expect(areaApiPath('510100', '2022-09-16')).toBe('/api/stats/areas?area=510100&day=2022-09-16');
    expect(areaApiPath(null, '2022-09-16')).toBe('/api/stats/areas?day=2022-09-16');
  });
});

describe('codes and days', () => {
  it('accepts the codes the server accepts', () => {
    expect(isAreaCode('510100')).toBe(true);
    expect(isAreaCode('510105-caoshijie')).toBe(true);
    expect(isAreaCode('-510100')).toBe(false);
    expect(isAreaCode('51 01')).toBe(false);
    expect(isAreaCode('a'.repeat(33))).toBe(false);
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2023-02-29')).toBe(false);
    expect(isIsoDay('2023-2-1')).toBe(false);
  });
});

describe('defaultAreaDay', () => {
  it('is yesterday in Beijing, whatever the reader\'s clock says', () => {
    // 2022-09-16 17:30 UTC is already 09-17 01:30 in Beijing: yesterday there is the 16th.
    const now = new Date('2022-09-16T17:30:00Z');
    expect(todayAreaDay(now)).toBe('2022-09-17');
    expect(defaultAreaDay(now)).toBe('2022-09-16');
    expect(defaultAreaDay(new Date('2022-09-16T15:59:00Z'))).toBe('2022-09-15');
  });

  it('crosses a month and a year', () => {
    expect(defaultAreaDay(new Date('2023-01-01T02:00:00Z'))).toBe('2022-12-31');
  });
});

describe('sumAreas', () => {
  it('adds every figure, the reports and the sites', () => {
    const total = sumAreas([row('a', 2, 14, 2690), row('b', 1, 3, 860, { 'duty-hours': 32.5 }), row('c', 1, 5, 250, { 'duty-hours': 8 })]);
    expect(total).toEqual({ reports: 4, sitesBelow: 4, values: { 'on-duty': 22, 'party-members': 3, tested: 3800, 'duty-hours': 40.5 } });
  });

  it('is nothing for no areas', () => {
    expect(sumAreas([])).toEqual({ reports: 0, sitesBelow: 0, values: {} });
  });
});
