import { describe, expect, it } from 'vitest';
import { ProblemError, request } from './api';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } })) as typeof fetch;

describe('request', () => {
  it('turns problem+json into a ProblemError with the field errors', async () => {
    const failing = request('/api/registrations', {}, respond(400, { title: 'Invalid', status: 400, errors: { phone: ['Not a mobile number'] } }));
    await expect(failing).rejects.toMatchObject({ status: 400, errors: { phone: ['Not a mobile number'] } });
  });

  it('carries Retry-After for 429', async () => {
    const error = await request('/api/registrations', {}, respond(429, { title: 'Too many', status: 429 }, { 'Retry-After': '42' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).retryAfterSeconds).toBe(42);
  });

  it('returns the body of a success', async () => {
    const ok = (async () => new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
    await expect(request<{ status: string }>('/api/health', {}, ok)).resolves.toEqual({ status: 'ok' });
  });
});
