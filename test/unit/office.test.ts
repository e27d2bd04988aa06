/** Which office a page belongs to (ui/office.ts): the home office at the root, the others under /o/<code>/. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  officeBase,
  officeBaseOf,
  officeCode,
  officeKey,
  officePath,
  pagePath,
  suggestOfficeCode,
} from '../../ui/office';

/** The page's address bar, without a DOM. */
const at = (pathname: string) => vi.stubGlobal('window', { location: { pathname } });
afterEach(() => vi.unstubAllGlobals());

describe('officeBaseOf', () => {
  it.each([
    ['/kiosk/', ''],
    ['/counter/admin/staff', ''],
    ['/o/xa-an-binh/kiosk/', '/o/xa-an-binh'],
    ['/o/xa-an-binh/counter/admin', '/o/xa-an-binh'],
    ['/o/p7/display-board/', '/o/p7'],
    ['/o/1/', '/o/1'],
    [`/o/${'a'.repeat(40)}/kiosk/`, `/o/${'a'.repeat(40)}`],
  ])('%s → %j', (pathname, base) => expect(officeBaseOf(pathname)).toBe(base));

  it.each([
    '/o/',
    '/o//kiosk/',
    '/o/xa-an-binh', // the code must be followed by a path
    '/o/Xa-An-Binh/kiosk/',
    '/o/xa_an_binh/kiosk/',
    '/o/-xa/kiosk/',
    '/o/x%C3%A3/kiosk/',
    `/o/${'a'.repeat(41)}/kiosk/`,
    '/kiosk/o/xa/',
    '/oo/xa/kiosk/',
  ])('%s is the home office', (pathname) => expect(officeBaseOf(pathname)).toBe(''));
});

describe('officePath', () => {
  const appPaths = [
    '/api/tickets',
    '/api/reports/export?from=2026-01-01&format=xlsx',
    '/counter/',
    '/counter',
    '/counter/admin/staff',
    '/kiosk/t/abc?k=1',
    '/display-board/',
    '/docs/api/',
    '/t/abc',
  ];
  const otherUrls = [
    '/assets/kiosk-abc.js',
    '/fonts/be-vietnam-pro.woff2',
    '/apiary',
    '/counters',
    '/o/xa-an-binh/api/tickets', // already under an office
    'https://example.org/api/x',
    'blob:http://localhost/1234',
    'api/tickets',
    '',
  ];

  it.each(appPaths)('puts %s under the office', (path) => {
    at('/o/xa-an-binh/counter/');
    expect(officePath(path)).toBe('/o/xa-an-binh' + path);
  });

  it.each(appPaths)('leaves %s as it is for the home office', (path) => {
    at('/counter/');
    expect(officePath(path)).toBe(path);
  });

  it.each(otherUrls)('leaves %s alone', (path) => {
    at('/o/xa-an-binh/counter/');
    expect(officePath(path)).toBe(path);
  });
});

describe('on the page', () => {
  it('the home office keeps its URLs and storage keys', () => {
    at('/counter/admin/staff');
    expect(officeCode()).toBeNull();
    expect(officeBase()).toBe('');
    expect(officePath('/api/auth/me')).toBe('/api/auth/me');
    expect(pagePath()).toBe('/counter/admin/staff');
    expect(officeKey('motcua.staffToken')).toBe('motcua.staffToken');
  });

  it('another office prefixes its app paths and keeps its own keys', () => {
    at('/o/xa-an-binh/counter/admin/staff');
    expect(officeCode()).toBe('xa-an-binh');
    expect(officeBase()).toBe('/o/xa-an-binh');
    expect(officePath('/api/auth/me')).toBe('/o/xa-an-binh/api/auth/me');
    expect(officePath('/counter/admin/fields')).toBe('/o/xa-an-binh/counter/admin/fields');
    expect(pagePath()).toBe('/counter/admin/staff');
    expect(officeKey('motcua.staffToken')).toBe('motcua.staffToken.xa-an-binh');
    expect(officeKey('motcua.deviceKey.kiosk')).toBe('motcua.deviceKey.kiosk.xa-an-binh');
  });

  it.each(['/o/', '/o/BAD/kiosk/', '/o/xa-an-binh'])('a malformed prefix (%s) is the home office', (pathname) => {
    at(pathname);
    expect(officeCode()).toBeNull();
    expect(officeBase()).toBe('');
    expect(officePath('/api/x')).toBe('/api/x');
    expect(pagePath()).toBe(pathname);
    expect(officeKey('motcua.staffToken')).toBe('motcua.staffToken');
  });
});

describe('suggestOfficeCode', () => {
  it.each([
    ['UBND xã Tân An', 'xa-tan-an'],
    ['Xã Tân An', 'xa-tan-an'],
    ['xa_tan_an', 'xa-tan-an'],
    ['UBND phường Đống Đa', 'phuong-dong-da'],
    ['  Thị trấn Quỳnh Côi (cũ)  ', 'thi-tran-quynh-coi-cu'],
    ['Xã Nghĩa Đồng 2', 'xa-nghia-dong-2'],
    ['UBND', ''],
  ])('%s → %s', (text, code) => expect(suggestOfficeCode(text)).toBe(code));

  it('stays within 40 characters and ends on a letter or digit', () => {
    const code = suggestOfficeCode('Ủy ban nhân dân xã Phước Hưng huyện Long Điền tỉnh Bà Rịa');
    expect(code.length).toBeLessThanOrEqual(40);
    expect(code).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
  });
});
