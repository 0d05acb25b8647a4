import type { MessageKey } from './i18n';

export const skillCodes = [
  'gate-control', 'testing-order', 'data-entry', 'sample-transport', 'disinfection',
  'supply-delivery', 'door-to-door', 'psychological-support', 'driving', 'medical',
] as const;

export type SkillCode = (typeof skillCodes)[number];

/** The same rule as the server: 11 digits from 13 to 19, spaces and dashes allowed, +86 or 0086 in front. */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32 || !/^\+?[\d\s\-().]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (digits.length === 15 && digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  else if (trimmed.startsWith('+')) return null;
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export interface RegistrationForm {
  name: string;
  phone: string;
  workUnit: string;
  partyMember: boolean | null;
  partyBranch: string;
  homeCommunity: string;
  skills: string[];
  availableFrom: string;
  availableTo: string;
  consent: boolean;
}

/** Errors by field, as message keys; the server checks again and has the last word. */
export function validateRegistration(form: RegistrationForm): Partial<Record<keyof RegistrationForm, MessageKey>> {
  const errors: Partial<Record<keyof RegistrationForm, MessageKey>> = {};
  // Counted in characters as people see them, so a rare name character outside the BMP counts once.
  const nameLength = [...form.name.trim()].length;
  if (nameLength === 0) errors.name = 'error.required';
  else if (nameLength > 50) errors.name = 'error.name';
  if (form.phone.trim().length === 0) errors.phone = 'error.required';
  else if (normalizePhone(form.phone) === null) errors.phone = 'error.phone';
  if (form.workUnit.trim().length === 0) errors.workUnit = 'error.required';
  if (form.partyMember === null) errors.partyMember = 'error.partyMember';
  if (form.skills.length === 0) errors.skills = 'error.skills';
  if (!form.availableFrom) errors.availableFrom = 'error.required';
  if (!form.availableTo) errors.availableTo = 'error.required';
  else if (form.availableFrom && form.availableTo < form.availableFrom) errors.availableTo = 'error.dates';
  if (!form.consent) errors.consent = 'error.consent';
  return errors;
}
