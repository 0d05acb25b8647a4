/** The one client for /api: typed answers, and RFC 9457 problem details as a ProblemError. */
import type { IndicatorValues } from './indicators';

export interface Problem {
  title: string;
  status: number;
  detail?: string;
  errors?: Record<string, string[]>;
  /** Members beyond RFC 9457's, such as the draft now stored ('current') that a 409 on a save carries. */
  extensions?: Record<string, unknown>;
}

export class ProblemError extends Error {
  readonly title: string;
  readonly status: number;
  readonly detail: string | null;
  /** Messages by field, with the field names of the request body (camelCase). */
  readonly errors: Record<string, string[]>;
  readonly retryAfterSeconds: number | null;
  readonly extensions: Record<string, unknown>;

  constructor(problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.title);
    this.name = 'ProblemError';
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail ?? null;
    this.errors = problem.errors ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
    this.extensions = problem.extensions ?? {};
  }
}

/** Retry-After is either a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number.parseInt(value, 10);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps only well-formed field errors: a hostile or broken body must not break the page. */
function fieldErrors(value: unknown): Record<string, string[]> {
  if (!isRecord(value)) return {};
  const errors: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    const list = (Array.isArray(messages) ? messages : [messages]).filter((message): message is string => typeof message === 'string');
    if (list.length > 0) errors[field] = list;
  }
  return errors;
}

export async function toProblem(response: Response): Promise<ProblemError> {
  const problem: Problem = { title: response.statusText || `HTTP ${response.status}`, status: response.status };
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      const body: unknown = await response.json();
      if (isRecord(body)) {
        if (typeof body.title === 'string') problem.title = body.title;
        if (typeof body.detail === 'string') problem.detail = body.detail;
        problem.errors = fieldErrors(body.errors);
        const standard = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);
        problem.extensions = Object.fromEntries(Object.entries(body).filter(([name]) => !standard.has(name)));
      }
    } catch {
      // A body that is not JSON keeps the status line as its title.
    }
  }
  return new ProblemError(problem, parseRetryAfter(response.headers.get('Retry-After')));
}

/** Gives the signed-in caller's access token, or null when nobody is signed in. */
export type TokenProvider = () => Promise<string | null>;
let tokenProvider: TokenProvider | null = null;

/** From now on every call to /api carries the token this gives (null: sign-out, calls go anonymous). */
export function useToken(provider: TokenProvider | null): void {
  tokenProvider = provider;
}

/**
 * The bearer token goes twice: as Authorization, and as X-Frontline-Authorization, because in Azure the Static
 * Web App in front of the linked Function App replaces Authorization with its own; the API reads the second.
 * Only calls to the API get it, never another address.
 */
export function attachToken(headers: Headers, path: string, token: string | null): void {
  if (!token || !path.startsWith('/api/')) return;
  headers.set('Authorization', `Bearer ${token}`);
  headers.set('X-Frontline-Authorization', `Bearer ${token}`);
}

/** One call to the API as it answers, with the signed-in caller's token (a download reads the body itself). */
export async function send(path: string, init: RequestInit = {}, fetcher: typeof fetch = fetch): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
  if (tokenProvider && !headers.has('Authorization')) attachToken(headers, path, await tokenProvider());
  return fetcher(path, { ...init, headers });
}

export async function request<T>(path: string, init: RequestInit = {}, fetcher: typeof fetch = fetch): Promise<T> {
  const response = await send(path, init, fetcher);
  if (!response.ok) throw await toProblem(response);
  // 202 and 204 may come without a body.
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export const getJson = <T>(path: string, fetcher?: typeof fetch) => request<T>(path, {}, fetcher);

export const postJson = <T>(path: string, body: unknown, fetcher?: typeof fetch) =>
  request<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, fetcher);

export const putJson = <T>(path: string, body: unknown, fetcher?: typeof fetch) =>
  request<T>(path, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }, fetcher);

/**
 * A site's figures for a day, or a sum of them: each indicator's value by code (GET /api/indicators names them). The
 * server still sends round one's seven named figures beside them for older clients; this site reads values only.
 */
export interface Figures {
  values: IndicatorValues;
}

export interface PublicStats {
  volunteersRegistered: number;
  volunteersOnDuty: number;
  units: number;
  sites: number;
  sitesCovered: number;
  totals: Figures;
  asOf: string;
}

export interface UnitSummary {
  id: string;
  name: string;
  siteIds: string[];
  peopleDispatched: number;
  /** Added by this API: false for a unit a volunteer typed in and no coordinator has confirmed yet. */
  verified?: boolean;
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
  /** The site's duty phone: an office line the office entered, public on purpose; null when none. */
  dutyPhone?: string | null;
  /** Of `assigned`, the people of dispatch batches on duty today who did not register (recorded by their unit). */
  fromBatches?: number;
}

export interface RegistrationAccepted {
  registrationId: string;
  receiptCode: string;
  statusUrl: string;
}

export type RegistrationState = 'received' | 'assigned' | 'waitlisted' | 'duplicate' | 'rejected' | 'withdrawn';

