import { describe, expect, it } from 'vitest';
import { clockIn, dayAndTimeIn, monthDay, wallClock } from './format';

describe('wallClock', () => {
  it('shows a time with an offset as the office wrote it', () => {
    expect(wallClock('2022-09-16T08:35:31+08:00')).toBe('2022-09-16 08:35:31');
    expect(wallClock('2022-09-16T08:35:31.1234567+08:00', false)).toBe('2022-09-16 08:35');
  });

  it('puts a UTC time in the deployment zone', () => {
    expect(wallClock('2022-09-16T00:35:31Z')).toBe('2022-09-16 08:35:31');
  });

  it('leaves what it cannot read as it is', () => {
    expect(wallClock('soon')).toBe('soon');
  });
});

describe('clockIn', () => {
  it('shows a UTC time as the deployment clock shows it', () => {
    expect(clockIn('2026-11-23T23:36:05.123+00:00')).toBe('2026-11-24 07:36');
    expect(clockIn('2026-11-23T23:36:05Z', 'UTC')).toBe('2026-11-23 23:36');
    expect(clockIn('not a time')).toBe('not a time');
  });
});

describe('dayAndTimeIn', () => {
  it('shows a UTC time as the deployment clock shows it, to the second, with the day as a bulletin prints it', () => {
    expect(dayAndTimeIn('2022-09-15T16:05:09.1234567+00:00')).toEqual({ day: '2022年9月16日', isoDay: '2022-09-16', time: '00:05:09' });
    expect(dayAndTimeIn('2022-09-16T08:35:31+08:00')).toEqual({ day: '2022年9月16日', isoDay: '2022-09-16', time: '08:35:31' });
    expect(dayAndTimeIn('not a time')).toBeNull();
  });
});

describe('monthDay', () => {
  it('says a day as a roster does, with its weekday, in either language', () => {
    expect(monthDay('2022-09-16', 'zh-CN')).toBe('9月16日（周五）');
    expect(monthDay('2022-09-16', 'en')).toBe('Fri 16 Sep');
    expect(monthDay('2026-12-06', 'zh-CN')).toBe('12月6日（周日）');
  });

  it('leaves what it cannot read as it is', () => {
    expect(monthDay('tomorrow', 'zh-CN')).toBe('tomorrow');
  });
});
