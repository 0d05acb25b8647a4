import { describe, expect, it } from 'vitest';
import { placeServerErrors, readContribution, splitParagraphs, translateContributionMessage, type ContributionForm } from './contributions';

const form = (overrides: Partial<ContributionForm> = {}): ContributionForm => ({
  siteId: 'cd-yusha-testing', day: '2022-09-15', title: '两天当组长', body: '第一段。\n\n第二段，\n接着写。', people: [], quote: '', quoteBy: '', ...overrides,
});

describe('contributions', () => {
  it('splits the body at blank lines and joins the lines inside a paragraph', () => {
    expect(splitParagraphs('第一段。\r\n\r\n第二段，\n接着写。\n \n\n第三段')).toEqual(['第一段。', '第二段，接着写。', '第三段']);
    expect(splitParagraphs('  \n\n ')).toEqual([]);
  });

  it('reads a valid form into the request, leaving out empty people and an empty quote', () => {
    const { body, errors } = readContribution(form({ people: [{ name: '蒲建宇', role: '点长' }, { name: '', role: '' }, { name: '焦雁琦', role: '' }] }), '2022-09-16');
    expect(errors).toEqual({});
    expect(body).toEqual({
      siteId: 'cd-yusha-testing', day: '2022-09-15', title: '两天当组长', paragraphs: ['第一段。', '第二段，接着写。'],
      people: [{ name: '蒲建宇', role: '点长' }, { name: '焦雁琦' }],
    });
  });

  it('finds what the server would refuse, beside each field', () => {
    const { body, errors } = readContribution(form({
      siteId: '', day: '2022-09-17', title: '题'.repeat(41), body: '', people: [{ name: '', role: '点长' }], quoteBy: '蒲建宇',
    }), '2022-09-16');
    expect(body).toBeNull();
    expect(errors).toEqual({
      siteId: { key: 'contribute.error.site' },
      day: { key: 'counts.error.futureDay' },
      title: { key: 'contribute.error.length', values: { max: 40 } },
      paragraphs: { key: 'contribute.error.noParagraph' },
      'people.0.name': { key: 'error.required' },
      quoteBy: { key: 'contribute.error.quoteByAlone' },
    });
    expect(readContribution(form({ body: `短段。\n\n${'长'.repeat(1001)}` }), '2022-09-16').errors.paragraphs)
      .toEqual({ key: 'contribute.error.length', values: { max: 1000 }, paragraph: 2 });
  });

  it('puts the server\'s refusals beside the fields in the reader\'s language', () => {
    const { placed, unplaced } = placeServerErrors({
      'paragraphs[1]': ['Contains what looks like a phone or ID number; bulletins are public, so leave it out.'],
      'people[0].role': ['At most 20 characters.'],
      title: ['Contains HTML markup (<tag>); write plain text.'],
      siteId: ['The unit does not serve this site.'],
      unitId: ['Something else.'],
    });
    expect(placed).toEqual({
      paragraphs: { key: 'contribute.error.personalNumber', paragraph: 2 },
      'people.0.role': { key: 'contribute.error.length', values: { max: 20 } },
      title: { key: 'contribute.error.markup' },
      siteId: { key: 'contribute.error.site' },
    });
    expect(unplaced).toEqual(['Something else.']);
    expect(translateContributionMessage('Something new.')).toEqual({ text: 'Something new.' });
  });
});
