/// <reference types="vite/client" />
import { Workbox } from 'workbox-window';
import { send, toProblem } from '../api';
import type { SubmissionResult } from '../api';
import type { QueuedSubmission, SendOutcome } from './outbox';

/** The Background Sync tag the service worker (public/sw-outbox-sync.js) answers by asking the portal to send. */
export const syncTag = 'frontline-outbox';

/**
 * Sends one queued submission: PUT /api/sites/{site}/counts/{day} with its Idempotency-Key. Without server support
 * for the key, a retry of a submission whose answer was lost is still safe: the same body again is recognised as
 * no change (DailyCountStore.BodyHash) and answered with the stored version, not a second one.
 */
export async function sendQueued(entry: QueuedSubmission): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await send(`/api/sites/${encodeURIComponent(entry.siteId)}/counts/${encodeURIComponent(entry.day)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': entry.key },
      body: JSON.stringify(entry.body),
    });
  } catch {
    // fetch rejects only when no answer came: no network (or the token could not be renewed without one).
    return { kind: 'offline' };
  }
  if (response.status === 401) return { kind: 'unauthorized' };
  // Busy or failing servers answer later; the entry waits in its place.
  if (response.status === 429 || response.status >= 500) return { kind: 'offline' };
  if (!response.ok) {
    const problem = await toProblem(response);
    return { kind: 'refused', refusal: { status: problem.status, title: problem.title, detail: problem.detail, errors: problem.errors } };
  }
  const result = (await response.json()) as SubmissionResult;
  return { kind: 'stored', result: { version: result.version, changed: result.changed, flagged: result.flagged } };
}

/** Asks the browser to wake the service worker when the network is back (Chromium has Background Sync; others don't). */
export async function askForBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.ready;
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register(syncTag);
  } catch {
    // No Background Sync here: 'online' and focus still send the queue.
  }
}

/** The answers the worker keeps for offline use: the same list as isPublicCatalog in vite.config.ts. */
const publicCatalog = ['/config.json', '/api/units', '/api/sites'];

/**
 * Installs the service worker that keeps the portal's shell for offline use, and calls flush whenever the network
 * may be back: 'online', the page coming to the front, and the worker's Background Sync message. ready is called
 * once the page works offline: at once when a worker already controls it, else when the new worker takes control
 * and has kept the catalogs (the page read them before the worker was there to keep them).
 */
export function startOffline(flush: () => void, ready: () => void): void {
  // Not under Vite's dev server, which has no built worker.
  if ('serviceWorker' in navigator && !import.meta.env.DEV) {
    const workbox = new Workbox('/sw.js');
    if (navigator.serviceWorker.controller) ready();
    else {
      workbox.addEventListener('controlling', () => {
        void Promise.all(publicCatalog.map((path) => fetch(path).catch(() => undefined))).then(ready);
      });
    }
    void workbox.register().catch(() => undefined);
    navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
      if (event.data?.type === 'frontline-outbox-flush') flush();
    });
  }
  window.addEventListener('online', flush);
  window.addEventListener('focus', flush);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flush();
  });
}
