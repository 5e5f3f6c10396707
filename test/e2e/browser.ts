import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Headless Chromium from Debian's package, found on PATH, driving the preview build. Every
 * request the page makes is recorded; a test fails if one leaves localhost.
 */
const ROOT = path.join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require(path.join(ROOT, 'scripts', 'serve.js')) as {
  serve: (root: string, port?: number) => Promise<Server>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CHROMIUM_FLAGS = require(path.join(ROOT, 'scripts', 'chromium-flags.js')) as string[];

export function chromiumPath(): string {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error('Chromium not found on PATH: apt-get install chromium (see .ci/run)');
}

export function buildPreview(): void {
  execFileSync(process.execPath, [require.resolve('webpack/bin/webpack.js'), '--mode', 'development'], {
    cwd: ROOT,
    env: { ...process.env, YILAO_PREVIEW: '1' },
    stdio: 'pipe',
  });
}

export interface Session {
  browser: Browser;
  server: Server;
  origin: string;
  /** Requests to anything but the preview's own origin. */
  foreign: string[];
  /** Every request seen, so that "none foreign" is known to have watched something. */
  seen: string[];
  open(query?: string, width?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const server = await serve(path.join(ROOT, 'dist-preview'));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
  });
  const foreign: string[] = [];
  const seen: string[] = [];
  return {
    browser,
    server,
    origin,
    foreign,
    seen,
    async open(query = '', width = 1100) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
      page.on('request', (request) => {
        const url = request.url();
        seen.push(url);
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
          foreign.push(url);
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${origin}/${query}`);
      await page.waitForFunction(() => '__yilao' in window);
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
      return page;
    },
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
