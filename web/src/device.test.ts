import { describe, expect, it } from 'vitest';
import { deviceId } from './device';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('deviceId', () => {
  it('is made once and kept, in the form the server accepts', () => {
    const storage = memory();
    const first = deviceId(storage);
    expect(first).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    expect(deviceId(storage)).toBe(first);
  });

  it('replaces a stored value the server would ignore', () => {
    const storage = memory();
    storage.setItem('frontline.device', 'not a device id!');
    expect(deviceId(storage)).not.toBe('not a device id!');
  });
});
