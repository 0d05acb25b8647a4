import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CountField } from '../counts';
import type { IndicatorSet } from '../indicators';
import { memoryStore, upgradeDraftValues, upgradeQueuedBody, type OutboxStore, type QueuedSubmission } from './outbox';

/**
 * What the portal keeps on the device, in IndexedDB: the send queue, the drafts of the site forms, and the indicator
 * definitions the forms are built from. The queue and the drafts hold a unit's figures and highlight text, never a
 * volunteer's phone or name; they are the reporter's own work, kept until it is sent (drafts) or answered (the
 * queue). The definitions are public (GET /api/indicators) and kept so that a form renders without signal.
 */

/** A site form as typed, for one unit, site and day. */
export interface Draft {
  unitId: string;
  siteId: string;
  day: string;
  values: Partial<Record<CountField, string>>;
  savedAt: string;
}

/** The definition set last read from the server, and when. */
export interface KeptIndicators {
  set: IndicatorSet;
  savedAt: string;
}

interface PortalDb extends DBSchema {
  outbox: { key: string; value: QueuedSubmission };
  drafts: { key: string; value: Draft };
  indicators: { key: string; value: KeptIndicators };
}

export interface DraftStore {
  get(unitId: string, siteId: string, day: string): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
  remove(unitId: string, siteId: string, day: string): Promise<void>;
}

export interface IndicatorStore {
  get(): Promise<KeptIndicators | undefined>;
  put(set: IndicatorSet): Promise<void>;
}

const draftKey = (unitId: string, siteId: string, day: string) => `${unitId}|${siteId}|${day}`;
/** One set is kept: the one in force when the portal last had signal. */
const currentSet = 'current';

/**
 * Version 1: the queue and the drafts, holding round one's seven named figures. Version 2: the definitions kept as
 * well, and what a phone queued or typed under version 1 rewritten by indicator code, so nothing kept is lost.
 */
const databaseVersion = 2;

let database: Promise<IDBPDatabase<PortalDb>> | null = null;
function open(): Promise<IDBPDatabase<PortalDb>> {
  database ??= openDB<PortalDb>('frontline-portal', databaseVersion, {
    async upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'key' });
        db.createObjectStore('drafts');
      }
      if (oldVersion < 2) {
        db.createObjectStore('indicators');
        if (oldVersion < 1) return;
        for (let cursor = await transaction.objectStore('outbox').openCursor(); cursor; cursor = await cursor.continue()) {
          await cursor.update({ ...cursor.value, body: upgradeQueuedBody(cursor.value.body as unknown as Record<string, unknown>) });
        }
        for (let cursor = await transaction.objectStore('drafts').openCursor(); cursor; cursor = await cursor.continue()) {
          await cursor.update({ ...cursor.value, values: upgradeDraftValues(cursor.value.values as Record<string, string>) });
        }
      }
    },
  });
  return database;
}

const hasIndexedDb = () => typeof indexedDB !== 'undefined';

export function deviceOutbox(): OutboxStore {
  if (!hasIndexedDb()) return memoryStore();
  return {
    all: async () => (await open()).getAll('outbox'),
    put: async (entry) => { await (await open()).put('outbox', entry); },
    remove: async (key) => { await (await open()).delete('outbox', key); },
  };
}

export function deviceDrafts(): DraftStore {
  if (!hasIndexedDb()) {
    const drafts = new Map<string, Draft>();
    return {
      get: async (unitId, siteId, day) => drafts.get(draftKey(unitId, siteId, day)),
      put: async (draft) => { drafts.set(draftKey(draft.unitId, draft.siteId, draft.day), draft); },
      remove: async (unitId, siteId, day) => { drafts.delete(draftKey(unitId, siteId, day)); },
    };
  }
  return {
    get: async (unitId, siteId, day) => (await open()).get('drafts', draftKey(unitId, siteId, day)),
    put: async (draft) => { await (await open()).put('drafts', draft, draftKey(draft.unitId, draft.siteId, draft.day)); },
    remove: async (unitId, siteId, day) => { await (await open()).delete('drafts', draftKey(unitId, siteId, day)); },
  };
}

export function deviceIndicators(): IndicatorStore {
  if (!hasIndexedDb()) {
    let kept: KeptIndicators | undefined;
    return {
      get: async () => kept,
      put: async (set) => { kept = { set, savedAt: new Date().toISOString() }; },
    };
  }
  return {
    get: async () => (await open()).get('indicators', currentSet),
    put: async (set) => { await (await open()).put('indicators', { set, savedAt: new Date().toISOString() }, currentSet); },
  };
}
