import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export type Language = 'zh-CN' | 'en';
export type { MessageKey };

const dictionaries: Record<Language, Dictionary> = { 'zh-CN': zhCN, en };
const storageKey = 'frontline.lang';

export function currentLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The message in the current language, with {name} placeholders filled. */
export function t(key: MessageKey, values: Record<string, string | number> = {}, language: Language = currentLanguage()): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** Translates every element marked data-i18n (text) or data-i18n-aria-label, and the page language. */
export function applyLanguage(root: ParentNode = document, language: Language = currentLanguage()): void {
  document.documentElement.lang = language;
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n ?? '';
    if (isMessageKey(key)) element.textContent = t(key, {}, language);
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    const key = element.dataset.i18nAriaLabel ?? '';
    if (isMessageKey(key)) element.setAttribute('aria-label', t(key, {}, language));
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private mode: the switch still works for this page.
  }
  applyLanguage(document, language);
}

export function numberFormat(): Intl.NumberFormat {
  return new Intl.NumberFormat(currentLanguage());
}
