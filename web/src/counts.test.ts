import { describe, expect, it } from 'vitest';
import type { SubmissionView } from './api';
import {
  addDays, changesBetween, fieldMessageText, inputModeOf, openDays, readCounts, readValue, refusalKey, resultKind, splitWho, todayIn, translateServerMessage,
  type CountsForm,
} from './counts';
import { indicatorLabel, indicatorsForSiteType, rulesForSiteType, type Indicator, type IndicatorSet } from './indicators';

/** A few definitions as the server seeds them (IndicatorDefaults), enough for a testing point's and a community's forms. */
const indicator = (code: string, nameZh: string, nameEn: string, unit: string, unitEn: string, siteTypes: string[], order: number, more: Partial<Indicator> = {}): Indicator =>
  ({ code, nameZh, nameEn, unit, unitEn, kind: 'count', aggregation: 'sum', min: 0, max: 1_000_000, siteTypes, required: true, order, retired: false, ...more });
const set: IndicatorSet = {
  version: 3, siteType: null, changedBy: 'seed', changedAt: '2026-12-01T00:00:00Z', change: 'seeded',
  indicators: [
    indicator('tested', '协助核酸检测', 'People tested (assisted)', '人次', 'person-times', ['community', 'testing-point'], 30),
    indicator('on-duty', '在岗人数', 'People on duty', '人', 'people', ['community', 'testing-point'], 10),
    indicator('party-members', '其中党员', 'Of whom party members', '人', 'people', ['community', 'testing-point'], 20),
    indicator('households-visited', '入户走访', 'Households visited', '户', 'households', ['community'], 70),
    indicator('sampling-rounds', '采样轮次', 'Sampling rounds', '轮', 'rounds', ['testing-point'], 80, { required: false, max: 50 }),
    indicator('duty-hours', '值守时长', 'Duty hours', '小时', 'hours', ['community', 'testing-point'], 140, { required: false, kind: 'hours', max: 100_000 }),
    indicator('old-figure', '旧指标', 'Old figure', '份', 'items', ['community', 'testing-point'], 5, { retired: true }),
  ],
  rules: [{ kind: 'at-most', code: 'party-members', atMost: 'on-duty' }, { kind: 'at-most-assigned', code: 'on-duty' }],
};
const formFor = (siteType: string): CountsForm => ({ indicators: indicatorsForSiteType(set, siteType), rules: rulesForSiteType(set, siteType) });
const testingPoint = formFor('testing-point');
const community = formFor('community');
const filled = { 'values.on-duty': '8', 'values.party-members': '7', 'values.tested': '2690' };

describe('forms from the definitions', () => {
  it('ask each site type for its live indicators in order, labelled with the unit in the reader language', () => {
    expect(testingPoint.indicators.map((item) => item.code)).toEqual(['on-duty', 'party-members', 'tested', 'sampling-rounds', 'duty-hours']);
    expect(community.indicators.map((item) => item.code)).toEqual(['on-duty', 'party-members', 'tested', 'households-visited', 'duty-hours']);
    expect(testingPoint.indicators.map((item) => indicatorLabel(item, 'zh-CN'))).toEqual(['在岗人数（人）', '其中党员（人）', '协助核酸检测（人次）', '采样轮次（轮）', '值守时长（小时）']);
    expect(indicatorLabel(testingPoint.indicators[3]!, 'en')).toBe('Sampling rounds (rounds)');
  });

  it('offer digits for counts and a point too for hours', () => {
    expect(testingPoint.indicators.map(inputModeOf)).toEqual(['numeric', 'numeric', 'numeric', 'numeric', 'decimal']);
  });

  it('check a rule only where both its indicators are asked', () => {
    expect(community.rules).toEqual([{ kind: 'at-most', code: 'party-members', atMost: 'on-duty' }, { kind: 'at-most-assigned', code: 'on-duty' }]);
    expect(rulesForSiteType(set, 'checkpoint')).toEqual([]);
  });
});

