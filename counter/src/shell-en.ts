import type { ShellCatalogue } from './shell-vi';

export const en: ShellCatalogue = {
  login: {
    title: 'Staff sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    busy: 'Signing in…',
  },
  nav: { hall: 'Hall', counter: 'Counter', reports: 'Reports', admin: 'Administration', province: 'Province' },
  changePassword: {
    title: 'Change your password',
    why: 'You are using the initial password an administrator gave you. Choose your own (at least 8 characters) before you start.',
    current: 'Current password',
    next: 'New password',
    repeat: 'New password again',
    mismatch: 'The two new passwords differ.',
    submit: 'Change password',
    busy: 'Changing…',
  },
  signOut: 'Sign out',
  switchLanguage: 'Switch to Vietnamese',
};
