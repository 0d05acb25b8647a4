import { describe, expect, it } from 'vitest';
import { wallClock } from './format';

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
