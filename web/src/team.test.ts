import { describe, expect, it } from 'vitest';
import { roleKey, teamKindKey, telHref } from './team';

describe('telHref', () => {
  it('dials the digits of a landline as the office wrote it', () => {
    expect(telHref('028-0000 0100')).toBe('tel:02800000100');
    expect(telHref('(025) 8400 0000')).toBe('tel:02584000000');
  });

  it('keeps a leading + and dials an extension after a pause', () => {
    expect(telHref('+86 28 0000 0100')).toBe('tel:+862800000100');
    expect(telHref('025 0000 0002转8001')).toBe('tel:02500000002,8001');
  });
});

describe('role and kind keys', () => {
  it('names each role and kind, and reads an unknown one as the plainest', () => {
    expect(roleKey('site-leader')).toBe('role.site-leader');
    expect(roleKey(null)).toBe('role.member');
    expect(roleKey('captain')).toBe('role.member');
    expect(teamKindKey('temporary-branch')).toBe('teamKind.temporary-branch');
    expect(teamKindKey('squad')).toBe('teamKind.service-team');
  });
});
