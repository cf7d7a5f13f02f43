/**
 * The content of the city this build serves. To deploy another city, point
 * this one line at its folder (same exports as ./puer).
 */
export * from './puer';
