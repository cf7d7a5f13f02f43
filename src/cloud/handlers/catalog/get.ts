import { z } from 'zod';
import { content } from '../../../content';
import { defineAction } from '../../core/action';
import type { SchoolDoc } from '../../core/directory';

/**
 * The city's public catalog: counties, schools, departments, report
 * categories with their plain-language descriptions. Public (the report form
 * needs it before anyone logs in), so it carries no people.
 */
export const get = defineAction({
  name: 'catalog.get',
  input: z.object({}).strict(),
  async handle(_input, ctx) {
    const { catalog, reportCategories, reportVocabulary } = content;
    // Schools are records (core/directory.ts): the open ones, as a coordinator keeps them. Classes are not in the
    // public catalog: a city has tens of thousands and no public screen needs them (staff read class.list).
    const schools = await ctx.store.collection<SchoolDoc>('schools').find({ status: 'open' });
    return {
      cityName: catalog.cityName,
      counties: catalog.counties,
      schools: schools.sort((a, b) => a._id.localeCompare(b._id, 'en', { numeric: true }))
        .map((s) => ({ id: s._id, name: s.name, jurisdiction: s.jurisdiction, stage: s.stage })),
      classes: [],
      departments: catalog.departments,
      categories: reportCategories,
      /** names of water types, flags (as questions), relations, priorities, statuses, dispositions */
      vocabulary: reportVocabulary,
    };
  },
});
