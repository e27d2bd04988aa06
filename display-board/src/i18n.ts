import { makeT } from '@ui/i18n';
import { en } from './en';
import { vi } from './vi';

export const t = makeT({ vi, en });