describe('readCounts', () => {
  it('turns the form into the PUT body by code, leaving out empty optional values and an empty highlight', () => {
    expect(readCounts(testingPoint, filled)).toEqual({ body: { values: { 'on-duty': 8, 'party-members': 7, tested: 2690 } }, errors: {} });
    expect(readCounts(testingPoint, { ...filled, 'values.sampling-rounds': '8', highlight: ' 一次性采集10个小区 ' }).body)
      .toEqual({ values: { 'on-duty': 8, 'party-members': 7, tested: 2690, 'sampling-rounds': 8 }, highlight: '一次性采集10个小区' });
  });

  it('accepts full-width digits and point from a Chinese keyboard', () => {
    expect(readCounts(testingPoint, { ...filled, 'values.tested': '２６９０', 'values.duty-hours': '３２．５' }).body?.values).toMatchObject({ tested: 2690, 'duty-hours': 32.5 });
  });

  it('sends nothing for an indicator the site type does not report', () => {
    expect(readCounts(community, { ...filled, 'values.households-visited': '136', 'values.sampling-rounds': '8' }).body?.values)
      .toEqual({ 'on-duty': 8, 'party-members': 7, tested: 2690, 'households-visited': 136 });
  });

  it('says what is wrong with each field, by the definition', () => {
    const { body, errors } = readCounts(testingPoint, { 'values.on-duty': '', 'values.party-members': '-3', 'values.tested': '1.5', 'values.sampling-rounds': '51', highlight: 'x'.repeat(501) });
    expect(body).toBeNull();
    expect(errors).toEqual({
      'values.on-duty': { key: 'counts.error.required' },
      'values.party-members': { key: 'counts.error.negative' },
      'values.tested': { key: 'counts.error.whole' },
      'values.sampling-rounds': { key: 'counts.error.tooLarge', values: { max: 50 } },
      highlight: { key: 'counts.error.highlightLength', values: { max: 500 } },
    });
  });

  it('keeps party members within those on duty, as the rule says, and names the other indicator in the reader language', () => {
    const { errors } = readCounts(testingPoint, { ...filled, 'values.on-duty': '3', 'values.party-members': '4' });
    expect(errors).toEqual({ 'values.party-members': { key: 'counts.error.atMost', values: { limit: 3 }, other: 'on-duty' } });
    expect(fieldMessageText(errors['values.party-members']!, set.indicators, 'zh-CN')).toBe('不能多于在岗人数（3）。');
    expect(fieldMessageText(errors['values.party-members']!, set.indicators, 'en')).toBe('Cannot be more than People on duty (3).');
  });
});

describe('readValue', () => {
  const hours = set.indicators.find((item) => item.code === 'duty-hours')!;
  const count = set.indicators.find((item) => item.code === 'on-duty')!;

  it('takes hours to one decimal, a half hour as 0.5', () => {
    expect(readValue(hours, '32.5')).toEqual({ value: 32.5 });
    expect(readValue(hours, '0.5')).toEqual({ value: 0.5 });
    expect(readValue(hours, '8')).toEqual({ value: 8 });
    expect(readValue(hours, '7.50')).toEqual({ value: 7.5 });
    expect(readValue(hours, '7.25')).toEqual({ error: { key: 'counts.error.oneDecimal' } });
    expect(readValue(hours, '7,5')).toEqual({ error: { key: 'counts.error.oneDecimal' } });
    expect(readValue(hours, '100000.5')).toEqual({ error: { key: 'counts.error.tooLarge', values: { max: 100_000 } } });
  });

  it('takes counts as whole numbers only', () => {
    expect(readValue(count, '12')).toEqual({ value: 12 });
    expect(readValue(count, '12.0')).toEqual({ value: 12 });
    expect(readValue(count, '12.5')).toEqual({ error: { key: 'counts.error.whole' } });
    expect(readValue(count, '1e3')).toEqual({ error: { key: 'counts.error.whole' } });
    expect(readValue(count, '-1')).toEqual({ error: { key: 'counts.error.negative' } });
  });

  it('holds a value to the definition minimum and leaves an optional one empty', () => {
    expect(readValue({ ...count, min: 1 }, '0')).toEqual({ error: { key: 'counts.error.tooSmall', values: { min: 1 } } });
    expect(readValue(hours, '  ')).toEqual({});
  });
});

describe('translateServerMessage', () => {
  it('says the server messages of the counts rules in the reader language', () => {
    expect(translateServerMessage('The unit has 2 volunteers assigned here; at most 22 can be on duty.')).toEqual({ key: 'counts.error.aboveAssigned', values: { max: 22 } });
    expect(translateServerMessage('Cannot be more than People on duty (6).', set.indicators)).toEqual({ key: 'counts.error.atMost', values: { limit: 6 }, other: 'on-duty' });
    expect(translateServerMessage('Required at a testing-point: 在岗人数 (People on duty), a whole number from 0 to 1000000.')).toEqual({ key: 'counts.error.required' });
    expect(translateServerMessage('Cannot be negative.')).toEqual({ key: 'counts.error.negative' });
    expect(translateServerMessage('A whole number.')).toEqual({ key: 'counts.error.whole' });
    expect(translateServerMessage('At most one decimal place (a half hour is 0.5).')).toEqual({ key: 'counts.error.oneDecimal' });
    expect(translateServerMessage('From 0 to 50.')).toEqual({ key: 'counts.error.range', values: { min: 0, max: 50 } });
    expect(translateServerMessage('Vehicles checked is not reported at a community; it applies to checkpoint, compound.')).toEqual({ key: 'counts.error.notAsked' });
    expect(translateServerMessage('A whole number from 0 to 1000000, digits only.')).toEqual({ key: 'counts.error.whole' });
    expect(translateServerMessage('Hours from 0 to 1000000, digits with at most one decimal (7.5).')).toEqual({ key: 'counts.error.oneDecimal' });
    expect(translateServerMessage('At most 1000000.')).toEqual({ key: 'counts.error.tooLarge', values: { max: 1000000 } });
    expect(translateServerMessage('At most 500 characters.')).toEqual({ key: 'counts.error.highlightLength', values: { max: 500 } });
    expect(translateServerMessage('Counts cannot be reported for a day that has not come yet.')).toEqual({ key: 'counts.error.futureDay' });
  });

  it('shows a message it does not know as the server wrote it', () => {
    expect(translateServerMessage('Something new.')).toEqual({ text: 'Something new.' });
    expect(translateServerMessage('Cannot be more than Something unknown (6).', set.indicators)).toEqual({ text: 'Cannot be more than Something unknown (6).' });
  });
});

