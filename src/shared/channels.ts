// Every response is tagged with the channel it came through (DOMAIN.md: "all must land in one store").
export const CHANNELS = [
  'web', // a web link (/s/CODE), appointment letters, e-mail
  'qr', // a QR code poster (/q/CODE)
  'kiosk', // an on-site smiley device
  'sms', // an SMS survey after a visit
  'paper', // paper feedback entered by staff
  'oral', // oral feedback entered by staff
  'chat', // satisfaction after a chat
  'home_care', // home-care visit feedback on a mobile device
  'api', // an outside system through the public API
] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
