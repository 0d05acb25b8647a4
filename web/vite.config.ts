import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// auth-redirect is MSAL's redirect bridge: the page Entra ID sends the portal's sign-in answer to.
const pages = ['index', 'register', 'status', 'bulletins', 'dashboard', 'portal', 'console', 'auth-redirect', 'api-reference'];

/** Puts the shared header and footer into every page at build time: static, semantic HTML, written once. */
function partials(): Plugin {
  const read = (name: string) => readFileSync(resolve(import.meta.dirname, 'src/partials', `${name}.html`), 'utf8');
  return {
    name: 'frontline-partials',
    transformIndexHtml: (html) => html.replace('<!-- header -->', read('header')).replace('<!-- footer -->', read('footer')),
  };
}

export default defineConfig({
  plugins: [partials()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The lazy charts chunk is ECharts' core with two charts (~520 kB, ~175 kB gzipped); the full library would pass this and warn.
    chunkSizeWarningLimit: 560,
    rollupOptions: { input: Object.fromEntries(pages.map((page) => [page, resolve(import.meta.dirname, `${page}.html`)])) },
  },
  // The local host answers /config.json itself in Development (the portal's sign-in mode).
  server: { proxy: { '/api': 'http://localhost:7071', '/config.json': 'http://localhost:7071' } },
  test: { include: ['src/**/*.test.ts'] },
});
