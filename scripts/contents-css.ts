// Writes src/astro/styles/contents-spy.css: the scroll timelines that let a policy page's contents
// mark the section being read without JavaScript (src/core/contents.ts, spyRules; contents.css says
// how). test/contents.test.ts checks that the file is what this writes.
//
//   npx node scripts/contents-css.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spyCss } from '../src/core/contents.ts';

const file = join(import.meta.dirname, '..', 'src', 'astro', 'styles', 'contents-spy.css');
writeFileSync(file, spyCss());
process.stdout.write(`Wrote ${file}\n`);
