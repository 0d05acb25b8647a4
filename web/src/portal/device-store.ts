import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CountField } from '../counts';
import { memoryStore, type OutboxStore, type QueuedSubmission } from './outbox';

/**
 * What the portal keeps on the device, in IndexedDB: the send queue and the drafts of the site forms. Both hold a
 * unit's figures and highlight text, never a volunteer's phone or name; they are the reporter's own work, kept
 * until it is sent (drafts) or answered (the queue).
 */

/** A site form as typed, for one unit, site and day. */
export interface Draft {
  unitId: string;
  siteId: string;
  day: string;
  values: Partial<Record<CountField, string>>;
  savedAt: string;
}

interface PortalDb extends DBSchema {
  outbox: { key: string; value: QueuedSubmission };
  drafts: { key: string; value: Draft };
}

export interface DraftStore {
  get(unitId: string, siteId: string, day: string): Promise<Draft | undefined>;
  put(draft: Draft): Promise<void>;
  remove(unitId: string, siteId: string, day: string): Promise<void>;
}

const draftKey = (unitId: string, siteId: string, day: string) => `${unitId}|${siteId}|${day}`;

let database: Promise<IDBPDatabase<PortalDb>> | null = null;
function open(): Promise<IDBPDatabase<PortalDb>> {
  database ??= openDB<PortalDb>('frontline-portal', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'key' });
      db.createObjectStore('drafts');
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
