import { describe, expect, it } from 'vitest';
import { normalizePhone, validateRegistration, type RegistrationForm } from './validation';

describe('normalizePhone', () => {
  it.each(['+86 138-0013-8000', '138 0013 8000', '13800138000', '0086 138 0013 8000'])('accepts %s as one number', (input) => {
    expect(normalizePhone(input)).toBe('13800138000');
  });

  it.each(['', '12345', '+1 415 555 0100', '12800138000', '138001380001', '138-0013-800O'])('refuses %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('validateRegistration', () => {
  const good: RegistrationForm = {
    name: '李春雷', phone: '138 0013 8000', workUnit: 'nj-yibao', partyMember: true, partyBranch: '', homeCommunity: '',
    skills: ['gate-control'], availableFrom: '2026-11-23', availableTo: '2026-12-23', consent: true,
  };

  it('passes a complete form', () => expect(validateRegistration(good)).toEqual({}));

  it('names every missing field at once', () => {
    const errors = validateRegistration({ ...good, name: ' ', phone: '', workUnit: '', partyMember: null, skills: [], consent: false });
    expect(Object.keys(errors).sort()).toEqual(['consent', 'name', 'partyMember', 'phone', 'skills', 'workUnit']);
  });

  it('refuses an end before the start', () => {
    expect(validateRegistration({ ...good, availableTo: '2026-11-01' }).availableTo).toBe('error.dates');
  });
});

describe('validateRegistration limits', () => {
  const good: RegistrationForm = {
    name: '赵行', phone: '8613800138000', workUnit: '市文物局', partyMember: false, partyBranch: '', homeCommunity: '',
    skills: ['medical'], availableFrom: '2026-11-23', availableTo: '2026-11-23', consent: true,
  };

  it('takes 86 without a plus, and a one-day availability', () => expect(validateRegistration(good)).toEqual({}));

  it('allows 50 characters of name and refuses 51', () => {
    expect(validateRegistration({ ...good, name: '李'.repeat(50) }).name).toBeUndefined();
    expect(validateRegistration({ ...good, name: '李'.repeat(51) }).name).toBe('error.name');
  });

  it('counts a character outside the BMP once', () => {
    expect(validateRegistration({ ...good, name: '𠮷'.repeat(50) }).name).toBeUndefined();
  });

  it('refuses a phone that is not mobile and asks for the dates', () => {
    const errors = validateRegistration({ ...good, phone: '025-8888 8888', availableFrom: '', availableTo: '' });
    expect(errors).toEqual({ phone: 'error.phone', availableFrom: 'error.required', availableTo: 'error.required' });
  });
});
