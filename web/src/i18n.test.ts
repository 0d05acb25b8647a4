import { describe, expect, it } from 'vitest';
import { currentLanguage, isMessageKey, t } from './i18n';
import { en } from './i18n/en';
import { zhCN } from './i18n/zh-CN';

describe('dictionaries', () => {
  it('have the same keys and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const message of [...Object.values(en), ...Object.values(zhCN)]) expect(message.trim()).not.toBe('');
  });

  it('keep the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(placeholders(en[key])).toEqual(placeholders(zhCN[key]));
  });

  it('name every skill and every registration status', () => {
    for (const code of ['gate-control', 'testing-order', 'data-entry', 'sample-transport', 'disinfection', 'supply-delivery', 'door-to-door', 'psychological-support', 'driving', 'medical']) {
      expect(isMessageKey(`skill.${code}`)).toBe(true);
    }
    for (const status of ['received', 'assigned', 'waitlisted', 'duplicate', 'rejected', 'withdrawn']) expect(isMessageKey(`status.${status}`)).toBe(true);
  });
});

describe('t', () => {
  it('defaults to Chinese where nothing is stored', () => {
    expect(currentLanguage()).toBe('zh-CN');
    expect(t('nav.register')).toBe('志愿者报名');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('register.tooMany', { seconds: 37 }, 'zh-CN')).toBe('提交过于频繁，请 37 秒后再试。');
    expect(t('register.tooMany', { seconds: 37 }, 'en')).toBe('Too many submissions; try again in 37 seconds.');
    expect(t('register.tooMany', {}, 'en')).toContain('{seconds}');
  });

  it('knows its own keys only', () => {
    expect(isMessageKey('nav.home')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
