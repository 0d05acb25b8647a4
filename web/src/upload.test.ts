import { describe, expect, it } from 'vitest';
import { rowsOfProblem, uploadContentType, xlsxType } from './upload';

describe('uploadContentType', () => {
  it('sends .xlsx as a workbook and .csv without a charset, whatever the case of the name', () => {
    expect(uploadContentType('每日填报模板-unit-a.xlsx')).toBe(xlsxType);
    expect(uploadContentType('REPORT.XLSX')).toBe(xlsxType);
    expect(uploadContentType('填报.csv')).toBe('text/csv');
  });

  it('refuses what the API does not read', () => {
    expect(uploadContentType('report.xls')).toBeNull();
    expect(uploadContentType('report.xlsm')).toBeNull();
    expect(uploadContentType('report')).toBeNull();
    expect(uploadContentType('csv')).toBeNull();
  });
});

describe('rowsOfProblem', () => {
  it('turns rows[N].field errors back into one answer per row, in order', () => {
    const rows = rowsOfProblem(400, {
      'rows[2].values.sampling-rounds': ['From 0 to 50.'],
      'rows[1].onDuty': ['Required.'],
      'rows[1].values.duty-hours': ['At most one decimal place (a half hour is 0.5).'],
      'rows[3]': ['No such site.'],
    });
    expect(rows?.map((row) => row.row)).toEqual([1, 2, 3]);
    expect(Object.keys(rows?.[0]?.errors ?? {})).toEqual(['onDuty', 'values.duty-hours']);
    expect(Object.keys(rows?.[1]?.errors ?? {})).toEqual(['values.sampling-rounds']);
    expect(rows?.[2]?.title).toBe('No such site.');
    expect(rows?.[2]?.status).toBe(400);
  });

  it('leaves a problem about the file as a whole alone', () => {
    expect(rowsOfProblem(400, { charset: ['Declared charset=utf-8, but line 2 is not UTF-8.'] })).toBeNull();
    expect(rowsOfProblem(400, { 'rows[1].tested': ['x'], sheet: ['merged'] })).toBeNull();
    expect(rowsOfProblem(413, {})).toBeNull();
  });
});
