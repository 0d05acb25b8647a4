import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

// auth-redirect is MSAL's redirect bridge: the page Entra ID sends the portal's sign-in answer to.
const pages = ['index', 'register', 'status', 'bulletins', 'dashboard', 'portal', 'console', 'poster', 'auth-redirect', 'api-reference'];

/**
 * Open Graph tags from the page's own title and description, so a link shared in WeChat or another messenger shows
 * a title, a line and the site's picture. The picture's address must be absolute for most messengers: the build takes
 * the site's address from FRONTLINE_SITE_URL when it is set (a deployment), and a relative one otherwise.
 */
function openGraph(html: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/.exec(html)?.[1];
  const description = /<meta name="description" content="([^"]*)"/.exec(html)?.[1];
  if (!title || !description) return html;
  const site = (process.env.FRONTLINE_SITE_URL ?? '').replace(/\/$/, '');
  const tags = [
    ['og:type', 'website'], ['og:site_name', '前线志愿服务平台'], ['og:locale', 'zh_CN'], ['og:locale:alternate', 'en_US'],
    ['og:title', title], ['og:description', description], ['og:image', `${site}/og-image.png`], ['og:image:width', '1200'], ['og:image:height', '630'],
  ].map(([property, content]) => `<meta property="${property}" content="${content}" />`);
  return html.replace('</head>', `    ${tags.join('\n    ')}\n    <meta name="twitter:card" content="summary_large_image" />\n  </head>`);
}

/** Puts the shared header and footer into every page at build time: static, semantic HTML, written once. */
function partials(): Plugin {
  const read = (name: string) => readFileSync(resolve(import.meta.dirname, 'src/partials', `${name}.html`), 'utf8');
  return {
    name: 'frontline-partials',
    transformIndexHtml: (html) => openGraph(html.replace('<!-- header -->', read('header')).replace('<!-- footer -->', read('footer'))),
  };
}

/**
 * The API answers a service worker may keep for the offline portal: the public catalogs (units and sites, no
 * personal data) and the site's runtime settings. Nothing else under /api is ever stored: registrations, volunteers,
 * exports and a unit's own submissions go to the network only. Workbox copies this function into the worker as text,
 * so it uses nothing from outside itself.
 */
function isPublicCatalog({ url, request }: { url: URL; request: Request }): boolean {
  return request.method === 'GET' && url.origin === self.location.origin && url.search === ''
    && ['/config.json', '/api/units', '/api/sites'].includes(url.pathname);
}

/** The installable, offline portal: a web app manifest and a Workbox service worker that precaches the site's shell. */
const offlinePortal = VitePWA({
  // portal.ts registers the worker itself (workbox-window): no inline script under the strict CSP.
  injectRegister: false,
  registerType: 'autoUpdate',
  filename: 'sw.js',
  manifestFilename: 'manifest.webmanifest',
  includeAssets: ['favicon.svg', 'icon-192.png', 'icon-512.png'],
  manifest: {
    id: '/portal.html',
    name: '前线志愿服务平台 · 单位填报',
    short_name: '单位填报',
    description: '派出单位填报员逐个点位报送每日数据；没有网络时先存在手机上，恢复网络后自动发送。',
    lang: 'zh-CN',
    start_url: '/portal.html',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: '#b3261e',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    // The shell of every page (HTML, scripts, styles, icons); the pages fetch their data themselves.
    globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
    // A multi-page site: each page is its own precached document, there is no single-page fallback.
    navigateFallback: null,
    maximumFileSizeToCacheInBytes: 1024 * 1024,
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    importScripts: ['/sw-outbox-sync.js'],
    runtimeCaching: [
      {
        urlPattern: isPublicCatalog,
        handler: 'NetworkFirst',
        options: { cacheName: 'frontline-public-catalog', networkTimeoutSeconds: 5, expiration: { maxEntries: 8 } },
      },
    ],
  },
});

export default defineConfig({
  plugins: [partials(), offlinePortal],
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
