/**
 * Jurisdictions: the city and its counties, and who coordinates which.
 *
 * A jurisdiction is 'city' (CITY) or a county id. Each has a coordinator
 * (平安办); the city's covers every county. Cases escalate along this chain,
 * screening and holiday coverage roll up along it, and a coordinator's
 * bindings say which jurisdictions they answer for. Used by cases,
 * screening, holiday letters and campaigns alike, so it lives here rather
 * than in any one of them.
 */
import { CITY, type Catalog, type Jurisdiction } from './catalog';
import type { RoleBinding } from './roles';

/**
 * Whose coordinators (平安办) a matter in `jurisdiction` goes up to, in order:
 * the county's, then the city's. A city-level matter goes straight to the city.
 */
export function coordinatorJurisdictionsFor(jurisdiction: Jurisdiction): Jurisdiction[] {
  return jurisdiction === CITY ? [CITY] : [jurisdiction, CITY];
}

/** Jurisdictions a caller coordinates ('city' or county ids). */
export function coordinatedJurisdictions(bindings: readonly RoleBinding[]): string[] {
  return [...new Set(bindings.filter((b) => b.role === 'coordinator' && b.jurisdiction).map((b) => b.jurisdiction!))];
}

/** A coordinator of `area` covers `jurisdiction` (the city covers every county). */
export function coordinatorCovers(area: string, jurisdiction: Jurisdiction): boolean {
  return coordinatorJurisdictionsFor(jurisdiction).includes(area);
}

/** "思茅区平安办", "普洱市平安办" */
export function coordinatorName(catalog: Pick<Catalog, 'cityName' | 'counties'>, jurisdiction: Jurisdiction): string {
  const name = jurisdiction === CITY ? catalog.cityName : (catalog.counties.find((c) => c.id === jurisdiction)?.name ?? jurisdiction);
  return `${name}平安办`;
}
