import { render } from 'preact';
import { openDb } from '@/utils/db';
import { App } from './App';
import './style.css';

render(<App db={openDb()} />, document.getElementById('app')!);
