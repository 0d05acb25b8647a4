/**
 * Admins only: the units' own systems (Entra ID applications) bound to a unit, so that an app-only token of one
 * reports for that unit. Bind a client id to a unit under a name, list the bindings, unbind one.
 */
import type { UnitSummary } from '../api';
import { wallClock } from '../format';
import { t } from '../i18n';
import { problemText, type ConsoleClient } from './client';
import { button, el, say, table } from './dom';

/** A client id as Entra ID writes it: a GUID with hyphens (the API also takes upper case). */
export const isClientId = (value: string): boolean => /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value.trim());

function field(id: string, label: string, control: HTMLInputElement | HTMLSelectElement, hint?: string): HTMLElement {
  control.id = id;
  control.name = id;
  const parts: (Node | string)[] = [el('label', { text: label, attrs: { for: id } })];
  if (hint) {
    control.setAttribute('aria-describedby', `${id}-hint`);
    parts.push(el('p', { className: 'hint', text: hint, attrs: { id: `${id}-hint` } }));
  }
  return el('div', { className: 'field' }, ...parts, control);
}

export function mountApplications(root: HTMLElement, client: ConsoleClient): { refresh: () => Promise<void>; setUnits: (units: UnitSummary[]) => void } {
  const clientId = el('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '36' } });
  const unit = el('select', {}, el('option', { text: t('console.appsChooseUnit'), attrs: { value: '' } }));
  const name = el('input', { attrs: { type: 'text', autocomplete: 'off', maxlength: '60' } });
  const message = el('p', { attrs: { role: 'status' } });
  const list = el('div', { attrs: { 'data-testid': 'applications' } });
  const form = el('form', { className: 'filters', attrs: { 'aria-label': t('console.appsBind') } },
    field('app-client-id', t('console.appsClientId'), clientId, t('console.appsClientIdHint')),
    field('app-unit', t('dashboard.unit'), unit),
    field('app-name', t('console.appsName'), name),
    el('button', { className: 'button', text: t('console.appsBind'), attrs: { type: 'submit' } }));
  root.append(el('p', { className: 'hint', text: t('console.appsIntro') }), form, message, list);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!isClientId(clientId.value)) {
      say(message, t('console.appsBadClientId'), 'error');
      clientId.focus();
      return;
    }
    try {
      const bound = await client.bindApplication(clientId.value.trim(), unit.value, name.value.trim());
      say(message, t('console.appsBound', { name: bound.name, unit: bound.unitName ?? bound.unitId }));
      clientId.value = '';
      name.value = '';
      await refresh();
    } catch (error) {
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  });

  async function refresh(): Promise<void> {
    try {
      const { items } = await client.applications();
      list.replaceChildren(items.length === 0 ? el('p', { text: t('console.appsNone') })
        : el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('console.appsCaption') } }, table(t('console.appsCaption'),
          [t('console.appsName'), t('console.appsClientId'), t('dashboard.unit'), t('console.appsBoundBy'), ''],
          items.map((item) => {
            const unbind = button(t('console.appsUnbind'), async () => {
              try {
                await client.unbindApplication(item.clientId);
                say(message, t('console.appsUnbound', { name: item.name }));
                await refresh();
              } catch (error) {
                say(message, problemText(error, t('console.actionError')), 'error');
              }
            }, 'button secondary');
            unbind.setAttribute('aria-label', `${t('console.appsUnbind')} ${item.name} (${item.clientId})`);
            return [item.name, el('code', { text: item.clientId }), item.unitName ?? item.unitId, `${item.boundBy} · ${wallClock(item.boundAt)}`, unbind];
          }))));
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }

  return {
    refresh,
    setUnits: (units) => unit.replaceChildren(el('option', { text: t('console.appsChooseUnit'), attrs: { value: '' } }),
      ...[...units].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map((u) => el('option', { text: u.name, attrs: { value: u.id } }))),
  };
}
