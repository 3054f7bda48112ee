import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getTransport } from './api/pick-transport.js';
import { App } from './app.js';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App transport={getTransport()} />
  </StrictMode>,
);
