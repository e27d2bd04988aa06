import { makeT } from '@ui/i18n';
import { en } from './en';
import { vi } from './vi';

/** The administration's catalogue in the chosen language. */
export const t = makeT({ vi, en });
