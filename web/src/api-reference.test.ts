// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { type ApiDocument, entries, half, renderReference, type ReferenceLabels } from './api-reference';

const labels: ReferenceLabels = {
  anyone: 'anyone', roles: 'roles', unitMustMatch: 'own unit: {name}', parameters: 'parameters', requestBody: 'body', responses: 'answers',
  name: 'name', where: 'in', required: 'required', description: 'description', yes: 'yes', no: 'no',
};

const document_: ApiDocument = {
  servers: [{ url: '/api' }],
  tags: [{ name: 'DailyCounts', description: '每日数字报送 · Daily counts' }],
  paths: {
    '/units/{unitId}/counts/{day}': {
      post: {
        operationId: 'SubmitCountsBatch',
        tags: ['DailyCounts'],
        summary: '一次提交本单位多个点位一天的数字',
        description: 'Many sites of one unit and day at once.\n\nRoles.',
        parameters: [{ name: 'unitId', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CountsBatchRequest' } } } },
        responses: { '400': { description: '请求有误 · Invalid request', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } } },
        'x-roles': ['Reporter', 'Coordinator'],
        'x-unit-must-match': 'unitId',
      },
    },
  },
};

describe('the API reference', () => {
  it('lists each operation under the server path', () => {
    expect(entries(document_).map((entry) => `${entry.method} ${entry.path}`)).toEqual(['POST /api/units/{unitId}/counts/{day}']);
  });

  it('says two-language texts in the chosen language', () => {
    expect(half('每日数字报送 · Daily counts', 'zh-CN')).toBe('每日数字报送');
    expect(half('每日数字报送 · Daily counts', 'en')).toBe('Daily counts');
  });

  it('renders Chinese first, with who may call, the parameters, the body and the problem answers as text', () => {
    const container = document.createElement('div');
    const toc = document.createElement('ul');
    renderReference(document_, container, toc, 'zh-CN', labels);

    expect(toc.textContent).toBe('每日数字报送');
    const operation = container.querySelector('#op-SubmitCountsBatch');
    expect(operation?.textContent).toContain('一次提交本单位多个点位一天的数字');
    expect(operation?.textContent).toContain('roles: Reporter, Coordinator (own unit: unitId)');
    expect(operation?.textContent).toContain('application/json: CountsBatchRequest');
    expect(operation?.textContent).toContain('400 请求有误 — application/problem+json: ProblemDetails');

    renderReference(document_, container, toc, 'en', labels);
    expect(container.textContent).toContain('Many sites of one unit and day at once');
  });
});
