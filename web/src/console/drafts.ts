/**
 * Bulletin drafts of every series (the internal 工作日报 too): compose the draft of a chosen period, edit it (headline,
 * lead, figures, sections in order, closing) and save it under its ETag, approve it as 终审, and run the publishing
 * now. A save that meets someone else's newer version loads theirs and says so.
 */
import { ProblemError, type BulletinSeries, type ContributionView } from '../api';
import type { ContributionMessage } from '../contributions';
import { addDays } from '../counts';
import { wallClock } from '../format';
import { t } from '../i18n';
import { problemText, today, type ConsoleClient, type Draft } from './client';
import { button, el, say, type SectionContext } from './dom';
import { editOf, move, periodRange, placeDraftErrors, stateOf, windows, type EditorSection, type EditorState } from './draft-edit';

interface Open {
  draft: Draft;
  state: EditorState;
  dirty: boolean;
  errors: Record<string, ContributionMessage>;
  pieces: ContributionView[] | 'failed' | null;
}

const seriesName = (series: BulletinSeries) => `${series.shortName}${series.title}`;

export function mountDrafts(root: HTMLElement, client: ConsoleClient, context: SectionContext): () => Promise<void> {
  let seriesList: BulletinSeries[] = [];
  let seriesId = '';
  let drafts: Draft[] = [];
  let open: Open | null = null;

  const message = el('p', { attrs: { role: 'status', id: 'drafts-message' } });
  message.hidden = true;
  const seriesSelect = el('select', { attrs: { id: 'drafts-series', name: 'series' } });
  const from = el('input', { attrs: { id: 'compose-from', name: 'from', type: 'date' } });
  const to = el('input', { attrs: { id: 'compose-to', name: 'to', type: 'date' } });
  const composeForm = el('form', { className: 'compose-form', attrs: { id: 'compose-form', 'aria-label': t('editor.compose') } },
    el('div', { className: 'field' }, el('label', { text: t('console.from'), attrs: { for: 'compose-from' } }), from),
    el('div', { className: 'field' }, el('label', { text: t('console.to'), attrs: { for: 'compose-to' } }), to),
    el('button', { className: 'button', text: t('editor.compose'), attrs: { type: 'submit' } }));
  const runButton = button(t('editor.run'), runNow, 'button secondary');
  runButton.id = 'run-bulletins';
  const list = el('ul', { className: 'draft-list', attrs: { 'data-testid': 'drafts' } });
  const editor = el('div', { className: 'draft-editor', attrs: { id: 'draft-editor' } });
  editor.hidden = true;
  root.append(
    el('div', { className: 'drafts-bar' }, el('div', { className: 'field' }, el('label', { text: t('editor.series'), attrs: { for: 'drafts-series' } }), seriesSelect), runButton),
    composeForm, message, list, editor);

  const yesterday = addDays(today(), -1);
  from.value = yesterday;
  to.value = yesterday;
  from.max = yesterday;
  to.max = yesterday;

  const seriesOf = (id: string) => seriesList.find((series) => series.seriesId === id);
  const nameOf = (id: string) => {
    const series = seriesOf(id);
    return series ? seriesName(series) : id;
  };
  const saySay = (text: ContributionMessage) => {
    const words = 'key' in text ? t(text.key, text.values) : text.text;
    return text.paragraph ? t('contribute.error.paragraph', { n: text.paragraph, message: words }) : words;
  };
  const statusText = (draft: Draft) => draft.status === 'approved'
    ? t('editor.status.approved', { reviewer: draft.reviewer || '—' })
    : draft.status === 'published' ? t('editor.status.published') : t('editor.status.draft');

  // ---- the list ------------------------------------------------------------------------------------------

  function renderList(): void {
    list.replaceChildren(...(drafts.length === 0 ? [el('li', { text: t('console.noDrafts') })] : drafts.map((draft) => {
      const edit = el('button', { className: 'button secondary', text: t('editor.edit'), attrs: { type: 'button', 'aria-label': t('editor.editNamed', { period: draft.periodLabel }) } });
      edit.addEventListener('click', () => void openDraft(draft.periodKey));
      const actions = el('p', { className: 'draft-actions' }, edit);
      if (draft.status === 'draft') {
        const approve = button(t('console.approve'), () => approveDraft(draft), 'button');
        approve.setAttribute('aria-label', t('editor.approveNamed', { period: draft.periodLabel }));
        actions.append(approve);
      }
      const edited = draft.editedBy && draft.editedAt ? ` · ${t('editor.editedBy', { who: draft.editedBy, when: wallClock(draft.editedAt, false) })}` : '';
      return el('li', { attrs: { 'data-period': draft.periodKey, 'data-status': draft.status } },
        el('h3', { text: `${draft.periodLabel} · ${draft.headline}` }),
        el('p', { className: 'hint', text: `${statusText(draft)}${edited}`, attrs: { 'data-testid': 'draft-status' } }),
        actions);
    })));
  }

  async function loadSeries(): Promise<void> {
    seriesList = await client.series();
    seriesId ||= seriesList.find((series) => series.kind === 'public')?.seriesId ?? seriesList[0]?.seriesId ?? '';
    seriesSelect.replaceChildren(...seriesList.map((series) => el('option', {
      text: series.kind === 'internal' ? `${seriesName(series)}（${t('editor.internal')}）` : seriesName(series),
      attrs: { value: series.seriesId, ...(series.seriesId === seriesId ? { selected: '' } : {}) },
    })));
  }

  async function refresh(): Promise<void> {
    try {
      if (seriesList.length === 0) await loadSeries();
      drafts = await client.drafts(seriesId || undefined);
      renderList();
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }

  // ---- compose, approve, run -----------------------------------------------------------------------------

  composeForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const draft = await client.compose(seriesId, from.value, to.value);
      await refresh();
      if (draft.status === 'published') {
        say(message, t('editor.alreadyPublished', { period: draft.periodLabel }));
        return;
      }
      say(message, t('editor.composed', { period: draft.periodLabel }));
      showEditor(draft);
    } catch (error) {
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  });

  async function approveDraft(draft: Draft): Promise<void> {
    try {
      const approved = await client.approve(draft.periodKey, draft.seriesId, draft.etag);
      say(message, t('editor.approved', { period: approved.periodLabel, reviewer: approved.reviewer || '—' }));
      await refresh();
      if (open?.draft.periodKey === approved.periodKey) showEditor(approved, true);
      context.changed('drafts');
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409 && isDraft(error.extensions.current)) {
        say(message, t('editor.conflict'), 'error');
        await refresh();
        showEditor(error.extensions.current, true);
        return;
      }
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  }

  async function runNow(): Promise<void> {
    try {
      const results = await client.run();
      const published = results.filter((result) => result.outcome === 'published');
      say(message, published.length === 0 ? t('editor.runNothing') : t('editor.runPublished', {
        list: published.map((result) => t('editor.runItem', { series: nameOf(result.seriesId), number: result.number ?? '', total: result.totalNumber ?? '' })).join('；'),
      }));
      await refresh();
      if (open && !drafts.some((draft) => draft.periodKey === open?.draft.periodKey)) closeEditor();
      context.changed('drafts');
    } catch (error) {
      say(message, problemText(error, t('console.actionError')), 'error');
    }
  }

  seriesSelect.addEventListener('change', () => {
    seriesId = seriesSelect.value;
    closeEditor(false);
    say(message, '');
    void refresh();
  });

  // ---- the editor ----------------------------------------------------------------------------------------

  async function openDraft(periodKey: string): Promise<void> {
    try {
      showEditor(await client.draft(seriesId, periodKey));
    } catch (error) {
      say(message, problemText(error, t('console.loadError')), 'error');
    }
  }

  function showEditor(draft: Draft, keepMessage = false): void {
    open = { draft, state: stateOf(draft), dirty: false, errors: {}, pieces: open?.draft.periodKey === draft.periodKey ? open.pieces : null };
    buildEditor(keepMessage);
    editor.hidden = false;
    byIdIn<HTMLElement>('editor-heading').focus();
    if (open.pieces === null) void loadPieces();
  }

  function closeEditor(focus = true): void {
    open = null;
    editor.replaceChildren();
    editor.hidden = true;
    if (focus) list.querySelector<HTMLButtonElement>('button')?.focus();
  }

  function byIdIn<T extends HTMLElement>(id: string): T {
    return editor.querySelector<T>(`#${id}`)!;
  }

  async function loadPieces(): Promise<void> {
    const current = open;
    const range = current ? periodRange(current.draft.periodKey) : null;
    if (!current || !range) return;
    try {
      const found = (await Promise.all(windows(range.from, range.to).map((window) => client.contributions(window.from, window.to)))).flat();
      current.pieces = found.filter((piece) => piece.status === 'submitted');
    } catch {
      current.pieces = 'failed';
    }
    if (open === current) renderPieces();
  }

  /** A labelled control with the error paragraph its aria-describedby names. */
  function field(id: string, label: string, control: HTMLInputElement | HTMLTextAreaElement, errorKey: string): HTMLElement {
    control.id = id;
    const error = el('p', { className: 'field-error', attrs: { id: `${id}-error` } });
    control.setAttribute('aria-describedby', error.id);
    const found = open?.errors[errorKey];
    if (found) {
      error.textContent = saySay(found);
      control.setAttribute('aria-invalid', 'true');
    } else {
      error.hidden = true;
    }
    return el('div', { className: 'field' }, el('label', { text: label, attrs: { for: id } }), control, error);
  }

  function text(value: string, onInput: (value: string) => void, multiline: number | null, maxLength?: number): HTMLInputElement | HTMLTextAreaElement {
    const control = multiline ? el('textarea', { attrs: { rows: String(multiline) } }) : el('input', { attrs: { type: 'text', autocomplete: 'off' } });
    if (maxLength) control.maxLength = maxLength;
    control.value = value;
    control.addEventListener('input', () => {
      onInput(control.value);
      if (open) open.dirty = true;
    });
    return control;
  }

  function buildEditor(keepMessage: boolean): void {
    if (!open) return;
    const { draft, state } = open;
    const editorMessage = el('p', { attrs: { role: 'status', id: 'editor-message' } });
    editorMessage.hidden = true;
    const heading = el('h3', { text: t('editor.heading', { period: draft.periodLabel, series: nameOf(draft.seriesId) }), attrs: { id: 'editor-heading', tabindex: '-1' } });
    const about = el('p', { className: 'hint', attrs: { id: 'editor-status', 'data-testid': 'editor-status' }, text: statusText(draft)
      + (draft.editedBy && draft.editedAt ? ` · ${t('editor.editedBy', { who: draft.editedBy, when: wallClock(draft.editedAt, false) })}` : '') });
    const sectionsError = el('p', { className: 'field-error', attrs: { id: 'editor-sections-error' } });
    const sectionsFound = open.errors.sections;
    sectionsError.textContent = sectionsFound ? saySay(sectionsFound) : '';
    sectionsError.hidden = !sectionsFound;
    const save = el('button', { className: 'button', text: t('editor.save'), attrs: { type: 'submit', id: 'editor-save' } });
    const approve = button(t('console.approve'), approveOpen, 'button secondary');
    approve.id = 'editor-approve';
    const close = button(t('editor.close'), () => closeEditor(), 'button secondary');
    const preview = el('div', { className: 'bulletin-body', attrs: { lang: 'zh-CN' } });
    // The server composes this HTML and encodes all text in it, as on the public bulletin page.
    preview.innerHTML = draft.html;
    const form = el('form', { className: 'editor-form', attrs: { id: 'draft-editor-form', 'aria-labelledby': 'editor-heading', novalidate: '' } },
      heading, about,
      field('editor-headline', t('editor.headline'), text(state.headline, (value) => { state.headline = value; }, null, 60), 'headline'),
      field('editor-lead', t('editor.lead'), text(state.lead, (value) => { state.lead = value; }, 4), 'lead'),
      field('editor-figures', t('editor.figures'), text(state.figures, (value) => { state.figures = value; }, 3), 'figures'),
      el('h4', { text: t('editor.sections'), attrs: { id: 'editor-sections-heading' } }), sectionsError,
      el('ol', { className: 'editor-sections', attrs: { id: 'editor-sections', 'aria-labelledby': 'editor-sections-heading' } }),
      el('div', { className: 'editor-add', attrs: { id: 'editor-add' } }),
      field('editor-closing', t('editor.closing'), text(state.closing, (value) => { state.closing = value; }, 3), 'closing'),
      el('p', { className: 'draft-actions' }, save, approve, close),
      editorMessage,
      el('details', {}, el('summary', { text: t('editor.preview') }), preview));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void saveOpen();
    });
    const previous = keepMessage ? editor.querySelector('#editor-message') : null;
    editor.replaceChildren(form);
    if (previous?.textContent) say(editorMessage, previous.textContent, previous.className === 'error' ? 'error' : 'ok');
    renderSections();
    renderPieces();
  }

  function sayEditor(text: string, kind: 'ok' | 'error' = 'ok'): void {
    const region = editor.querySelector<HTMLElement>('#editor-message');
    if (region) say(region, text, kind);
  }

  function renderSections(focus?: { index: number; part: 'up' | 'down' | 'remove' | 'title' }): void {
    if (!open) return;
    const { state } = open;
    const listElement = byIdIn<HTMLOListElement>('editor-sections');
    listElement.replaceChildren(...state.sections.map((section, index) => sectionItem(section, index)));
    if (state.sections.length === 0) listElement.append(el('li', { className: 'hint', text: t('editor.noSections') }));
    if (!focus) return;
    // A section moved to the top or the bottom keeps the focus on its other move button.
    const other = focus.part === 'up' ? 'down' : focus.part === 'down' ? 'up' : focus.part;
    const enabled = (element: HTMLElement | null) => element && !(element instanceof HTMLButtonElement && element.disabled) ? element : null;
    const usable = enabled(editor.querySelector<HTMLElement>(`#section-${focus.index}-${focus.part}`))
      ?? enabled(editor.querySelector<HTMLElement>(`#section-${focus.index}-${other}`))
      ?? editor.querySelector<HTMLElement>(`#section-${focus.index}-title`) ?? editor.querySelector<HTMLElement>('#editor-piece') ?? byIdIn('editor-heading');
    usable.focus();
  }

  function sectionItem(section: EditorSection, index: number): HTMLElement {
    const n = index + 1;
    const count = open?.state.sections.length ?? 0;
    const title = text(section.title, (value) => { section.title = value; }, null, 60);
    const body = text(section.body, (value) => { section.body = value; }, 6);
    const sectionError = open?.errors[`section.${index}.section`];
    const shift = (by: number, part: 'up' | 'down') => () => {
      if (!open) return;
      const to = move(open.state.sections, index, by);
      open.dirty = true;
      shiftErrors();
      renderSections({ index: to, part });
      sayEditor(t('editor.moved', { from: n, to: to + 1 }));
    };
    const up = el('button', { className: 'button secondary', text: t('editor.up'), attrs: { type: 'button', id: `section-${index}-up`, 'aria-label': t('editor.upNamed', { n }) } });
    up.disabled = index === 0;
    up.addEventListener('click', shift(-1, 'up'));
    const down = el('button', { className: 'button secondary', text: t('editor.down'), attrs: { type: 'button', id: `section-${index}-down`, 'aria-label': t('editor.downNamed', { n }) } });
    down.disabled = index === count - 1;
    down.addEventListener('click', shift(1, 'down'));
    const remove = el('button', { className: 'button secondary', text: t('editor.remove'), attrs: { type: 'button', id: `section-${index}-remove`, 'aria-label': t('editor.removeNamed', { n }) } });
    remove.addEventListener('click', () => {
      if (!open) return;
      open.state.sections.splice(index, 1);
      open.dirty = true;
      shiftErrors();
      renderSections({ index: Math.min(index, open.state.sections.length - 1), part: 'title' });
      renderPieces();
      sayEditor(t('editor.removed', { n }));
    });
    const legend = el('legend', { text: t('editor.section', { n }) });
    const fieldset = el('fieldset', { className: 'editor-section' }, legend,
      field(`section-${index}-title`, t('editor.sectionTitle', { n }), title, `section.${index}.title`),
      field(`section-${index}-body`, t('editor.sectionBody', { n }), body, `section.${index}.paragraphs`));
    if (section.contributedBy) fieldset.append(el('p', { className: 'contributed-by', text: `（${section.contributedBy}供稿）`, attrs: { lang: 'zh-CN' } }));
    if (sectionError) fieldset.append(el('p', { className: 'field-error', text: saySay(sectionError) }));
    fieldset.append(el('p', { className: 'section-actions' }, up, down, remove));
    return el('li', { attrs: { 'data-section': String(n), ...(section.contributionId ? { 'data-contribution-id': section.contributionId } : {}) } }, fieldset);
  }

  /** Errors of sections are by index; after a move or a removal they no longer point at the right one, so they go. */
  function shiftErrors(): void {
    if (!open) return;
    open.errors = Object.fromEntries(Object.entries(open.errors).filter(([key]) => !key.startsWith('section.')));
  }

  function renderPieces(): void {
    if (!open) return;
    const box = byIdIn<HTMLElement>('editor-add');
    const blank = button(t('editor.addBlank'), () => addSection({ contributionId: null, contributedBy: null, title: '', body: '' }), 'button secondary');
    if (open.pieces === null || open.pieces === 'failed') {
      box.replaceChildren(el('p', { className: open.pieces === 'failed' ? 'error' : 'hint', text: t(open.pieces === 'failed' ? 'console.loadError' : 'console.loading') }), blank);
      return;
    }
    const used = new Set(open.state.sections.map((section) => section.contributionId).filter(Boolean));
    const available = open.pieces.filter((piece) => !used.has(piece.id));
    if (available.length === 0) {
      box.replaceChildren(el('p', { className: 'hint', text: t('editor.noPieces') }), blank);
      return;
    }
    const select = el('select', { attrs: { id: 'editor-piece', name: 'contribution' } },
      ...available.map((piece) => el('option', { text: `${piece.unitName} · ${piece.day} · ${piece.title}`, attrs: { value: piece.id } })));
    const add = button(t('editor.addPiece'), () => {
      const piece = available.find((candidate) => candidate.id === select.value);
      if (!piece) return;
      const paragraphs = [...piece.paragraphs];
      if (piece.quote) paragraphs.push(piece.quoteBy ? `${piece.quoteBy}说：“${piece.quote}”` : `“${piece.quote}”`);
      addSection({ contributionId: piece.id, contributedBy: piece.contributor, title: piece.title, body: paragraphs.join('\n\n') });
    }, 'button secondary');
    box.replaceChildren(el('div', { className: 'field' }, el('label', { text: t('editor.piece'), attrs: { for: 'editor-piece' } }), select), add, ' ', blank);
  }

  function addSection(section: EditorSection): void {
    if (!open) return;
    open.state.sections.push(section);
    open.dirty = true;
    renderSections({ index: open.state.sections.length - 1, part: 'title' });
    renderPieces();
    sayEditor(t('editor.added', { n: open.state.sections.length }));
  }

  async function saveOpen(): Promise<void> {
    const current = open;
    if (!current) return;
    try {
      const saved = await client.saveDraft(current.draft.seriesId, current.draft.periodKey, current.draft.etag, editOf(current.state));
      showEditor(saved);
      sayEditor(t('editor.saved', { period: saved.periodLabel }));
      await refresh();
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409 && isDraft(error.extensions.current)) {
        // Someone saved first: their version is loaded; the editor makes the changes again over it.
        showEditor(error.extensions.current);
        sayEditor(t('editor.conflict'), 'error');
        await refresh();
        return;
      }
      if (error instanceof ProblemError && Object.keys(error.errors).length > 0) {
        current.errors = placeDraftErrors(error.errors);
        buildEditor(false);
        sayEditor(t('portal.formInvalid'), 'error');
        editor.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
        return;
      }
      sayEditor(problemText(error, t('console.actionError')), 'error');
    }
  }

  async function approveOpen(): Promise<void> {
    if (!open) return;
    if (open.dirty) {
      sayEditor(t('editor.saveFirst'), 'error');
      return;
    }
    await approveDraft(open.draft);
    if (open) sayEditor(message.textContent ?? '', message.className === 'error' ? 'error' : 'ok');
  }

  return refresh;
}

function isDraft(value: unknown): value is Draft {
  return typeof value === 'object' && value !== null && 'periodKey' in value && 'content' in value && 'etag' in value;
}
