/**
 * Admins only: the indicators each kind of site reports (指标定义), as data. Lists the set in force by site type with
 * names, units and bounds in both languages, adds and edits an indicator, retires one, and shows the version. Each
 * change is a new version; a change is made on the version read, so an Admin whose colleague changed the set first is
 * told to look again instead of overwriting it.
 */
import { currentLanguage, t, type Language, type MessageKey } from '../i18n';
import { problemText, type ConsoleClient, type Indicator, type IndicatorDefinition, type IndicatorSet } from './client';
import { button, el, say, table } from './dom';

export const siteTypes = ['community', 'compound', 'testing-point', 'checkpoint', 'supply-point'] as const;
export const unitWords = ['人', '人次', '轮', '辆', '份', '户', '次', '小时'] as const;

/** The code rule the API enforces: lower-case ASCII, a letter first, 2–40 characters, single hyphens. */
export const isIndicatorCode = (code: string): boolean => /^[a-z][a-z0-9-]{1,39}$/.test(code) && !code.endsWith('-') && !code.includes('--') && code !== 'versions';

const siteTypeName = (type: string) => t(`siteType.${type}` as MessageKey);

/** "0–5,000 人次" in the reader's language: the bounds and the unit word. */
export function boundsText(indicator: Pick<Indicator, 'min' | 'max' | 'unit' | 'unitEn'>, language: Language): string {
  const format = new Intl.NumberFormat(language === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 1 });
  return `${format.format(indicator.min)}–${format.format(indicator.max)} ${language === 'en' ? indicator.unitEn : indicator.unit}`;
}

/** The set's indicators for one site type ('' for all), live ones first, in the form's order. */
export function indicatorsFor(set: IndicatorSet, siteType: string): Indicator[] {
  return set.indicators
    .filter((indicator) => siteType === '' || indicator.siteTypes.includes(siteType))
    .sort((a, b) => Number(a.retired) - Number(b.retired) || a.order - b.order || a.code.localeCompare(b.code));
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = id;
  control.setAttribute('name', id);
  return el('div', { className: 'field' }, el('label', { text: label, attrs: { for: id } }), control);
}

function select(options: readonly (readonly [string, string])[]): HTMLSelectElement {
  return el('select', {}, ...options.map(([value, text]) => el('option', { text, attrs: { value } })));
}

