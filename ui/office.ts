/**
 * Which office a page belongs to. The home office keeps the plain URLs
 * (`/kiosk/`, `/api/…`); every other office is served under
 * `/o/<office code>/…`, its API and pages alike, and its socket.io namespace
 * is `/o/<office code>`. Built assets and fonts stay at the root.
 */
const PREFIX = /^\/o\/[a-z0-9][a-z0-9-]{0,39}(?=\/)/;
/** The app's own paths, which live under the office's prefix (assets, fonts and other URLs do not). */
const APP_PATH = /^\/(?:api|counter|kiosk|display-board|docs|t)(?:[/?#]|$)/;

/** The office prefix of a pathname: '' for the home office, `/o/<code>` for another. */
export const officeBaseOf = (pathname: string): string => PREFIX.exec(pathname)?.[0] ?? '';

export const officeBase = (): string => officeBaseOf(window.location.pathname);
export const officeCode = (): string | null => officeBase().slice(3) || null;

/** An absolute app path (`/api/…`, `/counter/…`) under the page's office; other URLs (or prefixed ones) as they are. */
export const officePath = (path: string): string => (APP_PATH.test(path) ? officeBase() + path : path);

/** The page's pathname as the home office would have it (`/counter/admin/…`), for the page's router. */
export const pagePath = (): string => window.location.pathname.slice(officeBase().length);

/** A localStorage key of this office's own: the home office's keys are unchanged (its devices stay paired). */
export const officeKey = (key: string): string => {
  const code = officeCode();
  return code ? `${key}.${code}` : key;
};

/**
 * An office code from what a person typed ("UBND xã Tân An", "Xã Tân An" →
 * "xa-tan-an"): accents and "đ" dropped, "UBND" left out, anything else
 * between words a hyphen, at most 40 characters ('' when nothing is left).
 */
export const suggestOfficeCode = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\bubnd\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
