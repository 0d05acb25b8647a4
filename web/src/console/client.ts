/** The console's calls: each one typed, each taking the (authorized) fetch so tests can hand in a fake. */
import { ProblemError, request, send, toProblem, type BulletinSeries, type ContributionView, type Figures, type SiteSummary, type UnitSummary } from '../api';
import type { Indicator, IndicatorRule, IndicatorSet } from '../indicators';

export interface SiteReport { siteId: string; name: string; status: 'reported' | 'late' | 'missing'; submittedAt: string | null; version: number | null; flagged: boolean }
export interface UnitCompleteness { unitId: string; name: string; reported: number; late: number; missing: number; sites: SiteReport[] }
export interface Completeness { day: string; reported: number; late: number; missing: number; units: UnitCompleteness[] }
export interface Submission { siteId: string; unitId: string; day: string; version: number; figures: Figures; highlight: string | null; submittedBy: string; submittedAt: string; flagged: boolean; flagReason: string | null }
export interface DraftSection { title: string; paragraphs: string[]; contributedBy: string | null; contributionId: string | null }
export interface DraftContent { headline: string; lead: string; figures: string; sections: DraftSection[]; closing: string }
export type DraftStatus = 'draft' | 'approved' | 'published';
export interface Draft {
  seriesId: string; periodKey: string; periodLabel: string; status: DraftStatus; headline: string; content: DraftContent; composedAt: string;
  editedBy: string | null; editedAt: string | null; reviewer: string | null; html: string; etag: string;
}
/** PUT …/content: the editor's version; a section names its contribution, whose 供稿 line the server adds. */
export interface DraftEdit { headline: string; lead: string; figures: string; closing: string; sections: { contributionId?: string; title: string; paragraphs: string[] }[] }
export interface RunResult { seriesId: string; periodKey: string; outcome: 'published' | 'draft' | 'unchanged' | string; year: number | null; number: number | null; totalNumber: number | null }
export type VolunteerStatus = 'assigned' | 'waitlisted' | 'withdrawn';
export interface Volunteer {
  volunteerId: string; name: string; phoneMasked: string; unitId: string; unitName: string; homeCommunity: string | null;
  siteId: string | null; siteName: string | null; status: VolunteerStatus; skills: string[]; partyMember: boolean; registeredAt: string;
}
export interface VolunteerPage { items: Volunteer[]; continuation: string | null }
export interface VolunteerQuery { q?: string; unitId?: string; community?: string; siteId?: string; status?: string; continuation?: string | null; take?: number }
export interface Reassigned { volunteerId: string; fromSiteId: string | null; toSiteId: string; status: string }
export interface OutboxEntry { id: string; unitId: string; unitName: string; day: string; channel: string; recipient: string; message: string; sentAt: string }
export interface PoisonMessage { messageId: string; insertedOn: string | null; dequeueCount: number; reason: string | null; summary: string }
export interface PoisonQueue { queue: string; messages: PoisonMessage[] }
/** The operations detail (GET /api/health/detail): backlogs, bulletins against their timer, what needs attention. */
export interface QueueState { queue: string; depth: number; oldestAgeSeconds: number; poison: number }
export interface BulletinSeriesHealth { seriesId: string; title: string; periodKey: string; state: 'published' | 'draft' | 'pending'; late: boolean; dueAt: string | null; nextDueAt: string | null; lastPublished: { year: number; number: number; totalNumber: number; periodKey: string; publishedAt: string } | null }
export interface HealthDetail { status: 'ok' | 'attention'; checkedAt: string; queues: QueueState[]; queuesReadAt: string | null; bulletins: BulletinSeriesHealth[]; lastRollUpAt: string | null; attention: string[] }
/** A unit's own system, bound by an Admin: its app-only token reports for this unit. */
export interface ApplicationBinding { clientId: string; unitId: string; unitName: string | null; name: string; boundBy: string; boundAt: string }
/** One record of the audit trail (GET /api/audit): who, what, when, from where, on which records. */
export interface AuditRecord {
  id: string; at: string; action: string; actorId: string; actorName: string | null; applicationId: string | null; actorRoles: string[];
  address: string; method: string; route: string; status: number; records: Record<string, string>; details: Record<string, string>;
}
/** An action the trail can hold, named in both languages, for the filter's choices. */
export interface AuditActionName { code: string; chinese: string; english: string }
export interface AuditPage { from: string; to: string; records: AuditRecord[]; truncated: boolean; actions: AuditActionName[] }
export interface AuditFilter { from: string; to: string; actor?: string; action?: string }

