#!/usr/bin/env node
// Renders build/icon.svg into the installer icons, offline: Chromium (via playwright-core) draws
// each PNG size, ImageMagick packs the Windows .ico, and the macOS .icns is written here (it is
// just PNGs behind 8-byte type/length headers). Run after editing the SVG; outputs are committed.
//   node scripts/make-icons.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BUILD_DIR = path.resolve('build');
const LINUX_SIZES_PX = [16, 32, 48, 64, 128, 256, 512];
/** icns element types that hold PNG data, by edge length. */
const ICNS_TYPES = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };

async function renderPngs(svg, sizes) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch(existsSync(executablePath) ? { executablePath } : {});
  try {
    const out = new Map();
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
      out.set(size, await page.screenshot({ omitBackground: true, type: 'png' }));
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

function icns(pngsBySize) {
  const parts = [];
  for (const [size, type] of Object.entries(ICNS_TYPES)) {
    const png = pngsBySize.get(Number(size));
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(png.length + 8, 4);
    parts.push(header, png);
  }
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([header, body]);
}

const svg = readFileSync(path.join(BUILD_DIR, 'icon.svg'), 'utf8');
const sizes = [...new Set([...LINUX_SIZES_PX, 1024])];
const pngs = await renderPngs(svg, sizes);

mkdirSync(path.join(BUILD_DIR, 'icons'), { recursive: true });
for (const size of LINUX_SIZES_PX)
  writeFileSync(path.join(BUILD_DIR, 'icons', `${size}x${size}.png`), pngs.get(size));
writeFileSync(path.join(BUILD_DIR, 'icon.png'), pngs.get(512));
writeFileSync(path.join(BUILD_DIR, 'icon.icns'), icns(pngs));

const icoSources = [16, 32, 48, 64, 128, 256].map((s) => path.join(BUILD_DIR, 'icons', `${s}x${s}.png`));
const magick = spawnSync('convert', [...icoSources, path.join(BUILD_DIR, 'icon.ico')], { stdio: 'inherit' });
if (magick.status !== 0) {
  console.error(
    'ImageMagick `convert` failed or is missing (apt-get install -y imagemagick); icon.ico not written',
  );
  process.exit(1);
}
console.log(`icons written to ${BUILD_DIR}: icon.png, icons/*.png, icon.ico, icon.icns`);
