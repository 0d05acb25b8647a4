/**
 * 值班电话 / Duty phone: the command office enters a site's office line, which the site's volunteers see on their status
 * page. It is public on purpose, and the form says so, so that nobody types a person's mobile into it.
 */
import { el, say } from '../console/dom';
import { t } from '../i18n';
import type { OrganiseClient } from './client';
import { clearErrors, field, fill, select, showProblem, type Field, signedOut } from './form';

export function mountDutyPhone(root: HTMLElement, client: OrganiseClient, context: { sites: () => { id: string; name: string }[]; expired: () => void }): { refresh: () => void } {
  const site = select([]);
  const phone = el('input', { attrs: { type: 'tel', autocomplete: 'off', maxlength: '30', inputmode: 'tel' } });
  const fields: Field[] = [field('siteId', 'dp-site', t('dashboard.site'), site), field('dutyPhone', 'dp-phone', t('organise.dutyPhone.phone'), phone, t('organise.dutyPhone.hint'))];
  const result = el('p', { attrs: { role: 'status', 'data-testid': 'duty-phone-result' } });
  const form = el('form', { attrs: { novalidate: '', 'aria-labelledby': 'dp-heading' } },
    el('h4', { text: t('organise.dutyPhone.heading'), attrs: { id: 'dp-heading' } }),
    el('p', { className: 'public-note', text: t('organise.dutyPhone.public') }),
    ...fields.map((item) => item.wrapper), el('button', { className: 'button', text: t('organise.dutyPhone.save'), attrs: { type: 'submit' } }), result);
  root.append(form);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(fields, result);
    try {
      const answer = await client.setDutyPhone(site.value, phone.value.trim());
      const name = context.sites().find((candidate) => candidate.id === answer.siteId)?.name ?? answer.siteId;
      say(result, answer.dutyPhone ? t('organise.dutyPhone.saved', { site: name, phone: answer.dutyPhone }) : t('organise.dutyPhone.cleared', { site: name }));
    } catch (error) {
      if (signedOut(error, context)) return;
      showProblem(error, fields, result, t('console.actionError'));
    }
  });

  return { refresh: () => fill(site, context.sites().map((s): [string, string] => [s.id, s.name])) };
}
