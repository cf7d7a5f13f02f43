/** H5: the browser's own print dialog; the slip sheet's print styles lay it out on A4. */
export function printSlips(): void {
  window.print();
}
export const canPrint: boolean = true;
