// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { attentionText, waited } from './operations';

describe('the operations panel', () => {
  it('says each attention code as an instruction, in the reader\'s language', () => {
    setLanguage('zh-CN');
    expect(attentionText('poison:registrations')).toContain('队列 registrations 有处理失败的消息');
    expect(attentionText('stuck:daily-counts')).toContain('超过 5 分钟');
    expect(attentionText('late:zhenggong')).toContain('简讯 zhenggong');
    expect(attentionText('something-new')).toBe('something-new');
    setLanguage('en');
    expect(attentionText('late:zhenggong')).toContain('Bulletin zhenggong is 30 minutes past its time');
  });

  it('says a wait in seconds, minutes or hours', () => {
    setLanguage('zh-CN');
    expect(waited(45)).toBe('45 秒');
    expect(waited(12 * 60)).toBe('12 分钟');
    expect(waited(3 * 3600)).toBe('3 小时');
  });
});
