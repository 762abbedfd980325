import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

// `npm run redline -- build --policies DIR` sets REDLINE_POLICIES; `redline`
// has already validated every file with friendlier messages than a schema can give.
const policiesDir = resolve(process.env.REDLINE_POLICIES || 'policies');

/** A YAML date (read by Astro as a Date at UTC midnight) or a string, as `YYYY-MM-DD`. */
const calendarDate = z.union([
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

export const collections = {
  revisions: defineCollection({
    loader: glob({
      pattern: '*/*.md',
      base: pathToFileURL(policiesDir + '/'),
      generateId: ({ entry }) => entry.replace(/\.md$/, ''),
    }),
    schema: z.object({
      title: z.string().min(1),
      summary: z.string().optional(),
      published: calendarDate.optional(),
      change: z.enum(['material', 'editorial']).default('material'),
    }),
  }),
};
