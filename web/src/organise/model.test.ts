// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../api';
import type { Batch, UnitPerson } from './client';
import { batchBody, batchPeopleOnDuty, dayName, dayRange, eligibleMembers, fieldOf, hoursText, kindName, organiseMessage, placeProblem, readHandovers, readShiftLines, roleName, shiftLines } from './model';

const person = (volunteerId: string, name: string, siteId: string | null, status: UnitPerson['status'] = 'assigned'): UnitPerson =>
  ({ volunteerId, name, phoneMasked: '139****0001', siteId, siteName: null, status, role: 'member', teamId: null, teamName: null, partyMember: true });

describe('the organiser pages model', () => {
  it('names kinds and roles in both languages and keeps a code it does not know', () => {
    expect(kindName('commando', 'zh-CN')).toBe('党员突击队');
    expect(kindName('temporary-branch', 'en')).toBe('Temporary party branch');
    expect(roleName('site-leader', 'zh-CN')).toBe('点长');
    expect(roleName('group-leader', 'zh-CN')).toBe('组长');
    expect(roleName('team-leader', 'en')).toBe('Team leader');
    expect(kindName('squad', 'zh-CN')).toBe('squad');
  });

  it('puts an error key on the field it is under, or on none', () => {
    const fields = ['from', 'to', 'sites', 'names', 'replaces'];
    expect(fieldOf('to', fields)).toBe('to');
    expect(fieldOf('sites[0].siteId', fields)).toBe('sites');
    expect(fieldOf('names[2].phone', fields)).toBe('names');
    expect(fieldOf('shifts[1].start', ['shifts'])).toBe('shifts');
    expect(fieldOf('unitId', fields)).toBeNull();
  });

  it('sorts a problem onto the fields and says the rest, with its title, in the form', () => {
    const problem = new ProblemError({ title: 'The request has invalid fields.', status: 400, errors: { to: ['Not before from.'], 'sites[0].siteId': ['Not a site of the unit.'], unitId: ['Odd.'] } });
    const placed = placeProblem(problem, ['from', 'to', 'sites'], 'failed');
    expect(placed.byField).toEqual({ to: ['Not before from.'], sites: ['sites[0].siteId: Not a site of the unit.'] });
    expect(placed.general).toBe('The request has invalid fields. — unitId: Odd.');
    expect(placeProblem(new ProblemError({ title: 'Conflict', status: 409, detail: 'Replaced already.' }), ['from'], 'failed').general).toBe('Conflict — Replaced already.');
    expect(placeProblem(new TypeError('offline'), ['from'], 'failed')).toEqual({ byField: {}, general: 'failed' });
  });

  it('says the messages a person meets in the page\u2019s language, and puts a conflict on the field its detail names', () => {
    localStorage.setItem('frontline.lang', 'zh-CN');
    const reversed = new ProblemError({ title: 'The request has invalid fields.', status: 400, errors: { to: ['Must not be before from: the dates are reversed.'] } });
    expect(placeProblem(reversed, ['from', 'to'], 'failed').byField).toEqual({ to: ['结束日期不能早于开始日期。'] });
    const twice = new ProblemError({ title: 'The same person is in another batch on the same days.', status: 409,
      detail: 'names[1].phone: already listed in batch 20220317-abcdefgh (2022-03-17 to 2022-04-06); one person counts once.' });
    expect(placeProblem(twice, ['names'], 'failed')).toEqual({ byField: { names: ['第2项：此人已在同期另一批次（2022年3月17日至2022年4月6日）的名单中，同一人只计一次。'] }, general: null });
    const overlap = new ProblemError({ title: 'The shift overlaps another of the same person.', status: 409, detail: 'shifts[0]: 08:00-12:00 overlaps their shift 20:00-08:00 of 2022-05-31 at s-1.' });
    expect(placeProblem(overlap, ['shifts'], 'failed').byField.shifts).toEqual(['第1项：与此人2022年5月31日的班次 20:00-08:00 时间重叠。']);
    // A detail naming no field of the form stays in the form's message; a message it does not know is shown as sent.
    expect(placeProblem(twice, ['from'], 'failed').general).toBe('The same person is in another batch on the same days. — 此人已在同期另一批次（2022年3月17日至2022年4月6日）的名单中，同一人只计一次。');
    expect(organiseMessage('Something new.')).toBe('Something new.');
    localStorage.setItem('frontline.lang', 'en');
    expect(organiseMessage('The leader must be a member of the team: list them in memberIds too.')).toBe('The leader must be a member: tick them as a member too.');
    localStorage.setItem('frontline.lang', 'zh-CN');
  });

  it('prints days as a 简报 does in Chinese and in words in English', () => {
    expect(dayName('2022-09-16', 'zh-CN')).toBe('2022年9月16日');
    expect(dayName('2022-06-01', 'en')).toBe('1 June 2022');
    expect(dayRange('2022-03-17', '2022-04-06', 'zh-CN')).toBe('2022年3月17日至2022年4月6日');
    expect(dayName('not a day', 'zh-CN')).toBe('not a day');
  });

  it('says hours whole or by the half', () => {
    expect(hoursText(8)).toBe('8');
    expect(hoursText(7.5)).toBe('7.5');
  });

  it('offers as members the unit\u2019s people assigned at the chosen sites, by name', () => {
    const people = [person('b', '王芳', 's-1'), person('a', '陈翀', 's-1'), person('c', '赵行', 's-2'), person('d', '刘艳平', 's-1', 'withdrawn'), person('e', '蒲建宇', null, 'waitlisted')];
    expect(eligibleMembers(people, ['s-1']).map((p) => p.volunteerId)).toEqual(['a', 'b']);
    expect(eligibleMembers(people, ['s-1', 's-2']).map((p) => p.volunteerId)).toEqual(['a', 'b', 'c']);
    expect(eligibleMembers(people, [])).toEqual([]);
  });

  it('builds a batch body from the form: names split on lines and 顿号, empty site rows and replaces left out', () => {
    expect(batchBody({ from: '2022-03-17', to: '2022-04-06', sites: [{ siteId: 's-1', people: '3' }, { siteId: '', people: '' }], names: '李春雷、陈翀\n\n王芳', replaces: '' }))
      .toEqual({ from: '2022-03-17', to: '2022-04-06', sites: [{ siteId: 's-1', people: 3 }], names: [{ name: '李春雷' }, { name: '陈翀' }, { name: '王芳' }] });
    expect(batchBody({ from: '2022-04-07', to: '2022-04-27', sites: [{ siteId: 's-1', people: 'x' }], names: ' ', replaces: '20220317-abcdefgh' }))
      .toEqual({ from: '2022-04-07', to: '2022-04-27', sites: [{ siteId: 's-1', people: 0 }], replaces: '20220317-abcdefgh' });
  });

  it('reads shift lines and hand-over times as typed, and writes a pattern back as lines', () => {
    expect(readShiftLines('06:00-10:00\n10:00–14:00\n\n14:00 至 18:00')).toEqual([
      { start: '06:00', end: '10:00' }, { start: '10:00', end: '14:00' }, { start: '14:00', end: '18:00' }]);
    expect(readShiftLines('08:00')).toEqual([{ start: '08:00', end: '' }]);
    expect(readHandovers('00:00、08:00，16:00')).toEqual(['00:00', '08:00', '16:00']);
    expect(shiftLines([{ start: '06:00', end: '10:00' }, { start: '10:00', end: '14:00' }])).toBe('06:00-10:00\n10:00-14:00');
  });

  it('offers the batch people on duty at a site on a day: active batches covering it, people with a batch person id there', () => {
    const batch = (batchId: string, from: string, to: string, status: string): Batch => ({
      batchId, unitId: 'nj-yibao', from, to, people: 3, registered: 1, sites: [], replaces: null, replacedBy: null, status, createdAt: '',
      names: [{ name: '程批次', siteId: 's-1', registered: false, personId: `b-nj-yibao-${batchId}-1` }, { name: '窦批次', siteId: 's-2', registered: false, personId: `b-nj-yibao-${batchId}-2` },
        { name: '李春雷', siteId: 's-1', registered: true, personId: null }],
    });
    const batches = [batch('20220520-aaaaaaaa', '2022-05-20', '2022-06-01', 'active'), batch('20220521-bbbbbbbb', '2022-05-21', '2022-06-30', 'withdrawn'),
      batch('20220602-cccccccc', '2022-06-02', '2022-06-30', 'active')];
    expect(batchPeopleOnDuty(batches, 's-1', '2022-06-01')).toEqual([{ personId: 'b-nj-yibao-20220520-aaaaaaaa-1', name: '程批次', batchId: '20220520-aaaaaaaa', from: '2022-05-20', to: '2022-06-01' }]);
    expect(batchPeopleOnDuty(batches, 's-2', '2022-06-02').map((p) => p.personId)).toEqual(['b-nj-yibao-20220602-cccccccc-2']);
    expect(batchPeopleOnDuty(batches, 's-1', '2022-05-19')).toEqual([]);
  });
});
