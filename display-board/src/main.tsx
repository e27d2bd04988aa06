import { render } from 'preact';
import '@ui/base.css';
import './board.css';
import { takeDeviceKey } from '@ui/device-key';
import { lang } from '@ui/i18n';
import { App } from './app';
import { startConnection } from './connection';
import { restoreSound } from './sound';
import { fatal } from './state';

document.documentElement.lang = lang.value;
const key = takeDeviceKey('display');
if (key) startConnection(key);
else fatal.value = 'notPaired';
void restoreSound();

render(<App />, document.getElementById('app')!);
