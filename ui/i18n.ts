/**
 * Vietnamese first, English as a switch. Each page has one catalogue per
 * language (vi.ts, en.ts) of the same shape; components read `t()`.
 */
import { signal } from '@preact/signals';

export type Lang = 'vi' | 'en';

export const lang = signal<Lang>((localStorage.getItem('motcua.lang') as Lang | null) ?? 'vi');

export function setLang(next: Lang): void {
  lang.value = next;
  localStorage.setItem('motcua.lang', next);
  document.documentElement.lang = next;
}

export function makeT<C>(catalogues: Record<Lang, C>): () => C {
  return () => catalogues[lang.value];
}
