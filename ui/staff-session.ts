/**
 * The signed-in staff member of a staff page (counter terminal, reports,
 * administration): token kept in localStorage, user in a signal.
 */
import { signal } from '@preact/signals';
import type { LoginDto, UserDto } from '@protocol/dto';
import { api } from './api';
import { officeKey } from './office';

/** A staff account belongs to one office: each office keeps its own token. */
const TOKEN_KEY = officeKey('motcua.staffToken');

export const staffToken = signal<string | null>(localStorage.getItem(TOKEN_KEY));
export const staffUser = signal<UserDto | null>(null);

export async function signIn(username: string, password: string): Promise<UserDto> {
  const res = await api<LoginDto>('POST', '/api/auth/login', { body: { username, password } });
  localStorage.setItem(TOKEN_KEY, res.token);
  staffToken.value = res.token;
  staffUser.value = res.user;
  return res.user;
}

/** Restores the session from a stored token; clears it when the server no longer knows it. */
export async function restoreSession(): Promise<UserDto | null> {
  const token = staffToken.value;
  if (!token) return null;
  try {
    const user = await api<UserDto>('GET', '/api/auth/me', { auth: { token } });
    staffUser.value = user;
    return user;
  } catch {
    signOutLocally();
    return null;
  }
}

export async function signOut(): Promise<void> {
  const token = staffToken.value;
  signOutLocally();
  if (token) await api('POST', '/api/auth/logout', { auth: { token } }).catch(() => undefined);
}

function signOutLocally(): void {
  localStorage.removeItem(TOKEN_KEY);
  staffToken.value = null;
  staffUser.value = null;
}
