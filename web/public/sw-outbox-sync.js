// Background Sync for the portal's send queue (web/src/portal/outbox.ts), imported by the generated service worker.
// The browser fires 'sync' once the network is back, even after the portal's tab was put away; the worker only asks
// the open portal pages to send their queue, because the reporter's token lives in the page's session storage and
// never in the worker.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'frontline-outbox') return;
  event.waitUntil(
    self.clients.matchAll({ type: 'window' }).then((clients) => {
      for (const client of clients) client.postMessage({ type: 'frontline-outbox-flush' });
    }),
  );
});
