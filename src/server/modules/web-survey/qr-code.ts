import QRCode from 'qrcode';

// QR images for posters and downloads. Error correction M survives a worn or partly covered print. Results are
// kept in a small in-memory cache: a poster page is opened and printed many times, the code never changes.
const OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;
const CACHE_LIMIT = 500;
const cache = new Map<string, Promise<string | Buffer>>();

function cached<T extends string | Buffer>(key: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    hit = make();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

export function qrSvg(url: string): Promise<string> {
  return cached(`svg:${url}`, () => QRCode.toString(url, { ...OPTIONS, type: 'svg' }));
}

export function qrPng(url: string): Promise<Buffer> {
  return cached(`png:${url}`, () => QRCode.toBuffer(url, { ...OPTIONS, type: 'png', width: 1024 }));
}
