import { applyLanguage, currentLanguage, setLanguage } from './i18n';
import './styles.css';

/** Marks the nav link of this page, so screen readers say "current page" and the CSS can underline it. */
function markCurrentPage(): void {
  const here = location.pathname === '/' ? '/index.html' : location.pathname;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.site-header nav a')) {
    if (new URL(link.href).pathname === here) link.setAttribute('aria-current', 'page');
  }
}

/** Every page: translate, wire the language switch (which shows the other language's name in that language). */
export function startPage(onLanguageChange: () => void = () => {}): void {
  applyLanguage();
  markCurrentPage();
  const toggle = document.getElementById('language-switch');
  if (!(toggle instanceof HTMLButtonElement)) return;
  const label = () => {
    const other = currentLanguage() === 'en' ? 'zh-CN' : 'en';
    toggle.textContent = other === 'en' ? 'English' : '中文';
    toggle.lang = other;
  };
  label();
  toggle.addEventListener('click', () => {
    setLanguage(currentLanguage() === 'en' ? 'zh-CN' : 'en');
    label();
    onLanguageChange();
  });
}

export function show(element: HTMLElement | null, text?: string): void {
  if (!element) return;
  if (text !== undefined) element.textContent = text;
  element.hidden = false;
}

export function hide(element: HTMLElement | null): void {
  if (element) element.hidden = true;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}
