import type { SimChannel, SimUser } from './types.ts';

export const BOT_USER_ID = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0YORISOI';
export const TEAM_DOMAIN = 'yorisoi-sim';
export const TEAM_NAME = 'yorisoi simulator';
/** Slack's legacy verification token, still sent in payloads. */
export const VERIFICATION_TOKEN = 'sim-verification-token';

export function seedUsers(): SimUser[] {
  const tz = 'Asia/Tokyo';
  return [
    {
      id: 'U0AGENT1',
      name: 'aiko',
      real_name: 'Aiko Sato',
      email: 'aiko@example.com',
      role: 'agent',
      is_bot: false,
      tz,
      locale: 'ja-JP',
    },
    {
      id: 'U0AGENT2',
      name: 'kenji',
      real_name: 'Kenji Tanaka',
      email: 'kenji@example.com',
      role: 'agent',
      is_bot: false,
      tz,
      locale: 'en-US',
    },
    {
      id: 'U0LEAD',
      name: 'mika',
      real_name: 'Mika Ito',
      email: 'mika@example.com',
      role: 'lead',
      is_bot: false,
      tz,
      locale: 'ja-JP',
    },
    {
      id: 'U0PRODUCT',
      name: 'sora',
      real_name: 'Sora Kato',
      email: 'sora@example.com',
      role: 'product',
      is_bot: false,
      tz,
      locale: 'ja-JP',
    },
    {
      id: BOT_USER_ID,
      name: 'yorisoi',
      real_name: 'yorisoi',
      email: '',
      role: 'bot',
      is_bot: true,
      tz,
      locale: 'ja-JP',
    },
  ];
}

export function seedChannels(): SimChannel[] {
  const created = 1_700_000_000;
  const channel = (id: string, name: string, purpose: string): SimChannel => ({
    id,
    name,
    is_member: true,
    is_archived: false,
    created,
    topic: '',
    purpose,
  });
  return [
    channel('C0SUPPORT', 'support', 'Customer questions, one thread per ticket'),
    channel('C0PHOTOS', 'support-photos', 'Photos sent by customers'),
    channel('C0BILLING', 'support-billing', 'Billing questions'),
    channel('C0ONBOARD', 'onboarding', 'New customers'),
    channel('C0VOICE', 'product-voice', 'What customers ask the product team'),
    channel('C0ALERTS', 'support-alerts', 'Alerts for the support team'),
  ];
}
