// The lock this site publishes: the SHA-256 of every revision it shows as announced, as published,
// with its corrections (src/core/lock.ts, publishedLock). `redline verify --against <site>` reads it.
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';

export const GET: APIRoute = async () => new Response((await siteData()).publishedLock(), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
