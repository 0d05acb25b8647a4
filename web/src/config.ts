/**
 * The site's runtime settings, read from /config.json. In Azure the web service's azd hook writes that file
 * (infra/scripts/web-config.sh: the Entra ID app the site signs in with); the local host answers it itself in
 * Development, saying so, and then the portal offers the development sign-in instead of Entra ID.
 */
export interface SiteConfig {
  /** What goes before /api/...; empty is the site's own origin (the Static Web App's linked backend). */
  apiBaseUrl: string;
  entraClientId: string;
  entraTenantId: string;
  /** The delegated scope the site asks for: api://<client id>/access_as_user unless the file names another. */
  entraApiScope: string;
  /** The host runs in Development and issues tokens at POST /api/dev/token. */
  development: boolean;
  /** The deployment's calendar (API.md): what "today" means for counts. */
  timeZone: string;
  /** Days after which a day's counts are locked (the server's Frontline:CountLockDays). */
  countLockDays: number;
}

export const defaultConfig: SiteConfig = {
  apiBaseUrl: '',
  entraClientId: '',
  entraTenantId: '',
  entraApiScope: '',
  development: false,
  timeZone: 'Asia/Shanghai',
  countLockDays: 3,
};

const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value.trim() : fallback);

function validTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Keeps only well-formed settings: a missing or broken file means "no Entra ID", never a broken page. */
export function parseConfig(raw: unknown): SiteConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...defaultConfig };
  const value = raw as Record<string, unknown>;
  const entraClientId = text(value.entraClientId, '');
  const timeZone = text(value.timeZone, defaultConfig.timeZone);
  const lockDays = value.countLockDays;
  return {
    apiBaseUrl: text(value.apiBaseUrl, ''),
    entraClientId,
    entraTenantId: text(value.entraTenantId, '') || 'organizations',
    entraApiScope: text(value.entraApiScope, '') || (entraClientId ? `api://${entraClientId}/access_as_user` : ''),
    development: value.development === true,
    timeZone: timeZone && validTimeZone(timeZone) ? timeZone : defaultConfig.timeZone,
    countLockDays: typeof lockDays === 'number' && Number.isInteger(lockDays) && lockDays >= 0 && lockDays <= 60 ? lockDays : defaultConfig.countLockDays,
  };
}

/** How the portal signs people in: the host's development tokens, or Microsoft Entra ID through MSAL. */
export function signInMode(config: SiteConfig): 'development' | 'entra' {
  return config.development || !config.entraClientId ? 'development' : 'entra';
}

export async function loadConfig(fetcher: typeof fetch = fetch): Promise<SiteConfig> {
  try {
    const response = await fetcher('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    if (!response.ok) return { ...defaultConfig };
    return parseConfig(await response.json());
  } catch {
    return { ...defaultConfig };
  }
}
