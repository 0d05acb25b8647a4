import { describe, expect, it } from 'vitest';
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
});
