// Redline's Astro face: the integration, and the loader of its content collection.
export { redline } from './integration.ts';
export { redlineLoader } from './loader.ts';
export type { RedlineOptions } from './options.ts';
