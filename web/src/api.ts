/** The one client for /api: typed answers, and RFC 9457 problem details as a ProblemError. */

export interface Problem {
  title: string;
  status: number;
  detail?: string;
  errors?: Record<string, string[]>;
}

export class ProblemError extends Error {
  readonly status: number;
  readonly errors: Record<string, string[]>;
  readonly retryAfterSeconds: number | null;

  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.title);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.errors = problem.errors ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export async function toProblem(response: Response): Promise<ProblemError> {
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  const type = response.headers.get('Content-Type') ?? '';
  let problem: Problem = { title: response.statusText || 'Request failed', status: response.status };
  if (type.includes('json')) {
    try {
      problem = { ...problem, ...((await response.json()) as Partial<Problem>) };
    } catch {
      // A body that is not JSON keeps the status line as its title.
    }
  }
  return new ProblemError(problem, Number.isFinite(retryAfter) ? retryAfter : null);
}

export async function request<T>(path: string, init: RequestInit = {}, fetcher: typeof fetch = fetch): Promise<T> {
  const response = await fetcher(path, { ...init, headers: { Accept: 'application/json', ...(init.headers ?? {}) } });
  if (!response.ok) throw await toProblem(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const getJson = <T>(path: string) => request<T>(path);

export const postJson = <T>(path: string, body: unknown) =>
  request<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

export interface CountFigures {
  onDuty: number;
  partyMembers: number;
  tested: number;
  peopleChecked: number;
  vehiclesChecked: number;
  suppliesDelivered: number;
  householdsVisited: number;
}

export interface PublicStats {
  volunteersRegistered: number;
  volunteersOnDuty: number;
  units: number;
  sites: number;
  sitesCovered: number;
  totals: CountFigures;
  asOf: string;
}

export interface UnitSummary {
  id: string;
  name: string;
  siteIds: string[];
  peopleDispatched: number;
  verified: boolean;
}

export interface SiteSummary {
  id: string;
  name: string;
  type: string;
  community: string;
  district: string | null;
  address: string | null;
  needed: number;
  assigned: number;
  open: boolean;
}

export interface RegistrationAccepted {
  registrationId: string;
  receiptCode: string;
  statusUrl: string;
}

export type RegistrationState = 'received' | 'assigned' | 'waitlisted' | 'duplicate' | 'rejected' | 'withdrawn';

export interface RegistrationStatus {
  status: RegistrationState;
  site: { id: string; name: string; type: string; community: string; address: string | null; contact: string | null } | null;
  reason: string | null;
}

export interface BulletinSummary {
  year: number;
  number: number;
  totalNumber: number;
  title: string;
  headline: string;
  publishedAt: string;
  isCorrection: boolean;
}

export interface BulletinView extends Omit<BulletinSummary, 'isCorrection'> {
  source: string;
  reviewer: string | null;
  composedAt: string;
  html: string;
  corrects: { year: number; number: number; title: string } | null;
}
