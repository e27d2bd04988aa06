/**
 * Device pairing (API-CONTRACT.md): a device page is opened once with
 * `?key=<device key>`; the key is kept on the device and dropped from the
 * address bar so it is not shown or bookmarked. Each office keeps its own
 * key (`officeKey`): one browser may show the pages of several offices.
 */
import { officeKey } from './office';

const STORAGE_KEY = 'motcua.deviceKey';

export function takeDeviceKey(page: string): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('key');
  const storageKey = officeKey(`${STORAGE_KEY}.${page}`);
  if (fromUrl) {
    localStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('key');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(storageKey);
}

export function forgetDeviceKey(page: string): void {
  localStorage.removeItem(officeKey(`${STORAGE_KEY}.${page}`));
}
