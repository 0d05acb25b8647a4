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
    expect(t('register.tooManyRetrying', { seconds: 37, time: '08:01:37' }, 'zh-CN')).toBe('提交的人太多，请稍候：37 秒后（08:01:37）将自动重新提交，您填写的内容都会保留。');
    expect(t('register.tooManyRetrying', { seconds: 37, time: '08:01:37' }, 'en'))
      .toBe('Too many people are registering right now: your form is sent again automatically in 37 seconds (at 08:01:37); everything you typed stays.');
    expect(t('register.tooManyRetrying', {}, 'en')).toContain('{seconds}');
  });

  it('knows its own keys only', () => {
    expect(isMessageKey('nav.home')).toBe(true);
    expect(isMessageKey('toString')).toBe(false);
  });
});
