/**
 * The calls a unit's organiser (and the command office) makes about people at the sites: the unit's people, teams and
 * roles, dispatch batches, shift patterns, shifts and duty, and a site's duty phone. Each is typed and takes the
 * (authorized) fetch, so tests hand in a fake; refusals arrive as ProblemError (src/api.ts).
 */
import { ProblemError, request } from '../api';

export type TeamKind = 'commando' | 'service-team' | 'temporary-branch';
export type SiteRole = 'site-leader' | 'group-leader' | 'team-leader' | 'member';
export type PersonStatus = 'received' | 'assigned' | 'waitlisted' | 'withdrawn';

/** GET /api/units/{unitId}/volunteers: one of the unit's people, the phone only masked. */
export interface UnitPerson {
  volunteerId: string; name: string; phoneMasked: string; siteId: string | null; siteName: string | null; status: PersonStatus; role: SiteRole;
  teamId: string | null; teamName: string | null; partyMember: boolean;
}
export interface UnitPeoplePage { unitId: string; items: UnitPerson[]; continuation: string | null }

export interface TeamMember { volunteerId: string | null; name: string; phoneMasked: string; siteId: string | null; role: SiteRole; leader: boolean }
export interface Team {
  teamId: string; unitId: string; name: string; kind: TeamKind; siteIds: string[]; leaderName: string | null; members: TeamMember[]; updatedAt: string; etag: string;
}
export interface TeamBody { name: string; kind: TeamKind; siteIds: string[]; leaderId: string; memberIds: string[] }

export interface BatchSite { siteId: string; people: number; registered: number }
/**
 * A person a batch names. `personId` (`b-{unitId}-{batchId}-{n}`) is set for one who is not a registered volunteer: the
 * shift routes take it where they take a volunteer id. A registered one goes by their own volunteer id, so it is null.
 */
export interface BatchName { name: string; siteId: string; registered: boolean; personId?: string | null }
export interface Batch {
  batchId: string; unitId: string; from: string; to: string; people: number; registered: number; sites: BatchSite[]; names: BatchName[];
  replaces: string | null; replacedBy: string | null; status: 'active' | 'withdrawn' | string; createdAt: string;
}
export interface UnitBatches { unitId: string; day: string; onDuty: number; registeredOnDuty: number; addedOnDuty: number; personTimes: number; batches: number; items: Batch[] }
export interface BatchBody { from: string; to: string; sites: { siteId: string; people: number }[]; names?: { name: string; phone?: string; siteId?: string }[]; replaces?: string }

export interface Shift { id: string; start: string; end: string; hours: number }
export interface ShiftPattern {
  siteId: string; kind: 'day' | 'round-the-clock' | string; shifts: Shift[]; handovers: string[]; hoursCovered: number; updatedBy: string; updatedAt: string; etag: string;
}
export type ShiftPatternBody = { shifts: { start: string; end: string }[] } | { handovers: string[] };
export interface VolunteerDay { day: string; siteId: string; shifts: Shift[]; hours: number }
/** On a shift: a registered volunteer, or (`fromBatch`) a batch person who never registered, under their batch person id. */
export interface DutyPerson { volunteerId: string; name: string; unitId: string; fromBatch?: boolean }
export interface DutyShift { id: string; start: string; end: string; hours: number; onPattern: boolean; people: number; who: DutyPerson[] }
export interface SiteDuty {
  siteId: string; siteName: string; day: string; unitId: string | null; patternKind: string | null; shifts: DutyShift[]; people: number; personTimes: number;
  dutyHours: number; indicator: string; units: { unitId: string; people: number; personTimes: number; dutyHours: number }[];
}
export interface DutyPhone { siteId: string; dutyPhone: string | null; note: string }

const e = encodeURIComponent;
const body = (method: string, value: unknown, headers: Record<string, string> = {}): RequestInit =>
  ({ method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) });

