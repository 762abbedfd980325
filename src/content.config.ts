// The site's content: Redline's collection of policy revisions, filled by its loader
// (src/astro/loader.ts) from the policies folder that redline() in astro.config.mjs names.
import { defineCollection } from 'astro:content';
import { redlineLoader } from './astro/index.ts';

export const collections = {
  redline: defineCollection({ loader: redlineLoader() }),
};
