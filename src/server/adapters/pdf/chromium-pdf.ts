// Renders HTML to PDF with Debian's headless Chromium (through playwright-core, no browser download). The
// browser is launched for each document and closed after it: reports are rare, and an idle Chromium would hold
// ~100 MB for nothing. Scripts are off and every network request is refused: a report prints only what it holds.
import fs from 'node:fs';

export interface PdfRenderer {
  /** A4 portrait, backgrounds printed; the page's own CSS @page rules win. */
  render(html: string): Promise<Buffer>;
}

export class PdfUnavailableError extends Error {}

export function createChromiumPdfRenderer(options: { executablePath: string }): PdfRenderer {
  return {
    async render(html) {
      if (!fs.existsSync(options.executablePath)) {
        throw new PdfUnavailableError(`Chromium not found at ${options.executablePath} (set KUULO_CHROMIUM)`);
      }
      // Imported on first use: playwright-core takes seconds to load, and most processes never print a PDF.
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: options.executablePath,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      try {
        const context = await browser.newContext({ javaScriptEnabled: false });
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
        return Buffer.from(pdf);
      } finally {
        // playwright-core gives each launch a fresh temporary profile and removes it on close.
        await browser.close();
      }
    },
  };
}
