import type { SubmissionResult } from './api';

/** The .xlsx media type the API reads (Xlsx.MediaType on the server). */
export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The Content-Type to send a chosen file with, by its extension (what a phone's file picker reliably gives), or
 * null for a file the API does not read. A CSV goes without a charset: its bytes go as they are, and the server tells
 * UTF-8 from GBK, which the browser cannot know.
 */
export function uploadContentType(fileName: string): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension === 'xlsx') return xlsxType;
  if (extension === 'csv') return 'text/csv';
  return null;
}

/** One row of POST /api/units/{unitId}/counts/{day} as the API answers it (BatchRowResult). */
export interface BatchRowAnswer {
  row: number;
  siteId: string | null;
  status: number;
  result: SubmissionResult | null;
  errors: Record<string, string[]> | null;
  title: string | null;
}

/**
 * When every row is refused the API answers with one problem, its errors keyed rows[N].field (or rows[N] alone, with
 * the row's refusal); this turns them back into one answer per row, in order. Null when the problem is not about rows
 * (the file as a whole: charset, sheet, size).
 */
export function rowsOfProblem(status: number, errors: Record<string, string[]>): BatchRowAnswer[] | null {
  const byRow = new Map<number, BatchRowAnswer>();
  for (const [key, messages] of Object.entries(errors)) {
    const match = /^rows\[(\d+)\](?:\.(.+))?$/.exec(key);
    if (!match) return null;
    const row = Number(match[1]);
    const answer = byRow.get(row) ?? { row, siteId: null, status, result: null, errors: null, title: null };
    if (match[2]) answer.errors = { ...(answer.errors ?? {}), [match[2]]: messages };
    else answer.title = messages.join(' ');
    byRow.set(row, answer);
  }
  return byRow.size === 0 ? null : [...byRow.values()].sort((a, b) => a.row - b.row);
}
