import { openDb } from '@/utils/db';
import { App } from './App';
import { mountPopup } from './mount';
import './style.css';

mountPopup(document.getElementById('app')!, <App db={openDb()} />);
