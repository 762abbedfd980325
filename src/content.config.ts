import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
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

/**
 * Astro's glob loader finds every revision, reads its front matter and checks
 * it against the schema below; the data store keeps only that: no body, no
 * HTML. Pages render the text themselves, cached on disk by content hash
 * (renderRevision, src/lib/markdown.ts).
 *
 * Measured on 1,000 synthetic revisions of 3,100 words (bench/): with eager
 * rendering (Astro's default) the store holds every revision's HTML and Vite
 * inlines it into the build, 2.3 GB peak; with `deferRender` each file becomes
 * a Vite module, 2.8 GB and twice as slow. So `deferRender` is on, and the
 * entries are stored without the module it would register for each file
 * (nothing calls `render()` on them): 0.9 GB, and the store stays small.
 */
function revisionFiles(): Loader {
  const files = glob({
    pattern: '*/*.md',
    base: pathToFileURL(policiesDir + '/'),
    generateId: ({ entry }) => entry.replace(/\.md$/, ''),
    deferRender: true,
    retainBody: false,
  });
  return {
    name: 'redline-revisions',
    load: (context) => {
      const { store } = context;
      return files.load({
        ...context,
        store: { ...store, set: (entry) => store.set({ ...entry, deferredRender: false }), addModuleImport: () => {} },
      });
    },
  };
}

export const collections = {
  revisions: defineCollection({
    loader: revisionFiles(),
    schema: z.object({
      title: z.string().min(1),
      summary: z.string().optional(),
      published: calendarDate.optional(),
      change: z.enum(['material', 'editorial']).default('material'),
    }),
  }),
};
