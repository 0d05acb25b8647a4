/**
 * The API reference, rendered from the OpenAPI document the API serves (/api/openapi.json): one section per tag, one
 * entry per operation with who may call it, its parameters, its body and its answers. DOM only, no innerHTML: every
 * text from the document is set as text.
 */
import type { Language } from './i18n';

export interface ReferenceLabels {
  anyone: string;
  roles: string;
  unitMustMatch: string;
  parameters: string;
  requestBody: string;
  responses: string;
  name: string;
  where: string;
  required: string;
  description: string;
  yes: string;
  no: string;
}

interface Schema { $ref?: string; type?: string | string[]; items?: Schema }
interface Parameter { name: string; in: string; required?: boolean; description?: string; schema?: Schema }
interface Media { schema?: Schema }
interface Operation {
  operationId: string;
  tags?: string[];
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
  'x-unit-must-match'?: string;
}
export interface ApiDocument {
  servers?: { url: string }[];
  tags?: { name: string; description?: string }[];
  paths: Record<string, Record<string, Operation>>;
}

export interface ReferenceEntry { tag: string; method: string; path: string; operation: Operation }

/** The operations in the document's order, each under its first tag. */
export function entries(document: ApiDocument): ReferenceEntry[] {
  const base = document.servers?.[0]?.url ?? '';
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({ tag: operation.tags?.[0] ?? '', method: method.toUpperCase(), path: base + path, operation })));
}

/** "中文 · English" texts (tags, answers) in one language; the Chinese half for zh-CN, the English half otherwise. */
export function half(text: string | undefined, language: Language): string {
  if (!text) return '';
  const parts = text.split(' · ');
  return parts.length < 2 ? text : language === 'zh-CN' ? parts[0] ?? text : parts.slice(1).join(' · ');
}

/** The summary is Chinese; the description opens with the English sentence. */
export function title(operation: Operation, language: Language): string {
  return language === 'zh-CN' ? operation.summary ?? '' : ((operation.description ?? '').split('\n')[0] ?? '').replace(/\.$/, '');
}

function schemaName(schema: Schema | undefined): string {
  if (!schema) return '—';
  if (schema.$ref) return schema.$ref.split('/').pop() ?? schema.$ref;
  if (schema.type === 'array') return `${schemaName(schema.items)}[]`;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type ?? '—';
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

export function anchor(entry: ReferenceEntry): string {
  return `op-${entry.operation.operationId}`;
}

function who(operation: Operation, labels: ReferenceLabels): string {
  const roles = operation['x-roles'];
  if (!roles?.length) return labels.anyone;
  const unit = operation['x-unit-must-match'];
  return `${labels.roles}: ${roles.join(', ')}${unit ? ` (${labels.unitMustMatch.replace('{name}', unit)})` : ''}`;
}

function operationSection(entry: ReferenceEntry, language: Language, labels: ReferenceLabels): HTMLElement {
  const { operation } = entry;
  const section = element('section', undefined, 'reference-operation');
  section.id = anchor(entry);
  const heading = element('h3');
  heading.append(element('code', entry.method, 'reference-method'), ' ', element('code', entry.path));
  section.append(heading, element('p', title(operation, language)), element('p', who(operation, labels), 'hint'));

  if (operation.parameters?.length) {
    const table = element('table', undefined, 'reference-table');
    table.append(element('caption', labels.parameters));
    const head = element('tr');
    for (const text of [labels.name, labels.where, labels.required, labels.description]) {
      const cell = element('th', text);
      cell.scope = 'col';
      head.append(cell);
    }
    table.append(head);
    for (const parameter of operation.parameters) {
      const row = element('tr');
      row.append(element('td', parameter.name), element('td', parameter.in), element('td', parameter.required ? labels.yes : labels.no),
        element('td', parameter.description ?? ''));
      table.append(row);
    }
    section.append(table);
  }

  const body = operation.requestBody?.content;
  if (body) {
    section.append(element('h4', labels.requestBody));
    const list = element('ul');
    for (const [mediaType, media] of Object.entries(body)) list.append(element('li', `${mediaType}: ${schemaName(media.schema)}`));
    section.append(list);
  }

  section.append(element('h4', labels.responses));
  const answers = element('ul');
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    const media = Object.entries(response.content ?? {})[0];
    answers.append(element('li', `${status} ${half(response.description, language)}${media ? ` — ${media[0]}: ${schemaName(media[1].schema)}` : ''}`));
  }
  section.append(answers);
  return section;
}

/** Renders the whole reference into the container and the table of contents into the list. */
export function renderReference(document_: ApiDocument, container: HTMLElement, toc: HTMLElement, language: Language, labels: ReferenceLabels): void {
  container.replaceChildren();
  toc.replaceChildren();
  const all = entries(document_);
  const tags = document_.tags?.map((tag) => tag.name) ?? [...new Set(all.map((entry) => entry.tag))];
  for (const tag of tags) {
    const inTag = all.filter((entry) => entry.tag === tag);
    if (inTag.length === 0) continue;
    const description = document_.tags?.find((candidate) => candidate.name === tag)?.description;
    const section = element('section', undefined, 'reference-tag');
    section.id = `tag-${tag}`;
    section.append(element('h2', half(description, language) || tag));
    const item = element('li');
    const link = element('a', half(description, language) || tag);
    link.href = `#tag-${tag}`;
    item.append(link);
    toc.append(item);
    for (const entry of inTag) section.append(operationSection(entry, language, labels));
    container.append(section);
  }
}
