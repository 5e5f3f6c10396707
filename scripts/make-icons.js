#!/usr/bin/env node
// Draws the add-in's icons (16, 32, 64, 80 px) from one SVG with headless Chromium, so that
// they are crisp at every size Office asks for. Run by hand when the design changes; the PNGs
// are committed under assets/.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const { chromium } = require('playwright-core');

// An elder and a child under one roof, with a tick: "一老一小" checked.
const svg = (
  size,
) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 64 64">
  <rect x="2" y="2" width="60" height="60" rx="12" fill="#0F6CBD"/>
  <path d="M10 30 L32 12 L54 30" fill="none" stroke="#FFFFFF" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
  <circle cx="24" cy="30" r="5" fill="#FFFFFF"/>
  <rect x="18" y="37" width="12" height="16" rx="5" fill="#FFFFFF"/>
  <circle cx="40" cy="36" r="4" fill="#FFD65C"/>
  <rect x="35.5" y="41.5" width="9" height="11.5" rx="4" fill="#FFD65C"/>
  <path d="M44 22 l4 4 l8 -9" fill="none" stroke="#7FE07F" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: require('./chromium-flags.js'),
  });
  const page = await browser.newPage();
  const out = path.join(__dirname, '..', 'assets');
  fs.mkdirSync(out, { recursive: true });
  for (const size of [16, 32, 64, 80]) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(out, `icon-${size}.png`), omitBackground: true });
  }
  fs.writeFileSync(path.join(out, 'icon.svg'), svg(64));
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
