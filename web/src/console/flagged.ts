/** Counts flagged as far above their 7-day average: shown for a coordinator to check with the unit. */
import { currentLanguage, t } from '../i18n';
import { indicatorName, indicatorUnit, type Indicator, type IndicatorSet } from '../indicators';
import { problemText, type ConsoleClient, type Submission } from './client';
import { el, say, table, type SectionContext } from './dom';

/** A submission's values named by the definitions, in the form's order: 在岗人数 6 人；协助核酸检测 900 人次. */
export function figuresText(submission: Pick<Submission, 'figures'>, indicators: readonly Indicator[], language = currentLanguage()): string {
  const values = submission.figures.values ?? {};
  const known = indicators.filter((indicator) => indicator.code in values);
  const unknown = Object.keys(values).filter((code) => !known.some((indicator) => indicator.code === code)).sort();
  const format = new Intl.NumberFormat(language);
  return [
    ...known.map((indicator) => `${indicatorName(indicator, language)} ${format.format(values[indicator.code] ?? 0)} ${indicatorUnit(indicator, language)}`),
    ...unknown.map((code) => `${code} ${format.format(values[code] ?? 0)}`),
  ].join(language === 'en' ? '; ' : '；');
}

/** The server's reason ("tested 900 is far above the 7-day average of 100.") with the indicator named in the reader's language. */
export function reasonText(reason: string | null, indicators: readonly Indicator[], language = currentLanguage()): string {
  const match = /^([a-z][a-z0-9-]*) (\d+(?:\.\d+)?) is far above the 7-day average of (\d+(?:\.\d+)?)\.?$/.exec(reason ?? '');
  const indicator = match ? indicators.find((candidate) => candidate.code === match[1]) : undefined;
  if (!match || !indicator) return reason ?? '';
  return t('console.flagReason', { indicator: indicatorName(indicator, language), value: match[2] ?? '', average: match[3] ?? '' }, language);
}

export function mountFlagged(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  const message = el('p', { attrs: { role: 'status' } });
  const body = el('div', { attrs: { 'data-testid': 'flagged' } });
  root.append(message, body);
  let set: IndicatorSet | null = null;
  return async () => {
    try {
      const [flagged, definitions] = await Promise.all([client.flagged(context.day()), set ? Promise.resolve(set) : client.indicators().catch(() => null)]);
      set = definitions;
      // Every indicator, retired ones too: a flagged day may hold a figure no longer asked for.
      const indicators = set ? [...set.indicators].sort((a, b) => a.order - b.order || a.code.localeCompare(b.code)) : [];
      body.replaceChildren(flagged.length === 0
        ? el('p', { text: t('console.noFlagged') })
        : table(t('console.flagged'), [t('dashboard.site'), t('dashboard.unit'), t('console.version'), t('console.figures'), t('console.reason')],
          flagged.map((row) => [row.siteId, row.unitId, String(row.version), figuresText(row, indicators), reasonText(row.flagReason, indicators)])));
      say(message, '');
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  };
}
