import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { renderKioskShell } from '../../../web/kiosk/kiosk-page.ts';

// The kiosk page's script and service worker are TypeScript in src/web/kiosk/client, bundled and minified once
// per process with esbuild (no build step, no files written). The version is a hash of their sources and the
// page, so a change reaches every device as a new service worker.
const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/kiosk/client');

export interface Asset {
  body: string;
  gzip: Buffer;
  brotli: Buffer;
  etag: string;
}

export interface KioskAssets {
  version: string;
  page: Asset;
  app: Asset;
  sw: Asset;
}

function asset(body: string): Asset {
  return {
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
  };
}

async function bundle(entry: string, version: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(CLIENT_DIR, entry)],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    define: { KIOSK_VERSION: JSON.stringify(version) },
  });
  return result.outputFiles[0]?.text ?? '';
}

async function buildAssets(): Promise<KioskAssets> {
  const page = renderKioskShell().value;
  const hash = createHash('sha256').update(page);
  for (const file of fs.readdirSync(CLIENT_DIR).sort())
    hash.update(fs.readFileSync(path.join(CLIENT_DIR, file)));
  const version = hash.digest('hex').slice(0, 12);
  const [app, sw] = await Promise.all([bundle('app.ts', version), bundle('sw.ts', version)]);
  return { version, page: asset(page), app: asset(app), sw: asset(sw) };
}

let assets: Promise<KioskAssets> | undefined;

/** Built on first use and kept for the life of the process. */
export function kioskAssets(): Promise<KioskAssets> {
  assets ??= buildAssets();
  assets.catch(() => (assets = undefined));
  return assets;
}
