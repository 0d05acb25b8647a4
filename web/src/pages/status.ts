import { getJson, postJson, ProblemError, type RegistrationStatus } from '../api';
import { t, type MessageKey } from '../i18n';
import { byId, hide, show, startPage } from '../layout';

const params = new URLSearchParams(location.search);
let current: { id: string; code: string; status: RegistrationStatus } | null = null;

function render(): void {
  if (!current) return;
  const { status } = current;
  show(byId('result'));
  byId('status-text').textContent = t(`status.${status.status}` as MessageKey);
  byId('status-text').dataset.status = status.status;
  const site = byId('site');
  if (status.site) {
    byId('site-name').textContent = status.site.name;
    byId('site-address').textContent = status.site.address ?? '—';
    byId('site-contact').textContent = status.site.contact ?? '—';
    show(site);
  } else {
    hide(site);
  }
  byId('withdraw').hidden = !['assigned', 'waitlisted'].includes(status.status);
}

async function lookup(id: string, code: string, pollUntil = Date.now() + 30_000): Promise<void> {
  hide(byId('status-error'));
  try {
    const status = await getJson<RegistrationStatus>(`/api/registrations/${encodeURIComponent(id)}?code=${encodeURIComponent(code)}`);
    current = { id, code, status };
    render();
    // Processing takes a moment after the form is sent: keep asking for a while.
    if (status.status === 'received' && Date.now() < pollUntil) setTimeout(() => void lookup(id, code, pollUntil), 2000);
  } catch (error) {
    hide(byId('result'));
    show(byId('status-error'), t(error instanceof ProblemError && error.status === 404 ? 'status.notFound' : 'status.error'));
  }
}

async function withdraw(): Promise<void> {
  if (!current || !confirm(t('status.confirmWithdraw'))) return;
  try {
    const status = await postJson<RegistrationStatus>(`/api/registrations/${encodeURIComponent(current.id)}/withdraw?code=${encodeURIComponent(current.code)}`, {});
    current = { ...current, status };
    render();
  } catch {
    show(byId('status-error'), t('status.error'));
  }
}

startPage(render);
const id = params.get('id');
const code = params.get('code');
if (id && code) {
  byId<HTMLInputElement>('registrationId').value = id;
  byId<HTMLInputElement>('code').value = code;
  void lookup(id, code);
}
byId<HTMLFormElement>('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  void lookup(byId<HTMLInputElement>('registrationId').value.trim(), byId<HTMLInputElement>('code').value.trim());
});
byId('withdraw').addEventListener('click', () => void withdraw());
