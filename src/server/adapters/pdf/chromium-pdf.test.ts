import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { createChromiumPdfRenderer, PdfUnavailableError } from './chromium-pdf.ts';

const CHROMIUM = process.env.KUULO_CHROMIUM ?? '/usr/bin/chromium';

test('HTML becomes a PDF whose first page renders to a non-blank PNG', async () => {
  const pdf = await createChromiumPdfRenderer({ executablePath: CHROMIUM }).render(
    '<!doctype html><html lang="fi"><body><h1 style="font-size:60px">Neljännesvuosikatsaus</h1><div style="width:400px;height:200px;background:#0b4f9c"></div></body></html>',
  );
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kuulo-pdf-test-'));
  try {
    fs.writeFileSync(path.join(dir, 'r.pdf'), pdf);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '40',
      '-f',
      '1',
      '-l',
      '1',
      path.join(dir, 'r.pdf'),
      path.join(dir, 'page'),
    ]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'));
    expect(png).toBeDefined();
    expect(fs.statSync(path.join(dir, png as string)).size).toBeGreaterThan(1000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing Chromium is a clear error, not a hang', async () => {
  await expect(
    createChromiumPdfRenderer({ executablePath: '/nonexistent/chromium' }).render('<p>x</p>'),
  ).rejects.toBeInstanceOf(PdfUnavailableError);
});