export function mountIndicators(root: HTMLElement, client: ConsoleClient, language: () => Language = currentLanguage): { refresh: () => Promise<void> } {
  let set: IndicatorSet | null = null;
  let editing: Indicator | null = null;

  const version = el('p', { className: 'hint', attrs: { 'data-testid': 'indicator-version' } });
  const filter = select([['', t('console.indicatorsAllTypes')], ...siteTypes.map((type) => [type, siteTypeName(type)] as const)]);
  const message = el('p', { attrs: { role: 'status' } });
  const list = el('div', { attrs: { 'data-testid': 'indicators' } });

  const code = el('input', { attrs: { type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: '40', pattern: '[a-z][a-z0-9\\-]{1,39}' } });
  const nameZh = el('input', { attrs: { type: 'text', autocomplete: 'off', maxlength: '40', lang: 'zh-CN' } });
  const nameEn = el('input', { attrs: { type: 'text', autocomplete: 'off', maxlength: '80', lang: 'en' } });
  const unit = select(unitWords.map((word) => [word, word] as const));
  const kind = select([['count', t('console.indicatorsKindCount')], ['hours', t('console.indicatorsKindHours')]]);
  const aggregation = select([['sum', t('console.indicatorsAggSum')], ['latest', t('console.indicatorsAggLatest')], ['max', t('console.indicatorsAggMax')]]);
  const min = el('input', { attrs: { type: 'number', min: '0', step: 'any', inputmode: 'decimal', value: '0' } });
  const max = el('input', { attrs: { type: 'number', min: '0', step: 'any', inputmode: 'decimal' } });
  const order = el('input', { attrs: { type: 'number', min: '0', max: '10000', step: '1', inputmode: 'numeric', value: '100' } });
  const required = el('input', { attrs: { type: 'checkbox', id: 'indicator-required' } });
  const typeBoxes = siteTypes.map((type) => el('input', { attrs: { type: 'checkbox', value: type, id: `indicator-type-${type}` } }));
  const types = el('fieldset', { className: 'checks' }, el('legend', { text: t('console.indicatorsSiteTypes') }),
    ...typeBoxes.map((box, i) => el('label', { attrs: { for: box.id } }, box, ` ${siteTypeName(siteTypes[i]!)}`)));
  const legend = el('legend', { text: t('console.indicatorsAdd') });
  const cancel = button(t('console.indicatorsCancel'), () => startAdding(), 'button secondary');
  const form = el('form', { className: 'filters', attrs: { 'aria-label': t('console.indicatorsForm') } },
    el('fieldset', { className: 'indicator-editor' }, legend,
      field('indicator-code', t('console.indicatorsCode'), code),
      field('indicator-name-zh', t('console.indicatorsNameZh'), nameZh),
      field('indicator-name-en', t('console.indicatorsNameEn'), nameEn),
      field('indicator-unit', t('console.indicatorsUnit'), unit),
      field('indicator-kind', t('console.indicatorsKind'), kind),
      field('indicator-aggregation', t('console.indicatorsAggregation'), aggregation),
      field('indicator-min', t('console.indicatorsMin'), min),
      field('indicator-max', t('console.indicatorsMax'), max),
      field('indicator-order', t('console.indicatorsOrder'), order),
      types,
      el('p', { className: 'checks' }, el('label', { attrs: { for: required.id } }, required, ` ${t('console.indicatorsRequired')}`)),
      el('p', { className: 'form-actions' }, el('button', { className: 'button', text: t('console.indicatorsSave'), attrs: { type: 'submit' } }), ' ', cancel)));
  root.append(el('p', { className: 'hint', text: t('console.indicatorsIntro') }), version, field('indicator-filter', t('console.indicatorsShowType'), filter), list, message, form);

  function startAdding(): void {
    editing = null;
    form.reset();
    code.disabled = false;
    legend.textContent = t('console.indicatorsAdd');
    cancel.hidden = true;
  }

  function startEditing(indicator: Indicator): void {
    editing = indicator;
    code.value = indicator.code;
    code.disabled = true;
    nameZh.value = indicator.nameZh;
    nameEn.value = indicator.nameEn;
    unit.value = indicator.unit;
    kind.value = indicator.kind;
    aggregation.value = indicator.aggregation;
    min.value = String(indicator.min);
    max.value = String(indicator.max);
    order.value = String(indicator.order);
    required.checked = indicator.required;
    for (const box of typeBoxes) box.checked = indicator.siteTypes.includes(box.value);
    legend.textContent = t('console.indicatorsEditing', { code: indicator.code });
    cancel.hidden = false;
    nameZh.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const target = editing?.code ?? code.value.trim();
    if (!isIndicatorCode(target)) {
      say(message, t('console.indicatorsBadCode'), 'error');
      code.focus();
      return;
    }
    const definition: IndicatorDefinition = {
      nameZh: nameZh.value.trim(), nameEn: nameEn.value.trim(), unit: unit.value, kind: kind.value as Indicator['kind'],
      aggregation: aggregation.value as Indicator['aggregation'], min: Number(min.value || 0), max: Number(max.value),
      siteTypes: typeBoxes.filter((box) => box.checked).map((box) => box.value), required: required.checked, order: Number(order.value || 0),
    };
    try {
      set = await client.saveIndicator(target, definition, editing && set ? { version: set.version } : { add: true });
      say(message, t('console.indicatorsSaved', { code: target, version: set.version }));
      startAdding();
      render();
    } catch (error) {
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  });

  filter.addEventListener('change', () => render());

  function render(): void {
    if (!set) return;
    version.textContent = t('console.indicatorsVersion', { version: set.version, change: set.change || '—' });
    const shown = indicatorsFor(set, filter.value);
    const lang = language();
    list.replaceChildren(shown.length === 0 ? el('p', { text: t('console.indicatorsNone') })
      : el('div', { className: 'table-scroll', attrs: { tabindex: '0', role: 'region', 'aria-label': t('console.indicatorsCaption') } }, table(t('console.indicatorsCaption'),
        [t('console.indicatorsName'), t('console.indicatorsCode'), t('console.indicatorsBounds'), t('console.indicatorsSiteTypes'), t('console.indicatorsStatus'), ''],
        shown.map((indicator) => {
          const actions = el('span', { className: 'actions' });
          if (!indicator.retired) {
            const edit = button(t('console.indicatorsEdit'), () => startEditing(indicator), 'button secondary');
            edit.setAttribute('aria-label', `${t('console.indicatorsEdit')} ${indicator.nameZh}`);
            const retire = button(t('console.indicatorsRetire'), async () => {
              if (!set) return;
              try {
                set = await client.retireIndicator(indicator.code, set.version);
                say(message, t('console.indicatorsRetired', { code: indicator.code, version: set.version }));
                render();
              } catch (error) {
                say(message, problemText(error, t('console.actionError')), 'error');
              }
            }, 'button secondary');
            retire.setAttribute('aria-label', `${t('console.indicatorsRetire')} ${indicator.nameZh}`);
            actions.append(edit, ' ', retire);
          }
          return [
            el('span', {}, el('span', { text: indicator.nameZh, attrs: { lang: 'zh-CN' } }), el('br'), el('span', { className: 'hint', text: indicator.nameEn, attrs: { lang: 'en' } })),
            el('code', { text: indicator.code }),
            boundsText(indicator, lang),
            indicator.siteTypes.map(siteTypeName).join('、'),
            indicator.retired ? t('console.indicatorsRetiredStatus') : indicator.required ? t('console.indicatorsRequired') : t('console.indicatorsOptional'),
            actions,
          ];
        }))));
  }

  async function refresh(): Promise<void> {
    try {
      set = await client.indicators();
      render();
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }

  startAdding();
  return { refresh };
}
