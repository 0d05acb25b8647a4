import { describe, expect, it } from 'vitest';
import { bulletinHref, distributionLines, issueLine, seriesPath } from './bulletin';
import { chineseDate } from './format';

describe('bulletin page helpers', () => {
  it('keeps the series in every address', () => {
    expect(bulletinHref('zhenggong')).toBe('/bulletins.html?series=zhenggong');
    expect(bulletinHref('xian-jingkai', { year: 2022, number: 36 })).toBe('/bulletins.html?series=xian-jingkai&year=2022&number=36');
    expect(bulletinHref(null)).toBe('/bulletins.html');
    expect(seriesPath('/api/bulletins/2022/36/docx', 'zhenggong')).toBe('/api/bulletins/2022/36/docx?series=zhenggong');
  });

  it('writes the issue line and the date as a 简报 prints them, from the time as sent', () => {
    expect(issueLine(36, 97)).toBe('第36期(总第97期)');
    expect(chineseDate('2022-09-16T08:35:31+08:00')).toBe('2022年9月16日');
    // Just after midnight in Beijing is still the day before in UTC: the day as sent wins.
    expect(chineseDate('2022-09-16T00:10:00+08:00')).toBe('2022年9月16日');
  });

  it('labels each distribution line once and leaves out what is not set', () => {
    expect(distributionLines({ reportTo: '报：省委组织部', sendTo: '办领导', issueTo: '', copies: 20 }))
      .toEqual({ report: '报：省委组织部', send: '送：办领导', issue: '', copies: '（共印20份）' });
    expect(distributionLines({ reportTo: '', sendTo: '', issueTo: '发:各支部', copies: 0 }))
      .toEqual({ report: '', send: '', issue: '发：各支部', copies: '' });
    expect(distributionLines(null)).toEqual({ report: '', send: '', issue: '', copies: '' });
  });
});
