import type { SubmissionResult } from '../api';
import { valueField, type CountField, type CountsBody } from '../counts';
import { codeOfRoundOneField } from '../indicators';

/**
 * The portal's send queue: a day's counts that could not be sent yet (no network, or the sign-in ran out) wait here,
 * on the device, and go out later in the order they were made, each at most once. The storage is behind
 * OutboxStore so the rules below are tested without a browser (IndexedDB in the page: ./device-store.ts).
 */

/** What the server said to a queued submission: stored (with its version), or refused with its problem. */
export type QueuedState = 'waiting' | 'sent' | 'refused';

export interface QueuedRefusal {
  status: number;
  title: string;
  detail: string | null;
  errors: Record<string, string[]>;
}

export interface QueuedSubmission {
  /** Sent as the Idempotency-Key header: the same key on a retry after a lost answer lets the server say "done already". */
  key: string;
  /** The order it was made in; the queue sends the lowest first. */
  sequence: number;
  unitId: string;
  siteId: string;
  day: string;
  body: CountsBody;
  queuedAt: string;
  state: QueuedState;
  /** The answer once it is sent: the stored version, or the refusal. */
  result?: Pick<SubmissionResult, 'version' | 'changed' | 'flagged'>;
  refusal?: QueuedRefusal;
  /** When it got its answer; answered entries are kept for a while so the portal can say what happened to them. */
  answeredAt?: string;
}

export interface OutboxStore {
  all(): Promise<QueuedSubmission[]>;
  put(entry: QueuedSubmission): Promise<void>;
  remove(key: string): Promise<void>;
}

/** One try at sending: what came back, or why nothing did. */
export type SendOutcome =
  | { kind: 'stored'; result: Pick<SubmissionResult, 'version' | 'changed' | 'flagged'> }
  | { kind: 'refused'; refusal: QueuedRefusal }
  /** No network (or a server error worth retrying): stop and try again later, in the same order. */
  | { kind: 'offline' }
  /** The token ran out: stop, keep everything, and ask for sign-in. */
  | { kind: 'unauthorized' };

export type Sender = (entry: QueuedSubmission) => Promise<SendOutcome>;

/** How a flush ended: everything of this unit answered, or stopped for the network or for sign-in. */
export type FlushEnd = 'done' | 'offline' | 'unauthorized';

/** Answered entries older than this are forgotten: the server's history has them. */
export const keepAnsweredMs = 24 * 60 * 60 * 1000;

export function newKey(random: () => string = () => crypto.randomUUID()): string {
  return random();
}

/** Queues a submission behind everything queued before it. */
export async function enqueue(
  store: OutboxStore,
  entry: Pick<QueuedSubmission, 'unitId' | 'siteId' | 'day' | 'body'>,
  now: Date = new Date(),
  key: string = newKey(),
): Promise<QueuedSubmission> {
  const all = await store.all();
  const sequence = all.reduce((highest, queued) => Math.max(highest, queued.sequence), 0) + 1;
  const queued: QueuedSubmission = { ...entry, key, sequence, queuedAt: now.toISOString(), state: 'waiting' };
  await store.put(queued);
  return queued;
}

/** The unit's entries still to send, oldest first. */
export async function waiting(store: OutboxStore, unitId: string): Promise<QueuedSubmission[]> {
  return (await store.all()).filter((entry) => entry.unitId === unitId && entry.state === 'waiting').sort((a, b) => a.sequence - b.sequence);
}

/**
 * The newest entry for each site of a day (waiting, sent or refused), so a site's card can say what became of
 * what was typed there.
 */
export async function latestBySite(store: OutboxStore, unitId: string, day: string): Promise<Map<string, QueuedSubmission>> {
  const latest = new Map<string, QueuedSubmission>();
  for (const entry of (await store.all()).filter((queued) => queued.unitId === unitId && queued.day === day).sort((a, b) => a.sequence - b.sequence)) {
    latest.set(entry.siteId, entry);
  }
  return latest;
}

/** Forgets answered entries older than keepAnsweredMs; waiting ones stay however old they are. */
export async function prune(store: OutboxStore, now: Date = new Date()): Promise<void> {
  for (const entry of await store.all()) {
    if (entry.state !== 'waiting' && entry.answeredAt && now.getTime() - Date.parse(entry.answeredAt) > keepAnsweredMs) await store.remove(entry.key);
  }
}

/**
 * Sends the unit's waiting entries in order. A refusal belongs to its entry and does not hold back the next one;
 * no network or an expired sign-in stops the flush with the rest still waiting. The caller runs one flush at a
 * time (flushOnce), so an entry is never in two sends at once.
 */
export async function flush(store: OutboxStore, unitId: string, send: Sender, now: () => Date = () => new Date()): Promise<FlushEnd> {
  for (const entry of await waiting(store, unitId)) {
    const outcome = await send(entry);
    if (outcome.kind === 'offline' || outcome.kind === 'unauthorized') return outcome.kind;
    const answered: QueuedSubmission = outcome.kind === 'stored'
      ? { ...entry, state: 'sent', result: outcome.result, answeredAt: now().toISOString() }
      : { ...entry, state: 'refused', refusal: outcome.refusal, answeredAt: now().toISOString() };
    await store.put(answered);
  }
  return 'done';
}

/**
 * One flush at a time: in this page through a shared promise, and across the portal's tabs through the Web Locks
 * API where the browser has it (both tabs' flushes would otherwise read the same waiting entry).
 */
export function serialized(lockName: string, locks: LockManager | undefined = globalThis.navigator?.locks): <T>(work: () => Promise<T>) => Promise<T> {
  let running: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = () => (locks ? locks.request(lockName, work) as Promise<T> : work());
    const next = running.then(run, run);
    running = next.catch(() => undefined);
    return next;
  };
}

/**
 * A body queued by the portal before indicators were data ({ onDuty: 3, …, highlight }) as the portal sends it now
 * ({ values: { 'on-duty': 3, … }, highlight }), so that a phone updated while offline sends what it kept the new way.
 * The server reads both alike, zeros of indicators a site type does not report included.
 */
export function upgradeQueuedBody(body: Record<string, unknown>): CountsBody {
  if (typeof body.values === 'object' && body.values !== null) return body as unknown as CountsBody;
  const values: Record<string, number> = {};
  for (const [field, value] of Object.entries(body)) {
    if (field !== 'highlight' && typeof value === 'number') values[codeOfRoundOneField(field)] = value;
  }
  return typeof body.highlight === 'string' ? { values, highlight: body.highlight } : { values };
}

/** A draft typed before indicators were data ({ onDuty: '3', highlight }) keyed as the form names its fields now. */
export function upgradeDraftValues(values: Record<string, string>): Partial<Record<CountField, string>> {
  return Object.fromEntries(Object.entries(values).map(([field, value]) =>
    [field === 'highlight' || field.startsWith('values.') ? field : valueField(codeOfRoundOneField(field)), value]));
}

/** An in-memory store: for tests, and for a browser without IndexedDB (the queue then lasts as long as the page). */
export function memoryStore(): OutboxStore {
  const entries = new Map<string, QueuedSubmission>();
  return {
    all: async () => [...entries.values()].map((entry) => structuredClone(entry)),
    put: async (entry) => { entries.set(entry.key, structuredClone(entry)); },
    remove: async (key) => { entries.delete(key); },
  };
}
