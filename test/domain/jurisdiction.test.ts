/** Jurisdictions and their coordinators (src/domain/jurisdiction.ts), shared by cases, screening and holiday letters. */
import { content } from '../../src/content';
import { CITY } from '../../src/domain/catalog';
import { coordinatedJurisdictions, coordinatorCovers, coordinatorJurisdictionsFor, coordinatorName } from '../../src/domain/jurisdiction';

test('a county goes up to its own coordinator, then the city; the city only to itself', () => {
  expect(coordinatorJurisdictionsFor('simao')).toEqual(['simao', CITY]);
  expect(coordinatorJurisdictionsFor(CITY)).toEqual([CITY]);
});

test('the city coordinator covers every county, a county coordinator only their own', () => {
  for (const county of content.catalog.counties) {
    expect(coordinatorCovers(CITY, county.id)).toBe(true);
    expect(coordinatorCovers(county.id, county.id)).toBe(true);
  }
  expect(coordinatorCovers('simao', 'ninger')).toBe(false);
  expect(coordinatorCovers('simao', CITY)).toBe(false);
});

test('only coordinator bindings with a jurisdiction count, each once', () => {
  expect(coordinatedJurisdictions([
    { role: 'coordinator', jurisdiction: 'simao' }, { role: 'coordinator', jurisdiction: 'simao' },
    { role: 'coordinator' }, { role: 'handler', jurisdiction: 'ninger', deptId: 'ninger.police' } as any,
  ])).toEqual(['simao']);
});

test('names a coordinator as people say it', () => {
  expect(coordinatorName(content.catalog, 'simao')).toBe('思茅区平安办');
  expect(coordinatorName(content.catalog, CITY)).toBe(`${content.catalog.cityName}平安办`);
});
