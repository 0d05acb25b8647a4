import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

/** Hands Entra ID's answer to the page that asked (see auth-redirect.html); on failure, offers the way back. */
broadcastResponseToMainFrame().catch(() => {
  const failed = document.getElementById('bridge-failed');
  const message = document.getElementById('bridge-message');
  if (message) message.textContent = '登录未完成。 Signing in did not complete.';
  if (failed) failed.hidden = false;
});
