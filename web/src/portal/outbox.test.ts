import { describe, expect, it } from 'vitest';
import type { CountsBody } from '../counts';
import {
  enqueue, flush, latestBySite, memoryStore, prune, serialized, upgradeDraftValues, upgradeQueuedBody, waiting, type QueuedSubmission, type SendOutcome,
} from './outbox';

const body = (onDuty: number): CountsBody => ({ values: { 'on-duty': onDuty, 'party-members': 1, tested: 0 } });
const stored = (version = 1): SendOutcome => ({ kind: 'stored', result: { version, changed: true, flagged: false } });
const locked: SendOutcome = {
  kind: 'refused',
  refusal: { status: 409, title: 'Counts older than 3 days are locked; a coordinator can reopen the day.', detail: null, errors: {} },
};
let keys = 0;
const key = () => `key-${++keys}`;

describe('the send queue', () => {
  it('sends the waiting entries in the order they were made, each once, and keeps their answers', async () => {
    const store = memoryStore();
    await enqueue(store, { unitId: 'u1', siteId: 'b', day: '2022-09-15', body: body(2) }, new Date(), key());
    await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(3) }, new Date(), key());
    const sent: string[] = [];
    expect(await flush(store, 'u1', async (entry) => { sent.push(entry.siteId); return stored(); })).toBe('done');
    expect(sent).toEqual(['b', 'a']);
    expect(await waiting(store, 'u1')).toEqual([]);

    // A second flush finds nothing to send: at most once.
    expect(await flush(store, 'u1', async (entry) => { sent.push(entry.siteId); return stored(); })).toBe('done');
    expect(sent).toEqual(['b', 'a']);
    const latest = await latestBySite(store, 'u1', '2022-09-15');
    expect(latest.get('a')).toMatchObject({ state: 'sent', result: { version: 1 } });
  });

  it('stops without the network and sends the rest, in order, when it returns', async () => {
    const store = memoryStore();
    for (const siteId of ['a', 'b', 'c']) await enqueue(store, { unitId: 'u1', siteId, day: '2022-09-15', body: body(1) }, new Date(), key());
    let online = false;
    const sent: string[] = [];
    const send = async (entry: QueuedSubmission): Promise<SendOutcome> => {
      if (!online) return { kind: 'offline' };
      sent.push(entry.siteId);
      return stored();
    };
    expect(await flush(store, 'u1', send)).toBe('offline');
    expect((await waiting(store, 'u1')).map((entry) => entry.siteId)).toEqual(['a', 'b', 'c']);
    online = true;
    expect(await flush(store, 'u1', send)).toBe('done');
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('keeps a refusal beside its entry and goes on with the next', async () => {
    const store = memoryStore();
    await enqueue(store, { unitId: 'u1', siteId: 'old', day: '2022-09-12', body: body(1) }, new Date(), key());
    await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(1) }, new Date(), key());
    expect(await flush(store, 'u1', async (entry) => (entry.siteId === 'old' ? locked : stored()))).toBe('done');
    const old = (await latestBySite(store, 'u1', '2022-09-12')).get('old');
    expect(old).toMatchObject({ state: 'refused', refusal: { status: 409 } });
    expect((await latestBySite(store, 'u1', '2022-09-15')).get('a')?.state).toBe('sent');
  });

  it('keeps everything when the sign-in ran out, and sends it after the next sign-in', async () => {
    const store = memoryStore();
    await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(1) }, new Date(), key());
    await enqueue(store, { unitId: 'u1', siteId: 'b', day: '2022-09-15', body: body(1) }, new Date(), key());
    expect(await flush(store, 'u1', async () => ({ kind: 'unauthorized' }))).toBe('unauthorized');
    expect(await waiting(store, 'u1')).toHaveLength(2);
    expect(await flush(store, 'u1', async () => stored())).toBe('done');
    expect(await waiting(store, 'u1')).toHaveLength(0);
  });

  it('sends only the signed-in unit\'s entries', async () => {
    const store = memoryStore();
    await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(1) }, new Date(), key());
    await enqueue(store, { unitId: 'u2', siteId: 'x', day: '2022-09-15', body: body(1) }, new Date(), key());
    const sent: string[] = [];
    await flush(store, 'u2', async (entry) => { sent.push(entry.siteId); return stored(); });
    expect(sent).toEqual(['x']);
    expect((await waiting(store, 'u1')).map((entry) => entry.siteId)).toEqual(['a']);
  });

  it('sends a retry after a lost answer with the same idempotency key', async () => {
    const store = memoryStore();
    const queued = await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(1) }, new Date(), 'the-key');
    const keysSent: string[] = [];
    await flush(store, 'u1', async (entry) => { keysSent.push(entry.key); return { kind: 'offline' }; });
    await flush(store, 'u1', async (entry) => { keysSent.push(entry.key); return stored(); });
    expect(keysSent).toEqual([queued.key, queued.key]);
  });

  it('never runs two flushes at once, so no entry is sent twice', async () => {
    const store = memoryStore();
    await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(1) }, new Date(), key());
    const once = serialized('test', undefined);
    let sends = 0;
    const send = async (): Promise<SendOutcome> => {
      sends++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return stored();
    };
    await Promise.all([once(() => flush(store, 'u1', send)), once(() => flush(store, 'u1', send)), once(() => flush(store, 'u1', send))]);
    expect(sends).toBe(1);
  });

  it('forgets answered entries after a day but never a waiting one', async () => {
    const store = memoryStore();
    const then = new Date('2022-09-15T08:00:00Z');
    await enqueue(store, { unitId: 'u1', siteId: 'a', day: '2022-09-15', body: body(1) }, then, key());
    await flush(store, 'u1', async () => stored(), () => then);
    await enqueue(store, { unitId: 'u1', siteId: 'b', day: '2022-09-15', body: body(1) }, then, key());
    await prune(store, new Date('2022-09-16T09:00:00Z'));
    expect((await store.all()).map((entry) => entry.siteId)).toEqual(['b']);
  });
});

describe('what a phone kept before indicators were data', () => {
  it('sends a queued body of the seven named figures by code, with its highlight and zeros as they were', () => {
    expect(upgradeQueuedBody({ onDuty: 3, partyMembers: 2, tested: 0, vehiclesChecked: 0, householdsVisited: 136, highlight: '夜间值守' }))
      .toEqual({ values: { 'on-duty': 3, 'party-members': 2, tested: 0, 'vehicles-checked': 0, 'households-visited': 136 }, highlight: '夜间值守' });
    expect(upgradeQueuedBody({ onDuty: 3 })).toEqual({ values: { 'on-duty': 3 } });
  });

  it('leaves a body already by code alone', () => {
    const current = { values: { 'duty-hours': 32.5 }, highlight: 'x' };
    expect(upgradeQueuedBody(current)).toBe(current);
  });

  it('puts a draft typed in the old form into the fields the form has now', () => {
    expect(upgradeDraftValues({ onDuty: '5', suppliesDelivered: '', highlight: '夜间值守', 'values.tested': '7' }))
      .toEqual({ 'values.on-duty': '5', 'values.supplies-delivered': '', highlight: '夜间值守', 'values.tested': '7' });
  });
});
