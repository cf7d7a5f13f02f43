/**
 * The report form's words, taken from the catalog the server sends
 * (catalog.get: categories + vocabulary), checked for the shape the form
 * needs, so a server that sends less shows an error instead of a broken form.
 */
import type { CatalogResult } from '../../services/catalog';
import type { ReportCategoryInfo, ReportVocabulary } from '../../services/report';

export interface ReportWords {
  categories: ReportCategoryInfo[];
  vocabulary: ReportVocabulary;
}

export function reportWordsOf(catalog: CatalogResult | null): ReportWords | null {
  if (!catalog) return null;
  const vocabulary = (catalog as unknown as { vocabulary?: ReportVocabulary }).vocabulary;
  if (!vocabulary || !vocabulary.waterTypes || !vocabulary.flagQuestions || !vocabulary.relationChoices) return null;
  const categories: ReportCategoryInfo[] = catalog.categories.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    ...(typeof c.staffDescription === 'string' ? { staffDescription: c.staffDescription } : {}),
    emoji: typeof c.emoji === 'string' ? c.emoji : undefined,
    flags: Array.isArray(c.flags) ? (c.flags as ReportCategoryInfo['flags']) : [],
    asksWaterType: c.asksWaterType === true,
  }));
  return { categories, vocabulary };
}
