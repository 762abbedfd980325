// The calendar of one policy: an all-day event on each revision's effective date (src/core/ical.ts).
import type { APIRoute } from 'astro';
import { siteData } from 'virtual:redline/site';
import { renderCalendar, CALENDAR_CONTENT_TYPE } from '../../../core/ical.ts';

export async function getStaticPaths() {
  const { model } = await siteData();
  return model.policies.map((p) => ({ params: { policy: p.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const { settings, model } = await siteData();
  const policy = model.policies.find((p) => p.id === params.policy)!;
  return new Response(renderCalendar(settings, policy), { headers: { 'content-type': CALENDAR_CONTENT_TYPE } });
};
