/**
 * Everything Pu'er-specific, in one object. Another city ships a folder with
 * the same exports and `src/content/index.ts` points at it.
 */
import { catalog, countyKindsServedByCity } from './catalog';
import { demo, demoIds } from './demo';
import { hospitals } from './hospitals';
import { holidayCalendar } from './holidays';
import { letterContent } from './letters';
import { reportCategories, reportVocabulary } from './reportCategories';
import { routingTable } from './routingTable';
import * as targets from './targets';

export const content = {
  catalog,
  /** Gaps in a county's departments that the city bureau covers (documentation for coordinators and tests). */
  countyKindsServedByCity,
  demo,
  demoIds,
  /** designated hospitals for screening referrals */
  hospitals,
  /** national holidays and default school breaks (term dates are overridden by coordinators) */
  holidayCalendar,
  /** the letter to parents as topic blocks with their pledges */
  letterContent,
  routingTable,
  reportCategories,
  reportVocabulary,
  /** the plan's targets, the monthly returns' figures and their deadline (the desk) */
  targets,
};

export type CityContent = typeof content;
export { catalog, countyKindsServedByCity, demo, demoIds, holidayCalendar, hospitals, letterContent, routingTable, reportCategories, reportVocabulary };
