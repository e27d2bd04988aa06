import { render } from 'preact';
import '@ui/base.css';
import { App } from './app';

render(<App />, document.getElementById('app')!);
