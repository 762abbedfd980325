// Site settings for Redline: the one place to change the site's name, address,
// language, time zone and contact point. `npm run redline -- build --site URL`
// overrides `url` for one build. See docs/reference/settings.md.
import { defineSettings } from './src/core/settings.ts';

export default defineSettings({
  name: 'Illustrious Inc. Policies',
  owner: 'Illustrious Inc.',
  url: 'https://policies.illustrious.example/',
  lang: 'en',
  // English is the default language and controls; the privacy policy is also published in Japanese
  // (policies/privacy/<date>.ja.md), under /ja/. See docs/reference/settings.md, "Languages".
  languages: ['en', 'ja'],
  timeZone: 'Asia/Tokyo',
  contact: {
    name: 'Illustrious Inc. customer service center',
    address: '1-24-4 Shibuya, Shibuya Kouyuu Building 503, Shibuya, Tokyo 150-0002 Japan',
    phone: '+81-3-6427-1867',
  },
});
