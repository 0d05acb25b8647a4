/** Registration posters: which place a poster is for, and the registration link its QR code opens. */

export type PosterKind = 'unit' | 'community' | 'site';

export interface PosterPlace {
  kind: PosterKind;
  /** A unit's or a site's id, or a community's name. */
  value: string;
}

const kinds: readonly PosterKind[] = ['unit', 'community', 'site'];

/** The place a poster page was opened for (?unit=, ?community= or ?site=), or null. The first one given counts. */
export function placeFromQuery(search: string): PosterPlace | null {
  const query = new URLSearchParams(search);
  for (const kind of kinds) {
    const value = query.get(kind)?.trim();
    if (value) return { kind, value };
  }
  return null;
}

/** The registration form with the place chosen: the address the poster's QR code holds (web/src/pages/register.ts reads it). */
export function registrationLink(origin: string, place: PosterPlace): string {
  return `${origin}/register.html?${new URLSearchParams({ [place.kind]: place.value }).toString()}`;
}

/** The poster page for a place: what the console links to. */
export function posterPath(place: PosterPlace): string {
  return `/poster.html?${new URLSearchParams({ [place.kind]: place.value }).toString()}`;
}