/** ?a=1&b=2 from the values that are set. */
function query(values: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The pattern's ETag under either spelling: `etag`, or `eTag` as a camelCasing serializer writes the record's ETag. */
export function patternWithETag(pattern: ShiftPattern): ShiftPattern {
  const spelled = pattern as ShiftPattern & { eTag?: string };
  return spelled.etag === undefined && typeof spelled.eTag === 'string' ? { ...pattern, etag: spelled.eTag } : pattern;
}

export class OrganiseClient {
  constructor(private readonly fetcher: typeof fetch = (input, init) => fetch(input, init)) {}

  private call = <T>(path: string, init: RequestInit = {}) => request<T>(path, init, this.fetcher);

  /** A page of the unit's people; {@link allPeople} follows the continuation. */
  people = (unitId: string, options: { siteId?: string; status?: string; continuation?: string | null; take?: number } = {}) =>
    this.call<UnitPeoplePage>(`/api/units/${e(unitId)}/volunteers${query({ ...options })}`);

  /** Every one of the unit's people with this filter, page after page (at most 20 pages of 200: a unit of 4,000). */
  async allPeople(unitId: string, options: { siteId?: string; status?: string } = {}): Promise<UnitPerson[]> {
    const people: UnitPerson[] = [];
    let continuation: string | null = null;
    for (let page = 0; page < 20; page++) {
      const answer: UnitPeoplePage = await this.people(unitId, { ...options, continuation, take: 200 });
      people.push(...answer.items);
      continuation = answer.continuation;
      if (!continuation) break;
    }
    return people;
  }

  teams = (unitId: string) => this.call<{ unitId: string; teams: Team[] }>(`/api/units/${e(unitId)}/teams`);
  createTeam = (unitId: string, team: TeamBody) => this.call<Team>(`/api/units/${e(unitId)}/teams`, body('POST', team));
  /** Changes the team as read: a stale ETag is refused with the team as stored now in the problem's `current`. */
  updateTeam = (unitId: string, teamId: string, etag: string, team: TeamBody) =>
    this.call<Team>(`/api/units/${e(unitId)}/teams/${e(teamId)}`, body('PUT', team, { 'If-Match': etag }));
  setRole = (volunteerId: string, role: SiteRole) => this.call<{ volunteerId: string; unitId: string; siteId: string; role: SiteRole }>(`/api/volunteers/${e(volunteerId)}/role`, body('PUT', { role }));

  batches = (unitId: string, day?: string) => this.call<UnitBatches>(`/api/units/${e(unitId)}/batches${query({ day })}`);
  createBatch = (unitId: string, batch: BatchBody) => this.call<Batch>(`/api/units/${e(unitId)}/batches`, body('POST', batch));
  withdrawBatch = (unitId: string, batchId: string) => this.call<Batch>(`/api/units/${e(unitId)}/batches/${e(batchId)}/withdraw`, { method: 'POST' });

  /** A site's pattern, or null when it has none yet (the API's 404 naming siteId). */
  async pattern(siteId: string): Promise<ShiftPattern | null> {
    try {
      return patternWithETag(await this.call<ShiftPattern>(`/api/sites/${e(siteId)}/shift-pattern`));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404 && Object.keys(error.errors).length === 0) return null;
      throw error;
    }
  }
  /** Coordinators: the pattern, over the one read (If-Match; 412 when someone changed it meanwhile). */
  setPattern = async (siteId: string, pattern: ShiftPatternBody, etag: string | null) =>
    // Without a version read, a first pattern only: one set meanwhile by someone else is a 412, not overwritten.
    patternWithETag(await this.call<ShiftPattern>(`/api/sites/${e(siteId)}/shift-pattern`, body('PUT', pattern, etag ? { 'If-Match': etag } : { 'If-None-Match': '*' })));
  setShifts = (volunteerId: string, day: string, shifts: { start: string; end: string }[]) =>
    this.call<VolunteerDay>(`/api/volunteers/${e(volunteerId)}/shifts/${e(day)}`, body('PUT', { shifts }));
  duty = (siteId: string, day: string, unitId?: string) => this.call<SiteDuty>(`/api/sites/${e(siteId)}/duty${query({ day, unitId })}`);
  setDutyPhone = (siteId: string, dutyPhone: string) => this.call<DutyPhone>(`/api/sites/${e(siteId)}/duty-phone`, body('PUT', { dutyPhone }));
}
