import { describe, expect, it } from 'vitest';
import { codeOfField, indicatorLabel, indicatorsShown, type Indicator } from './indicators';

const indicator = (code: string, order: number, retired = false): Indicator =>
  ({ code, nameZh: code, nameEn: code, unit: '人', unitEn: 'people', kind: 'count', aggregation: 'sum', min: 0, max: 100, siteTypes: ['community'], required: false, order, retired });
const set = { indicators: [indicator('tested', 30), indicator('on-duty', 10), indicator('old-figure', 5, true), indicator('older-figure', 1, true)] };

describe('indicators', () => {
  it('show the live ones in the form order, and a retired one only where a row has figures for it, after them', () => {
    expect(indicatorsShown(set, [{ values: { tested: 3 } }]).map((item) => item.code)).toEqual(['on-duty', 'tested']);
    expect(indicatorsShown(set, [{ values: {} }, { values: { 'old-figure': 2, 'older-figure': 0 } }]).map((item) => item.code)).toEqual(['on-duty', 'tested', 'old-figure']);
  });

  it('find the code a server field names: values.{code}, a code, or a round-one field name', () => {
    expect(codeOfField('values.on-duty', set)).toBe('on-duty');
    expect(codeOfField('onDuty', set)).toBe('on-duty');
    expect(codeOfField('tested', set)).toBe('tested');
    expect(codeOfField('values.unknown', set)).toBeNull();
    expect(codeOfField('highlight', set)).toBeNull();
    expect(codeOfField('onDuty', null)).toBeNull();
  });

  it('label with full-width brackets in Chinese and plain ones in English', () => {
    const named = { nameZh: '值守时长', nameEn: 'Duty hours', unit: '小时', unitEn: 'hours' };
    expect(indicatorLabel(named, 'zh-CN')).toBe('值守时长（小时）');
    expect(indicatorLabel(named, 'en')).toBe('Duty hours (hours)');
  });
});
