import type { Catalog } from '../domain/catalog';
import type { ReportCategory } from '../domain/report';
import { call } from './api';

/** A report category as the city describes it to the public. */
export interface CategoryInfo {
  id: ReportCategory;
  name: string;
  description: string;
  /** follow-up questions and other per-category data; shaped by src/content */
  [more: string]: unknown;
}

export interface CatalogResult extends Catalog {
  categories: CategoryInfo[];
}

/** The city's public catalog: counties, schools, classes, departments, report categories. */
export const getCatalog = () => call<CatalogResult>('catalog.get', {});
