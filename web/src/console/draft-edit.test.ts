import { describe, expect, it } from 'vitest';
import type { Draft } from './client';
import { editOf, move, periodRange, placeDraftErrors, stateOf, windows } from './draft-edit';

const draft: Draft = {
  seriesId: 'zhenggong', periodKey: '2022-09-15', periodLabel: '9月15日', status: 'draft', headline: '发挥党员先锋作用', composedAt: '2022-09-16T08:00:00+08:00',
  editedBy: null, editedAt: null, reviewer: null, html: '', etag: 'W/"1"',
  content: {
    headline: '发挥党员先锋作用', lead: '导语。', figures: '数据。', closing: '结束语。',
    sections: [
      { title: '当好守门员。', paragraphs: ['一段。', '二段。'], contributedBy: '四川省地方志办机关党委', contributionId: 'c1' },
      { title: '当好组织员。', paragraphs: ['三段。'], contributedBy: null, contributionId: null },
    ],
  },
};

describe('draft editor model', () => {
  it('knows the days of each kind of period key', () => {
    expect(periodRange('2022-09-15')).toEqual({ from: '2022-09-15', to: '2022-09-15' });
    expect(periodRange('2022-03-17_2022-09-15')).toEqual({ from: '2022-03-17', to: '2022-09-15' });
    expect(periodRange('2022-W37')).toEqual({ from: '2022-09-12', to: '2022-09-18' });
    expect(periodRange('2021-W01')).toEqual({ from: '2021-01-04', to: '2021-01-10' });
    expect(periodRange('correction-x')).toBeNull();
    expect(windows('2022-08-01', '2022-09-15')).toEqual([{ from: '2022-08-01', to: '2022-08-31' }, { from: '2022-09-01', to: '2022-09-15' }]);
  });

  it('turns the draft into editable text and back into the PUT body, in the order the editor left it', () => {
    const state = stateOf(draft);
    expect(state.sections[0]!.body).toBe('一段。\n\n二段。');
    state.sections[0]!.body = '一段改。\n\n\n二段。';
    expect(move(state.sections, 0, 1)).toBe(1);
    expect(move(state.sections, 1, 1)).toBe(1);
    expect(editOf(state)).toEqual({
      headline: '发挥党员先锋作用', lead: '导语。', figures: '数据。', closing: '结束语。',
      sections: [{ title: '当好组织员。', paragraphs: ['三段。'] }, { contributionId: 'c1', title: '当好守门员。', paragraphs: ['一段改。', '二段。'] }],
    });
  });

  it('places the server\'s errors beside the editor\'s fields', () => {
    expect(placeDraftErrors({
      headline: ['Required.'], 'sections[1].contributionId': ['Not a contribution sent for this period (or it was withdrawn).'],
      'sections[0].paragraphs[2]': ['At most 2000 characters.'], sections: ['The bulletin is 13000 characters; at most 12000.'],
    })).toEqual({
      headline: { key: 'error.required' },
      'section.1.section': { key: 'editor.error.notInPeriod' },
      'section.0.paragraphs': { key: 'contribute.error.length', values: { max: 2000 }, paragraph: 3 },
      sections: { text: 'The bulletin is 13000 characters; at most 12000.' },
    });
  });
});
