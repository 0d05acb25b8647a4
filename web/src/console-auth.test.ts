import { describe, expect, it } from 'vitest';
import { authorizedFetch, currentToken, devSignIn, isSignInProblem, signOut } from './console-auth';
import { ProblemError } from './api';

type Call = { url: string; init: RequestInit };

function recorder(answer: (call: Call) => Response): { fetcher: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return answer(call);
  }) as typeof fetch;
  return { fetcher, calls };
}

describe('console sign-in', () => {
  it('asks the development token route for a Coordinator token and keeps it', async () => {
    signOut();
    const { fetcher, calls } = recorder(() => new Response(JSON.stringify({ accessToken: 'tok-1' }), { status: 200 }));

    await expect(devSignIn(' 何晓波 ', fetcher)).resolves.toBe('tok-1');

    expect(calls[0]?.url).toBe('/api/dev/token');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ roles: ['Coordinator'], name: '何晓波' });
    expect(currentToken()).toBe('tok-1');
  });

  it('sends the token as Authorization and as X-Frontline-Authorization', async () => {
    signOut();
    await devSignIn('', recorder(() => new Response(JSON.stringify({ accessToken: 'tok-2' }))).fetcher);
    const { fetcher, calls } = recorder(() => new Response('[]'));

    await authorizedFetch(fetcher)('/api/bulletins/drafts');

    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get('Authorization')).toBe('Bearer tok-2');
    expect(headers.get('X-Frontline-Authorization')).toBe('Bearer tok-2');
  });

  it('forgets the token when the API answers 401', async () => {
    await devSignIn('', recorder(() => new Response(JSON.stringify({ accessToken: 'tok-3' }))).fetcher);
    const { fetcher } = recorder(() => new Response(JSON.stringify({ title: 'Sign-in required.', status: 401 }), { status: 401, headers: { 'Content-Type': 'application/problem+json' } }));

    const response = await authorizedFetch(fetcher)('/api/completeness?day=2022-09-07');

    expect(response.status).toBe(401);
    expect(currentToken()).toBeNull();
  });

  it('sends nothing when nobody is signed in, and a 404 from the token route surfaces as a problem', async () => {
    signOut();
    const { fetcher, calls } = recorder(() => new Response(JSON.stringify({ title: 'Not found', status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } }));
    await authorizedFetch(fetcher)('/api/units');
    expect(new Headers(calls[0]?.init.headers).has('Authorization')).toBe(false);
    await expect(devSignIn('x', fetcher)).rejects.toMatchObject({ status: 404 });
    expect(isSignInProblem(new ProblemError({ title: 'Not allowed.', status: 403 }))).toBe(true);
    expect(isSignInProblem(new ProblemError({ title: 'Bad', status: 400 }))).toBe(false);
  });
});
