import { describe, expect, it } from 'vitest';
import type { SubmissionView } from './api';
import { addDays, changesBetween, openDays, readCounts, refusalKey, resultKind, splitWho, todayIn, translateServerMessage } from './counts';

const filled = { onDuty: '8', partyMembers: '7', tested: '2690', peopleChecked: '0', vehiclesChecked: '0', suppliesDelivered: '0', householdsVisited: '136' };

describe('readCounts', () => {
  it('turns the form into the PUT body, leaving out an empty highlight', () => {
    expect(readCounts(filled)).toEqual({ body: { onDuty: 8, partyMembers: 7, tested: 2690, peopleChecked: 0, vehiclesChecked: 0, suppliesDelivered: 0, householdsVisited: 136 }, errors: {} });
    expect(readCounts({ ...filled, highlight: ' 一次性采集10个小区 ' }).body?.highlight).toBe('一次性采集10个小区');
  });

  it('accepts full-width digits from a Chinese keyboard', () => {
    expect(readCounts({ ...filled, tested: '２６９０' }).body?.tested).toBe(2690);
  });

  it('says what is wrong with each field', () => {
    const { body, errors } = readCounts({ ...filled, onDuty: '', tested: '-3', peopleChecked: '1.5', vehiclesChecked: '2000000', highlight: 'x'.repeat(501) });
    expect(body).toBeNull();
    expect(errors).toEqual({
      onDuty: { key: 'counts.error.required' },
      tested: { key: 'counts.error.negative' },
      peopleChecked: { key: 'counts.error.whole' },
      vehiclesChecked: { key: 'counts.error.tooLarge', values: { max: 1_000_000 } },
      highlight: { key: 'counts.error.highlightLength', values: { max: 500 } },
    });
  });

  it('keeps party members within those on duty, as the server does', () => {
    expect(readCounts({ ...filled, onDuty: '3', partyMembers: '4' }).errors).toEqual({ partyMembers: { key: 'counts.error.partyAboveOnDuty' } });
  });
});

describe('translateServerMessage', () => {
  it('says the server messages of the counts rules in the reader language', () => {
    expect(translateServerMessage('The unit has 2 volunteers assigned here; at most 22 can be on duty.')).toEqual({ key: 'counts.error.onDutyAboveAssigned', values: { max: 22 } });
    expect(translateServerMessage('Cannot be more than the people on duty.')).toEqual({ key: 'counts.error.partyAboveOnDuty' });
    expect(translateServerMessage('Required: a whole number, 0 or more.')).toEqual({ key: 'counts.error.required' });
    expect(translateServerMessage('Cannot be negative.')).toEqual({ key: 'counts.error.negative' });
    expect(translateServerMessage('At most 1000000.')).toEqual({ key: 'counts.error.tooLarge', values: { max: 1000000 } });
    expect(translateServerMessage('At most 500 characters.')).toEqual({ key: 'counts.error.highlightLength', values: { max: 500 } });
    expect(translateServerMessage('Counts cannot be reported for a day that has not come yet.')).toEqual({ key: 'counts.error.futureDay' });
  });

  it('shows a message it does not know as the server wrote it', () => {
    expect(translateServerMessage('Something new.')).toEqual({ text: 'Something new.' });
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
  const version = (n: number, tested: number, highlight: string | null = null): SubmissionView => ({
    siteId: 's', unitId: 'u', day: '2026-11-24', version: n, highlight, submittedBy: '本地测试用户 (0f8fad5b-d9cb-469f-a165-70867728950e)',
    submittedAt: '2026-11-24T09:00:00+00:00', flagged: false, flagReason: null,
    figures: { onDuty: 3, partyMembers: 2, tested, peopleChecked: 300, vehiclesChecked: 0, suppliesDelivered: 0, householdsVisited: 0 },
  });

  it('lists what a correction changed, highlight included', () => {
    expect(changesBetween(version(1, 100), version(2, 150, '夜间值守'))).toEqual([
      { field: 'tested', from: 100, to: 150 },
      { field: 'highlight', from: null, to: '夜间值守' },
    ]);
    expect(changesBetween(null, version(1, 100))).toEqual([]);
    expect(changesBetween(version(1, 100), version(2, 100))).toEqual([]);
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
