/**
 * What the report and workbench tests share: the catalog as catalog.get
 * sends it (the real Pu'er content: categories, vocabulary, counties,
 * schools, departments), and small helpers to drive taro-ui buttons and
 * Taro's web-component inputs in jsdom.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { content } from '../../src/content';

export const catalogAnswer = () => ({
  cityName: content.catalog.cityName,
  counties: content.catalog.counties,
  schools: content.catalog.schools,
  classes: content.catalog.classes,
  departments: content.catalog.departments,
  categories: content.reportCategories,
  vocabulary: content.reportVocabulary,
});

/** Taps our Button (taro-ui's AtButton) by its label. */
export function tap(label: string) {
  fireEvent.click(screen.getByText(label, { selector: '.at-button__text' }));
}

/** Taps a Button and lets what it started (mocked calls answer at once) finish inside act. */
export async function tapAndSettle(label: string) {
  await act(async () => {
    tap(label);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Taps the first element with this class (choices, chips, rows). */
export function tapClass(container: HTMLElement, className: string) {
  const el = container.querySelector(`.${className}`);
  if (!el) throw new Error(`nothing with class ${className}`);
  fireEvent.click(el);
}

/** Types into a Taro Input or Textarea (a web component that renders its field asynchronously). */
export async function typeInto(container: HTMLElement, className: string, value: string) {
  const field = await waitFor(() => {
    const el = container.querySelector(`.${className} input, .${className} textarea, input.${className}, textarea.${className}`);
    if (!el) throw new Error(`no field in .${className} yet`);
    return el;
  });
  fireEvent.input(field, { target: { value } });
}
