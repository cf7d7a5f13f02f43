import { z } from 'zod';
import { content } from '../../../content';
import { defineAction } from '../../core/action';

/**
 * The city's public catalog: counties, schools, departments, report
 * categories with their plain-language descriptions. Public (the report form
 * needs it before anyone logs in), so it carries no people.
 */
export const get = defineAction({
  name: 'catalog.get',
  input: z.object({}).strict(),
  async handle() {
    const { catalog, reportCategories, reportVocabulary } = content;
    return {
      cityName: catalog.cityName,
      counties: catalog.counties,
      schools: catalog.schools,
      classes: catalog.classes,
      departments: catalog.departments,
      categories: reportCategories,
      /** names of water types, flags (as questions), relations, priorities, statuses, dispositions */
      vocabulary: reportVocabulary,
    };
  },
});
