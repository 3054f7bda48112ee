// Serves the built renderer over HTTP through the one renderer asset resolver both faces use
// (src-main/bridge/renderer-assets.ts): nothing outside the root, symlinks resolved.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { resolveRendererAsset } from '../bridge/renderer-assets.js';

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

/** GET / HEAD of one file; directories are never listed. */
export async function serveStatic(
  root: string,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const found = await resolveRendererAsset(root, urlPath);
  // An escape attempt gets the same 404 as a missing file: nothing to learn about the disk.
  if (found.status !== 200) {
    sendText(res, 404, 'Not found');
    return;
  }
  const file = found.filePath;
  res.writeHead(200, {
    'Content-Type': found.contentType,
    'Content-Length': found.size,
    // index.html names hashed assets; it must be fetched fresh after a rebuild.
    'Cache-Control': path.basename(file) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
