/** Entry point: providers around the router. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { reloadWhenBuildIsGone } from './app/lazy-page.js';
import { Providers } from './app/providers.js';
import { router } from './app/router.js';

reloadWhenBuildIsGone();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
