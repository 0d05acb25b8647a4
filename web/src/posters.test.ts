import { describe, expect, it } from 'vitest';
import { placeFromQuery, posterPath, registrationLink } from './posters';

describe('registration posters', () => {
  it('reads the place from the query, the first kind given counting', () => {
    expect(placeFromQuery('?unit=xa-wenwu')).toEqual({ kind: 'unit', value: 'xa-wenwu' });
    expect(placeFromQuery('?community=%E4%B8%89%E7%89%8C%E6%A5%BC%E7%A4%BE%E5%8C%BA')).toEqual({ kind: 'community', value: '三牌楼社区' });
    expect(placeFromQuery('?site=nj-sanpailou&unit=nj-jiyao')).toEqual({ kind: 'unit', value: 'nj-jiyao' });
    expect(placeFromQuery('?unit=%20&other=1')).toBeNull();
  });

  it('links the QR code to the registration form with the place chosen, encoded', () => {
    expect(registrationLink('https://frontline.example', { kind: 'community', value: '三牌楼社区' }))
      .toBe('https://frontline.example/register.html?community=%E4%B8%89%E7%89%8C%E6%A5%BC%E7%A4%BE%E5%8C%BA');
    expect(registrationLink('http://127.0.0.1:5000', { kind: 'site', value: 'nj-sanpailou' })).toBe('http://127.0.0.1:5000/register.html?site=nj-sanpailou');
    expect(posterPath({ kind: 'unit', value: 'a&b' })).toBe('/poster.html?unit=a%26b');
  });
});
