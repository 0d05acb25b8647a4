/** Exports as CSV or Excel: fetched with the token (a plain link would carry none), then saved as a file. */
import { t } from '../i18n';
import { problemText, query, type ConsoleClient } from './client';
import { button, el, say, type SectionContext } from './dom';

/** Hands a fetched export to the browser as a download under its file name. */
export function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = el('a', { attrs: { href: url, download: fileName } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function exportPath(kind: 'volunteers' | 'counts' | 'completeness', format: 'csv' | 'xlsx', range: { day: string; from: string; to: string }): string {
  const search = kind === 'counts' ? query({ from: range.from, to: range.to }) : kind === 'completeness' ? query({ day: range.day }) : '';
  return `/api/exports/${kind}.${format}${search}`;
}

export function mountExports(root: HTMLElement, client: ConsoleClient, context: SectionContext): void {
  const message = el('p', { attrs: { role: 'status' } });
  const from = el('input', { attrs: { type: 'date', id: 'export-from' } });
  const to = el('input', { attrs: { type: 'date', id: 'export-to' } });
  const day = new Date(`${context.day()}T00:00:00Z`);
  to.value = context.day();
  from.value = new Date(day.getTime() - 6 * 86_400_000).toISOString().slice(0, 10);
  const row = (kind: 'volunteers' | 'counts' | 'completeness') => el('li', {}, el('span', { className: 'export-name', text: t(`console.export.${kind}`) }), ' ',
    ...(['csv', 'xlsx'] as const).map((format) => {
      const action = button(format === 'csv' ? 'CSV' : 'Excel', async () => {
        try {
          const path = exportPath(kind, format, { day: context.day(), from: from.value, to: to.value });
          const { blob, fileName } = await client.download(path, `${kind}.${format}`);
          save(blob, fileName);
          say(message, t('console.downloaded', { file: fileName }));
        } catch (error) {
          say(message, problemText(error, t('console.actionError')), 'error');
        }
      }, 'button secondary');
      action.setAttribute('aria-label', `${t(`console.export.${kind}`)} ${format === 'csv' ? 'CSV' : 'Excel'}`);
      action.dataset.export = `${kind}.${format}`;
      return action;
    }));
  root.append(
    el('div', { className: 'field-row' },
      el('div', { className: 'field' }, el('label', { text: t('console.from'), attrs: { for: 'export-from' } }), from),
      el('div', { className: 'field' }, el('label', { text: t('console.to'), attrs: { for: 'export-to' } }), to)),
    el('ul', { className: 'export-list' }, row('volunteers'), row('counts'), row('completeness')),
    message);
}
