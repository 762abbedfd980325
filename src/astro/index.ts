// Redline's Astro face: the integration, and the content collection it loads.
export { redline, type RedlineOptions } from './integration.ts';
