// Response headers for static hosts that read a _headers file, when Redline is the whole site: the fixed
// security headers (src/client/_headers), then the versions API's and Memento's rules (src/core/memento.ts).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import fixed from '../../client/_headers?raw';
import { headersFile, mementoHeaderRules } from '../../core/memento.ts';

export const GET: APIRoute = async () => {
  const { settings, model } = await siteData();
  return new Response(headersFile(fixed, mementoHeaderRules(settings, model)));
};
