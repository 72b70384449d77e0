import { render } from 'preact';
render(<p>Clipmark</p>, document.getElementById('app')!);
