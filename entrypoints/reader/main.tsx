import { render } from 'preact';
import { openDb } from '@/utils/db';
import { ReaderView } from '@/components/ReaderView';
import '../popup/style.css';
import './style.css';

const id = new URLSearchParams(location.search).get('id') ?? '';
render(<ReaderView db={openDb()} clippingId={id} />, document.getElementById('app')!);
