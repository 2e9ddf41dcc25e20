/** Entry point: reads the URL into the store, keeps them in step, and renders the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/theme.css';
import { startHashSync } from './state/hashSync';
import { feedLabStore } from './state/store';

startHashSync(feedLabStore);

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no element with id "root" to render FeedLab into.');
}
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
