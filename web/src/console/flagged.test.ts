import { describe, expect, it } from 'vitest';
import type { Indicator } from '../indicators';
import { figuresText, reasonText } from './flagged';

const indicator = (code: string, nameZh: string, nameEn: string, unit: string, unitEn: string, order: number): Indicator =>
  ({ code, nameZh, nameEn, unit, unitEn, kind: 'count', aggregation: 'sum', min: 0, max: 1_000_000, siteTypes: ['testing-point'], required: true, order, retired: false });
const indicators = [indicator('on-duty', '在岗人数', 'People on duty', '人', 'people', 10), indicator('tested', '协助核酸检测', 'People tested (assisted)', '人次', 'person-times', 30)];

describe('flagged counts', () => {
  it('list a submission values by the definitions names and units, in the form order, an unknown code last', () => {
    const submission = { figures: { values: { tested: 9000, 'on-duty': 6, 'new-figure': 2 } } };
    expect(figuresText(submission, indicators, 'zh-CN')).toBe('在岗人数 6 人；协助核酸检测 9,000 人次；new-figure 2');
    expect(figuresText(submission, indicators, 'en')).toBe('People on duty 6 people; People tested (assisted) 9,000 person-times; new-figure 2');
  });

  it('name the indicator of the server reason in the reader language, and keep a reason it does not know', () => {
    expect(reasonText('tested 9000 is far above the 7-day average of 100.', indicators, 'zh-CN')).toBe('协助核酸检测 9000，远高于近 7 天平均的 100。');
    expect(reasonText('tested 9000 is far above the 7-day average of 100.', indicators, 'en')).toBe('People tested (assisted) 9000 is far above the 7-day average of 100.');
    expect(reasonText('Checked by hand.', indicators, 'zh-CN')).toBe('Checked by hand.');
    expect(reasonText(null, indicators, 'zh-CN')).toBe('');
  });
});
