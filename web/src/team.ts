/** What the status page needs to show a volunteer's team, role and the site's duty phone. */

/** A tel: link for a phone as the office wrote it: spaces, hyphens and brackets dropped, an extension after 转 as a pause. */
export function telHref(phone: string): string {
  const [number = '', extension] = phone.split('转');
  const digits = number.replace(/[\s()-]/g, '');
  return extension ? `tel:${digits},${extension.replace(/\D/g, '')}` : `tel:${digits}`;
}

const roles = ['site-leader', 'group-leader', 'team-leader', 'member'] as const;
const kinds = ['commando', 'service-team', 'temporary-branch'] as const;

/** The dictionary key of a role code; an unknown code (a newer server) reads as a member. */
export function roleKey(role: string | null | undefined): `role.${(typeof roles)[number]}` {
  return `role.${roles.find((known) => known === role) ?? 'member'}`;
}

/** The dictionary key of a team kind; an unknown kind reads as a service team. */
export function teamKindKey(kind: string): `teamKind.${(typeof kinds)[number]}` {
  return `teamKind.${kinds.find((known) => known === kind) ?? 'service-team'}`;
}