/** The indicator definitions are shared with the portal and the dashboard (../indicators). */
export type { Indicator, IndicatorRule, IndicatorSet };
/** PUT /api/indicators/{code}: the definition without its code, its English unit and its retirement. */
export type IndicatorDefinition = Omit<Indicator, 'code' | 'unitEn' | 'retired'>;

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const e = encodeURIComponent;

/** ?a=1&b=2 from the values that are set; empty strings and nulls are left out. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export class ConsoleClient {
  /** Every call goes through src/api.ts, which adds the signed-in caller's token; tests hand in a fake fetch. */
  constructor(private readonly fetcher: typeof fetch = (input, init) => fetch(input, init)) {}

  private get = <T>(path: string) => request<T>(path, {}, this.fetcher);
  private post = <T>(path: string, body: unknown = {}) => request<T>(path, json(body), this.fetcher);

  completeness = (day: string) => this.get<Completeness>(`/api/completeness${query({ day })}`);
  flagged = (day: string) => this.get<Submission[]>(`/api/counts/flagged${query({ day })}`);
  series = () => this.get<BulletinSeries[]>('/api/bulletins/series');
  drafts = async (series?: string) => (await this.get<Draft[]>(`/api/bulletins/drafts${query({ series })}`)).map(withETag);
  draft = async (series: string, periodKey: string) => withETag(await this.get<Draft>(`/api/bulletins/drafts/${e(periodKey)}/content${query({ series })}`));
  compose = async (series: string, from: string, to: string) => withETag(await this.post<Draft>('/api/bulletins/compose', { series, from, to }));
  saveDraft = (series: string, periodKey: string, etag: string, body: DraftEdit) => this.drafting(`/api/bulletins/drafts/${e(periodKey)}/content${query({ series })}`,
    { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': etag }, body: JSON.stringify(body) });
  /** Approval as 终审; with the ETag the approver read, only that version (409 when it changed). */
  approve = (periodKey: string, series?: string, etag?: string) => this.drafting(`/api/bulletins/drafts/${e(periodKey)}/approve${query({ series })}`,
    { ...json({}), headers: { 'Content-Type': 'application/json', ...(etag ? { 'If-Match': etag } : {}) } });
  /** The timer's operation now: every series' period that just closed, and the approved drafts. */
  run = () => this.post<RunResult[]>('/api/bulletins/run');
  contributions = (from: string, to: string) => this.get<ContributionView[]>(`/api/contributions${query({ from, to })}`);
  units = () => this.get<UnitSummary[]>('/api/units');
  sites = () => this.get<SiteSummary[]>('/api/sites');
  volunteers = (q: VolunteerQuery) => this.get<VolunteerPage>(`/api/volunteers${query({ ...q })}`);
  reassign = (volunteerId: string, siteId: string) => this.post<Reassigned>(`/api/volunteers/${e(volunteerId)}/reassign`, { siteId });
  remind = (day: string, unitIds?: string[]) => this.post<{ queued: number }>('/api/reminders', unitIds ? { day, unitIds } : { day });
  outbox = (day: string) => this.get<{ items: OutboxEntry[] }>(`/api/reminders/outbox${query({ day })}`);
  poison = () => this.get<{ queues: PoisonQueue[] }>('/api/queues/poison');
  health = () => this.get<HealthDetail>('/api/health/detail');
  replay = (queue: string, messageId: string) => this.post<unknown>(`/api/queues/${e(queue)}/poison/${e(messageId)}/replay`);
  /** Admins only: units' systems and the unit each reports for. */
  applications = () => this.get<{ items: ApplicationBinding[] }>('/api/apps');
  bindApplication = (clientId: string, unitId: string, name: string) => request<ApplicationBinding>(`/api/apps/${e(clientId)}`,
    { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ unitId, name }) }, this.fetcher);
  unbindApplication = (clientId: string) => request<void>(`/api/apps/${e(clientId)}`, { method: 'DELETE' }, this.fetcher);
  /** The indicator set in force (anyone may read it); changes are the Admins'. */
  indicators = (siteType?: string) => this.get<IndicatorSet>(`/api/indicators${query({ siteType })}`);
  /**
   * Adds (only: If-None-Match: *, so an existing code is named, never overwritten) or changes an indicator on the
   * version the Admin read (If-Match: a 409 when someone else changed the set since).
   */
  saveIndicator = (code: string, definition: IndicatorDefinition, mode: { add: true } | { version: number }) => request<IndicatorSet>(`/api/indicators/${e(code)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...('add' in mode ? { 'If-None-Match': '*' } : { 'If-Match': `"${mode.version}"` }) },
    body: JSON.stringify(definition),
  }, this.fetcher);
  retireIndicator = (code: string, version: number) => request<IndicatorSet>(`/api/indicators/${e(code)}/retirement`,
    { method: 'POST', headers: { 'If-Match': `"${version}"` } }, this.fetcher);
  /** Admins only: the audit trail by days (at most 31), actor and action, newest first. */
  audit = (filter: AuditFilter) => this.get<AuditPage>(`/api/audit${auditQuery(filter)}`);

  /** A save or an approval: the draft as stored now, and on a 409 the one someone else stored first, each with its ETag. */
  private async drafting(path: string, init: RequestInit): Promise<Draft> {
    try {
      return withETag(await request<Draft>(path, init, this.fetcher));
    } catch (error) {
      const current = error instanceof ProblemError ? error.extensions.current : undefined;
      if (current && typeof current === 'object') (error as ProblemError).extensions.current = withETag(current as Draft);
      throw error;
    }
  }

  /** An export as a blob with its file name (from Content-Disposition when the server gives one). */
  async download(path: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
    const response = await send(path, { headers: { Accept: '*/*' } }, this.fetcher);
    if (!response.ok) throw await toProblem(response);
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName };
  }
}

/** The audit trail's filters as a query, in the order the API documents them; empty ones are left out. */
export const auditQuery = (filter: AuditFilter): string => query({ from: filter.from, to: filter.to, actor: filter.actor?.trim(), action: filter.action });

/** The audit trail's export with the same filters as its list (fetched with the token through {@link ConsoleClient.download}). */
export const auditExportPath = (format: 'csv' | 'xlsx', filter: AuditFilter): string => `/api/audit/export.${format}${auditQuery(filter)}`;

/**
 * The draft's ETag under either spelling: the contract's `etag`, or `eTag` as a camelCasing serializer writes the
 * record's ETag property. The editor sends it back in If-Match.
 */
export function withETag(draft: Draft): Draft {
  const spelled = draft as Draft & { eTag?: string };
  return spelled.etag === undefined && typeof spelled.eTag === 'string' ? { ...draft, etag: spelled.eTag } : draft;
}

/** filename*=UTF-8''… wins over filename="…" (RFC 6266). */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain?.[1]?.trim() ?? null;
}

/** A problem as one readable line: the title, the detail, then each field's messages. */
export function problemText(error: unknown, fallback: string): string {
  if (!(error instanceof ProblemError)) return fallback;
  const parts = [error.title, error.detail ?? ''].filter((part) => part.trim() !== '');
  for (const [field, messages] of Object.entries(error.errors)) parts.push(`${field}: ${messages.join(' ')}`);
  return parts.join(' — ') || fallback;
}

/** Today in the deployment's time zone (Asia/Shanghai), as the API's days are. */
export function today(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Sites short of people, the most short first; and sites with more than they need (where a volunteer can come from). */
export function shortAndSurplus(sites: readonly SiteSummary[]): { short: SiteSummary[]; surplus: SiteSummary[] } {
  const open = sites.filter((site) => site.open);
  return {
    short: open.filter((site) => site.assigned < site.needed).sort((a, b) => (b.needed - b.assigned) - (a.needed - a.assigned) || a.name.localeCompare(b.name, 'zh-CN')),
    surplus: open.filter((site) => site.assigned > site.needed),
  };
}