describe('refusalKey', () => {
  it('tells a locked day from a closed site and a busy store', () => {
    expect(refusalKey(409, 'Counts older than 3 days are locked; a coordinator can reopen the day.')).toBe('counts.refused.locked');
    expect(refusalKey(409, 'The site was closed that day.')).toBe('counts.refused.closed');
    expect(refusalKey(409, 'Too many simultaneous corrections of these counts; try again.')).toBe('counts.refused.busy');
    expect(refusalKey(403, 'Not allowed.')).toBe('counts.refused.forbidden');
    expect(refusalKey(401, 'Sign-in required.')).toBe('portal.expired');
    expect(refusalKey(503, 'Storage is not answering.')).toBe('counts.refused.later');
    expect(refusalKey(500, 'Oops')).toBe('counts.refused.other');
  });
});

describe('resultKind', () => {
  const result = { siteId: 's', unitId: 'u', day: '2026-11-24', flagged: false, flagReason: null };
  it('tells a first report, the same body again and a correction apart', () => {
    expect(resultKind({ ...result, version: 1, changed: true })).toBe('saved');
    expect(resultKind({ ...result, version: 1, changed: false })).toBe('unchanged');
    expect(resultKind({ ...result, version: 3, changed: true })).toBe('correction');
    expect(resultKind({ ...result, version: 3, changed: false })).toBe('unchanged');
  });
});

describe('history', () => {
  const version = (n: number, tested: number, highlight: string | null = null, more: Record<string, number> = {}): SubmissionView => ({
    siteId: 's', unitId: 'u', day: '2026-11-24', version: n, highlight, submittedBy: '本地测试用户 (0f8fad5b-d9cb-469f-a165-70867728950e)',
    submittedAt: '2026-11-24T09:00:00+00:00', flagged: false, flagReason: null,
    figures: { values: { 'on-duty': 3, 'party-members': 2, tested, 'people-checked': 300, ...more } },
  });

  it('lists what a correction changed, highlight included', () => {
    expect(changesBetween(version(1, 100), version(2, 150, '夜间值守'))).toEqual([
      { field: 'values.tested', from: 100, to: 150 },
      { field: 'highlight', from: null, to: '夜间值守' },
    ]);
    expect(changesBetween(null, version(1, 100))).toEqual([]);
    expect(changesBetween(version(1, 100), version(2, 100))).toEqual([]);
  });

  it('lists changed indicators in the form order, one reported only now from nothing, and 0 as no value', () => {
    const order = ['on-duty', 'party-members', 'tested', 'people-checked', 'duty-hours'];
    expect(changesBetween(version(1, 100, null, { 'vehicles-checked': 0 }), version(2, 150, null, { 'duty-hours': 32.5, 'on-duty': 4 }), order)).toEqual([
      { field: 'values.on-duty', from: 3, to: 4 },
      { field: 'values.tested', from: 100, to: 150 },
      { field: 'values.duty-hours', from: null, to: 32.5 },
    ]);
  });

  it('splits who into the name and the account id', () => {
    expect(splitWho('本地测试用户 (0f8fad5b-d9cb-469f-a165-70867728950e)')).toEqual({ name: '本地测试用户', id: '0f8fad5b-d9cb-469f-a165-70867728950e' });
    expect(splitWho('browser test')).toEqual({ name: 'browser test', id: null });
  });
});

describe('days', () => {
  it('takes today in the deployment time zone, not the browser one', () => {
    // 2026-11-23 17:30 UTC is already 2026-11-24 01:30 in Beijing.
    expect(todayIn('Asia/Shanghai', new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(todayIn('UTC', new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-23');
  });

  it('offers today and the days before it until the lock, across a month end', () => {
    expect(openDays('2026-12-02', 3)).toEqual(['2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29']);
    expect(openDays('2026-12-02', 0)).toEqual(['2026-12-02']);
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
