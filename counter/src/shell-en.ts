import type { ShellCatalogue } from './shell-vi';

export const en: ShellCatalogue = {
  login: {
    title: 'Staff sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
  },
  nav: { counter: 'Counter', reports: 'Reports', admin: 'Administration' },
  signOut: 'Sign out',
  switchLanguage: 'Switch to Vietnamese',
};
