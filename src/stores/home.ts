import { watch } from './watch';
import { getHomeSummary, type CaseCounts, type ClassToday, type HolidayDue, type ScreeningCard } from '../services/home';

/**
 * The counts on the home tab's workbench card. Best effort: when they cannot
 * be loaded the card still opens the workbench, just without numbers.
 */
export class HomeStore {
  cases: CaseCounts | null = null;
  screening: ScreeningCard | null = null;
  holiday: HolidayDue | null = null;
  klass: ClassToday | null = null;
  loading = false;

  constructor() {
    watch<HomeStore>(this, ['cases', 'screening', 'holiday', 'klass', 'loading']);
  }

  async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      const summary = await getHomeSummary();
      this.cases = summary.cases;
      this.screening = summary.screening ?? null;
      this.holiday = summary.holiday ?? null;
      this.klass = summary.klass ?? null;
    } catch {
      this.cases = null;
      this.screening = null;
      this.holiday = null;
      this.klass = null;
    } finally {
      this.loading = false;
    }
  }
}

export const homeStore = new HomeStore();
