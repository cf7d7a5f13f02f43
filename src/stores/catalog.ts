import { getCatalog, type CatalogResult } from '../services/catalog';
import { loadInto } from './loadState';
import { watch } from './watch';

/**
 * The city's catalog, fetched once per app run and kept: it changes only
 * when a coordinator edits it, and every report form needs it.
 */
export class CatalogStore {
  catalog: CatalogResult | null = null;
  loading = false;
  error: string | null = null;
  private pending: Promise<CatalogResult | null> | null = null;

  constructor() {
    watch<CatalogStore>(this, ['catalog', 'loading', 'error']);
  }

  /** The catalog, loading it on first use; several callers share one request. */
  load(force = false): Promise<CatalogResult | null> {
    if (this.catalog && !force) return Promise.resolve(this.catalog);
    if (this.pending) return this.pending;
    this.pending = loadInto(this, () => getCatalog(), (c) => {
      this.catalog = c;
    }).then((ok) => {
      this.pending = null;
      return ok ? this.catalog : null;
    });
    return this.pending;
  }

  schoolName(id: string | undefined): string | undefined {
    return id ? this.catalog?.schools.find((s) => s.id === id)?.name : undefined;
  }

  departmentName(id: string | undefined): string | undefined {
    return id ? this.catalog?.departments.find((d) => d.id === id)?.name : undefined;
  }

  countyName(id: string | undefined): string | undefined {
    if (id === 'city') return this.catalog?.cityName;
    return id ? this.catalog?.counties.find((c) => c.id === id)?.name : undefined;
  }
}

export const catalogStore = new CatalogStore();
