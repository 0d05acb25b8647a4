/**
 * A random id this browser keeps for itself, sent with a registration as `X-Frontline-Device`. The server lets one
 * device send a few registrations in ten minutes (a person and their family) while a room of phones on one network all
 * get through; it is not a fingerprint and says nothing about the person.
 */
const storageKey = 'frontline.device';

export const deviceHeader = 'X-Frontline-Device';

export function deviceId(storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage()): string {
  const stored = storage?.getItem(storageKey);
  if (stored && /^[A-Za-z0-9-]{8,64}$/.test(stored)) return stored;
  const created = crypto.randomUUID();
  try {
    storage?.setItem(storageKey, created);
  } catch {
    // Private browsing or storage full: a new id each time, which only makes the device limit looser.
  }
  return created;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
