/** Form pieces the organiser's pages share: a labelled field with its error line, and a server problem shown on its fields. */
import { ProblemError } from '../api';
import { el, say } from '../console/dom';
import { placeProblem } from './model';

/** A 401: the sign-in ran out, so the page signs in again (the context's `expired`) and shows nothing else. */
export function signedOut(error: unknown, context: { expired: () => void }): boolean {
  if (!(error instanceof ProblemError && error.status === 401)) return false;
  context.expired();
  return true;
}

export interface Field {
  /** The server's field name (`from`, `sites`, `memberIds`). */
  name: string;
  wrapper: HTMLElement;
  error: HTMLElement;
  /** What gets the focus when the server names this field. */
  focus: HTMLElement;
}

/** A `.field` with the label bound to the control and a hidden error line the control is described by. */
export function field(name: string, id: string, label: string, control: HTMLElement, hint?: string): Field {
  control.id = id;
  const error = el('p', { className: 'field-error', attrs: { id: `${id}-error` } });
  error.hidden = true;
  const describedBy = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', describedBy);
  const wrapper = el('div', { className: 'field' }, el('label', { text: label, attrs: { for: id } }), control,
    ...(hint ? [el('p', { className: 'hint', text: hint, attrs: { id: `${id}-hint` } })] : []), error);
  return { name, wrapper, error, focus: control };
}

/** A group of checkboxes or rows under a legend, with its error line (`siteIds`, `memberIds`, `sites`). */
export function group(name: string, id: string, legend: string, body: HTMLElement, hint?: string): Field {
  const error = el('p', { className: 'field-error', attrs: { id: `${id}-error` } });
  error.hidden = true;
  const wrapper = el('fieldset', { className: 'field', attrs: { id, 'aria-describedby': [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ') } },
    el('legend', { text: legend }), ...(hint ? [el('p', { className: 'hint', text: hint, attrs: { id: `${id}-hint` } })] : []), body, error);
  const focus = () => body.querySelector<HTMLElement>('input, select, button') ?? wrapper;
  return { name, wrapper, error, get focus() { return focus(); } };
}

export function clearErrors(fields: readonly Field[], message: HTMLElement): void {
  for (const item of fields) {
    item.error.textContent = '';
    item.error.hidden = true;
    item.focus.removeAttribute('aria-invalid');
  }
  say(message, '');
}

/** Each refusal on the field it names (the first one focused), the rest in the form's message. */
export function showProblem(error: unknown, fields: readonly Field[], message: HTMLElement, fallback: string): void {
  clearErrors(fields, message);
  const placed = placeProblem(error, fields.map((item) => item.name), fallback);
  let first: HTMLElement | null = null;
  for (const item of fields) {
    const messages = placed.byField[item.name];
    if (!messages) continue;
    item.error.textContent = messages.join(' ');
    item.error.hidden = false;
    item.focus.setAttribute('aria-invalid', 'true');
    first ??= item.focus;
  }
  if (placed.general) say(message, placed.general, 'error');
  first?.focus();
}

export function select(options: readonly [string, string][], chosen = ''): HTMLSelectElement {
  const element = el('select');
  fill(element, options, chosen);
  return element;
}

export function fill(element: HTMLSelectElement, options: readonly [string, string][], chosen = element.value): void {
  element.replaceChildren(...options.map(([value, text]) => el('option', { text, attrs: { value } })));
  // The chosen value stays chosen when it is still offered; otherwise the first option is.
  element.value = options.some(([value]) => value === chosen) ? chosen : options[0]?.[0] ?? '';
}

/** A checkbox inside its label (`.choice`, a 44px target), for lists of sites, people and shifts. */
export function checkbox(id: string, value: string, label: string, checked: boolean): { row: HTMLElement; input: HTMLInputElement } {
  const input = el('input', { attrs: { type: 'checkbox', id, value } });
  input.checked = checked;
  return { row: el('label', { className: 'choice', attrs: { for: id } }, input, label), input };
}