export interface RegistrationStatus {
  status: RegistrationState;
  site: { id: string; name: string; type: string; community: string; address: string | null; contact: string | null; dutyPhone?: string | null } | null;
  reason: string | null;
  /** The volunteer's role at their site: site-leader (点长), group-leader (组长), team-leader (队长) or member. */
  role?: string | null;
  /** Their team and its leader's name; the roster (phones masked) only for the leader. */
  team?: {
    name: string;
    kind: string;
    leaderName: string | null;
    isLeader: boolean;
    roster: { name: string; role: string; phoneMasked: string; siteId: string | null }[] | null;
  } | null;
  /** Their shifts today (Beijing time) and the next 6 days, earliest first: clock times and the site. */
  shifts?: UpcomingShift[] | null;
}

export interface UpcomingShift {
  /** yyyy-MM-dd, Beijing time: the day the shift starts. */
  day: string;
  start: string;
  end: string;
  /** A 24-hour post's night shift (20:00–08:00) ends the morning after. */
  endsNextDay: boolean;
  hours: number;
  siteId: string;
  siteName: string;
}

/** GET /api/bulletins/series: a public series (anyone), or the internal 工作日报 (Coordinators). */
export interface BulletinSeries {
  seriesId: string;
  kind: 'public' | 'internal';
  title: string;
  /** The issuing body's short name: the masthead reads shortName + title, 四川省地方志办政工简讯. */
  shortName: string;
  office: string;
  cadence: string;
  requireReview: boolean;
  /** The area code of a series scoped to a jurisdiction (成都市 510100); null for a series of units. */
  area?: string | null;
}

export interface BulletinSummary {
  seriesId: string;
  year: number;
  number: number;
  totalNumber: number;
  /** The issue's name in the series' words: 四川省地方志办政工简讯2022年第36期(总第97期). */
  title: string;
  headline: string;
  /** With its offset (+08:00): shown as sent. */
  publishedAt: string;
  isCorrection: boolean;
}

/** The printed 简报's bottom block; an empty line or 0 copies is left out. */
export interface BulletinDistribution {
  reportTo: string;
  sendTo: string;
  issueTo: string;
  copies: number;
}

export interface BulletinView extends Omit<BulletinSummary, 'isCorrection'> {
  /** The issuing body's full name (来源). */
  source: string;
  shortName: string;
  reviewer: string | null;
  composedAt: string;
  /** Server-rendered body; every piece of text in it is already HTML-encoded by the server. */
  html: string;
  corrects: { year: number; number: number; title: string } | null;
  distribution: BulletinDistribution | null;
}

export interface ContributionPerson {
  name: string;
  role?: string | null;
}

/** POST /api/contributions: a unit's piece for the bulletin (稿件), plain text. */
export interface ContributionRequest {
  siteId: string;
  day: string;
  title: string;
  paragraphs: string[];
  people?: ContributionPerson[];
  quote?: string;
  quoteBy?: string;
}

export type ContributionStatus = 'submitted' | 'withdrawn' | 'used';

export interface ContributionView {
  id: string;
  unitId: string;
  unitName: string;
  siteId: string;
  siteName: string;
  day: string;
  title: string;
  paragraphs: string[];
  people: ContributionPerson[];
  quote: string | null;
  quoteBy: string | null;
  submittedByName: string | null;
  submittedAt: string;
  status: ContributionStatus;
  usedIn: string | null;
  withdrawable: boolean;
  /** Who the （…供稿） line names. */
  contributor: string;
}

/** PUT /api/sites/{siteId}/counts/{day}: the new (or unchanged) version, and whether it was flagged for review. */
export interface SubmissionResult {
  siteId: string;
  unitId: string;
  day: string;
  version: number;
  changed: boolean;
  flagged: boolean;
  flagReason: string | null;
}

/** One stored version of a site's counts for a day (the unit's day and the history answer these). */
export interface SubmissionView {
  siteId: string;
  unitId: string;
  day: string;
  version: number;
  figures: Figures;
  highlight: string | null;
  submittedBy: string;
  submittedAt: string;
  flagged: boolean;
  flagReason: string | null;
  /** The version of the indicator definitions the submission was checked against. */
  indicatorVersion?: number;
}

/** GET /api/units/{unitId}/counts?day=: what the unit submitted that day and which of its open sites are missing. */
export interface UnitDay {
  unitId: string;
  day: string;
  submissions: SubmissionView[];
  missing: string[];
}

/** One day of GET /api/stats/daily: that day's summed figures and the number of site reports in them. */
export interface DailyFigures extends Figures {
  day: string;
  reports: number;
}

export interface DailySeries {
  from: string;
  to: string;
  days: DailyFigures[];
  /** GET /api/stats/daily?area=: the area the series is for. */
  area?: string;
}

/** An area as GET /api/stats/areas lists it above the one shown: the breadcrumb. */
export interface AreaSummary {
  code: string;
  name: string;
  /** province, city, county, town or community. */
  level: string;
  parent: string | null;
  sitesHere: number;
  sitesBelow: number;
}

/** An area's figures for a day: its sites' reports summed, and how many sites are in it and below it. */
export interface AreaFigures extends Figures {
  code: string;
  name: string;
  level: string;
  sitesBelow: number;
  reports: number;
}

/** GET /api/stats/areas?area=&day=: one step of the drill-down (area null at the top of the tree, its children the provinces). */
export interface AreaDayFigures {
  day: string;
  area: AreaFigures | null;
  /** The areas above it, the top first. */
  ancestors: AreaSummary[];
  children: AreaFigures[];
}
