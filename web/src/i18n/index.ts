import { en } from './en';
import { zhCN, type Dictionary, type MessageKey } from './zh-CN';

export type Language = 'zh-CN' | 'en';
export type { MessageKey };

export const languages: readonly Language[] = ['zh-CN', 'en'];
const dictionaries: Record<Language, Dictionary> = { 'zh-CN': zhCN, en };
export const storageKey = 'frontline.lang';
/** Where storage is blocked (some private modes), the switch still works for the page that is open. */
let chosen: Language | null = null;

export function isLanguage(value: unknown): value is Language {
  return value === 'zh-CN' || value === 'en';
}

export function currentLanguage(): Language {
  if (chosen) return chosen;
  try {
    const stored = globalThis.localStorage?.getItem(storageKey);
    return isLanguage(stored) ? stored : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The message in the given (default: current) language, with {name} placeholders filled. */
export function t(key: MessageKey, values: Record<string, string | number> = {}, language: Language = currentLanguage()): string {
  return dictionaries[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** Translates every element marked data-i18n (text) or data-i18n-aria-label, and sets the page language. */
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
  chosen = language;
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Storage blocked: `chosen` carries the choice for this page.
  }
  applyLanguage(document, language);
}

export function numberFormat(language: Language = currentLanguage()): Intl.NumberFormat {
  return new Intl.NumberFormat(language);
}
