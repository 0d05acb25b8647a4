/** Small DOM helpers for the console's sections: build elements with text (never HTML) and say what happened. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export function button(text: string, onClick: () => void | Promise<void>, className = 'button'): HTMLButtonElement {
  const element = el('button', { className, text, attrs: { type: 'button' } });
  element.addEventListener('click', async () => {
    element.disabled = true;
    try {
      await onClick();
    } finally {
      element.disabled = false;
    }
  });
  return element;
}

/** A table with a caption and column headers; rows are arrays of cells (the first is the row header). */
export function table(caption: string, headers: string[], rows: (Node | string)[][]): HTMLTableElement {
  const head = el('tr', {}, ...headers.map((text) => el('th', { text, attrs: { scope: 'col' } })));
  const body = rows.map((cells) => el('tr', {}, ...cells.map((cell, i) => (i === 0 ? el('th', { attrs: { scope: 'row' } }, cell) : el('td', {}, cell)))));
  return el('table', { className: 'data-table' }, el('caption', { text: caption }), el('thead', {}, head), el('tbody', {}, ...body));
}

/** Writes a message into a section's live region (role=status for news, role=alert for failures). */
export function say(region: HTMLElement, text: string, kind: 'ok' | 'error' = 'ok'): void {
  region.textContent = text;
  region.className = kind === 'error' ? 'error' : 'notice';
  region.hidden = text === '';
}

export interface SectionContext {
  day: () => string;
  /** Another section changed something (a move, an approval): sections that show it reload. */
  changed: (what: 'sites' | 'volunteers' | 'outbox' | 'drafts') => void;
}
