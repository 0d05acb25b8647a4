/**
 * The portal's 上传表格: a reporter downloads the unit's template (Excel or CSV), fills it in, and uploads it; the
 * file's bytes go to the batch route as they are, and every row's answer (saved, or its refusals by field) is shown
 * in a table, as the API gives it.
 */
import { ProblemError, send, toProblem } from '../api';
import { fileNameOf } from '../console/client';
import { fieldMessageText, refusalKey, resultKind, translateServerMessage } from '../counts';
import { currentLanguage, t, type MessageKey } from '../i18n';
import { codeOfField, indicatorLabel, type IndicatorSet } from '../indicators';
import { byId, hide, show } from '../layout';
import { rowsOfProblem, uploadContentType, type BatchRowAnswer } from '../upload';

export interface UploadContext {
  unitId: () => string | null;
  day: () => string;
  siteName: (siteId: string) => string;
  /** A 401: the token ran out; the page signs out. */
  expired: () => void;
  /** Rows were saved: the site cards and the missing list read the day again. */
  uploaded: () => Promise<void>;
  /** The definitions that name a row's fields (the template's columns are the server's, from the same set). */
  indicators: () => IndicatorSet | null;
}

export function mountUpload(context: UploadContext): { render: () => void; reset: () => void } {
  const form = byId<HTMLFormElement>('upload-form');
  const input = byId<HTMLInputElement>('upload-file');
  let answers: BatchRowAnswer[] = [];
  let message: { key: MessageKey; values?: Record<string, string | number>; kind: 'ok' | 'error' } | null = null;

  /** A row's field as its column is headed: values.{code}, a code or a round-one field name is the indicator's name and unit. */
  function fieldLabel(field: string): string {
    if (field === 'highlight') return t('counts.highlight');
    if (field === 'siteId') return t('upload.site');
    const set = context.indicators();
    const code = codeOfField(field, set);
    const indicator = code ? set?.indicators.find((candidate) => candidate.code === code) : undefined;
    return indicator ? indicatorLabel(indicator, currentLanguage()) : field;
  }

  function answerText(answer: BatchRowAnswer): string {
    if (answer.result) {
      return t(`result.${resultKind(answer.result)}`, { version: answer.result.version }) + (answer.result.flagged ? ` ${t('result.flagged')}` : '');
    }
    const errors = Object.entries(answer.errors ?? {});
    if (errors.length > 0) {
      return errors.map(([field, messages]) => {
        const indicators = context.indicators()?.indicators;
        const translated = translateServerMessage(messages.join(' '), indicators);
        return t('upload.fieldError', { field: fieldLabel(field), message: fieldMessageText(translated, indicators) });
      }).join('；');
    }
    return t(refusalKey(answer.status, answer.title ?? ''), { title: answer.title ?? '' });
  }

  function render(): void {
    const status = byId('upload-status');
    status.textContent = message ? t(message.key, message.values) : '';
    status.classList.toggle('error', message?.kind === 'error');
    const table = byId<HTMLTableElement>('upload-results');
    table.hidden = answers.length === 0;
    byId('upload-results-body').replaceChildren(...answers.map((answer) => {
      const row = document.createElement('tr');
      row.dataset.row = String(answer.row);
      row.dataset.status = String(answer.status);
      const line = document.createElement('td');
      line.textContent = String(answer.row);
      const site = document.createElement('td');
      site.textContent = answer.siteId ? context.siteName(answer.siteId) : '—';
      const result = document.createElement('td');
      result.textContent = answerText(answer);
      result.className = answer.result ? 'accepted' : 'refused';
      row.append(line, site, result);
      return row;
    }));
  }

  async function download(format: 'xlsx' | 'csv'): Promise<void> {
    const unitId = context.unitId();
    if (!unitId) return;
    try {
      const response = await send(`/api/units/${encodeURIComponent(unitId)}/counts-template.${format}?day=${encodeURIComponent(context.day())}`, { headers: { Accept: '*/*' } });
      if (!response.ok) throw await toProblem(response);
      const fileName = fileNameOf(response.headers.get('Content-Disposition')) ?? `template.${format}`;
      // A plain link would carry no token, so the file is fetched and handed to the browser as a download.
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      Object.assign(link, { href: url, download: fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      message = { key: 'upload.downloaded', values: { file: fileName }, kind: 'ok' };
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) {
        context.expired();
        return;
      }
      message = { key: 'upload.downloadFailed', kind: 'error' };
    }
    render();
  }

  async function upload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const unitId = context.unitId();
    const file = input.files?.[0];
    const error = byId('upload-error');
    hide(error);
    if (!unitId) return;
    if (!file) {
      show(error, t('upload.chooseFile'));
      input.focus();
      return;
    }
    const contentType = uploadContentType(file.name);
    if (!contentType) {
      show(error, t('upload.wrongType'));
      input.focus();
      return;
    }

    const button = byId<HTMLButtonElement>('upload-submit');
    button.disabled = true;
    answers = [];
    message = { key: 'upload.sending', kind: 'ok' };
    render();
    try {
      const response = await send(`/api/units/${encodeURIComponent(unitId)}/counts/${encodeURIComponent(context.day())}`,
        { method: 'POST', headers: { 'Content-Type': contentType }, body: file });
      if (!response.ok) throw await toProblem(response);
      answers = (await response.json()) as BatchRowAnswer[];
      const accepted = answers.filter((answer) => answer.result).length;
      message = { key: 'upload.answered', values: { rows: answers.length, accepted, refused: answers.length - accepted }, kind: 'ok' };
      await context.uploaded();
    } catch (problem) {
      if (problem instanceof ProblemError && problem.status === 401) {
        context.expired();
        return;
      }
      const rows = problem instanceof ProblemError ? rowsOfProblem(problem.status, problem.errors) : null;
      if (rows) {
        answers = rows;
        message = { key: 'upload.noneAccepted', values: { rows: rows.length }, kind: 'error' };
      } else if (problem instanceof ProblemError) {
        // The file as a whole: its charset, its sheet, its size. The server names the line, cell or range.
        const reasons = Object.values(problem.errors).flat();
        message = { key: 'upload.fileRefused', values: { reason: reasons.length > 0 ? reasons.join(' ') : (problem.detail ?? problem.title) }, kind: 'error' };
      } else {
        message = { key: 'counts.network', kind: 'error' };
      }
    } finally {
      button.disabled = false;
    }
    render();
  }

  byId('template-xlsx').addEventListener('click', () => void download('xlsx'));
  byId('template-csv').addEventListener('click', () => void download('csv'));
  form.addEventListener('submit', (event) => void upload(event));

  return {
    render,
    reset: () => {
      answers = [];
      message = null;
      form.reset();
      hide(byId('upload-error'));
      render();
    },
  };
}
