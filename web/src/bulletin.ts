/** What the bulletin page and its print layout say about an issue, apart from the page (tested on its own). */
import type { BulletinDistribution } from './api';

/** The page's own address for a series, and for an issue of it: ?series= always goes along. */
export function bulletinHref(seriesId: string | null, issue?: { year: number; number: number }): string {
  const params = new URLSearchParams();
  if (seriesId) params.set('series', seriesId);
  if (issue) {
    params.set('year', String(issue.year));
    params.set('number', String(issue.number));
  }
  const query = params.toString();
  return `/bulletins.html${query ? `?${query}` : ''}`;
}

/** An API path of the series: /api/bulletins/feed?series=zhenggong. */
export function seriesPath(path: string, seriesId: string | null): string {
  return seriesId ? `${path}?series=${encodeURIComponent(seriesId)}` : path;
}

/** 第36期(总第97期): the line under the masthead. */
export function issueLine(number: number, totalNumber: number): string {
  return `第${number}期(总第${totalNumber}期)`;
}

/** The bottom block's lines, each with its 报/送/发 label once; empty lines are left out, copies only when set. */
export function distributionLines(distribution: BulletinDistribution | null | undefined): { report: string; send: string; issue: string; copies: string } {
  const labelled = (text: string | undefined, label: string) => {
    const value = (text ?? '').trim();
    if (value === '') return '';
    return /^[报送发][：:]/.test(value) ? value.replace(/^(.)[:：]\s*/, '$1：') : `${label}：${value}`;
  };
  return {
    report: labelled(distribution?.reportTo, '报'),
    send: labelled(distribution?.sendTo, '送'),
    issue: labelled(distribution?.issueTo, '发'),
    copies: distribution && distribution.copies > 0 ? `（共印${distribution.copies}份）` : '',
  };
}
