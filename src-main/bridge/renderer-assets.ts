// Maps a URL path of the packaged renderer to a file inside its folder, for both faces
// (Electron's netlab://app handler and browser mode's HTTP server). One traversal check: the
// path is decoded once, NUL and backslashes are refused, and the file is resolved through its
// symlinks and must still be inside the (also resolved) root. Content types come from mime-types.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { contentType } from 'mime-types';

const FALLBACK_TYPE = 'application/octet-stream';

export type RendererAsset =
  | { status: 200; filePath: string; contentType: string; size: number }
  /** 403: the path tries to leave the renderer folder; 404: no such file. */
  | { status: 403 | 404; filePath: null };

export function contentTypeFor(file: string): string {
  return contentType(path.extname(file)) || FALLBACK_TYPE;
}

function isInside(root: string, file: string): boolean {
  return file.startsWith(root + path.sep);
}

/** `urlPath` as it came in (still percent-encoded), e.g. `/assets/index-abc.js`; `/` is index.html. */
export async function resolveRendererAsset(root: string, urlPath: string): Promise<RendererAsset> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 404, filePath: null };
  }
  // A NUL or a backslash never belongs in a renderer asset name; refuse rather than normalise.
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403, filePath: null };
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return { status: 404, filePath: null };
  }
  const candidate = path.resolve(realRoot, relative);
  if (!isInside(realRoot, candidate)) return { status: 403, filePath: null };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { status: 404, filePath: null };
  }
  // A symlink inside the folder that points out of it is an escape like any other.
  if (!isInside(realRoot, real)) return { status: 403, filePath: null };
  const info = await stat(real).catch(() => null);
  if (!info?.isFile()) return { status: 404, filePath: null };
  return { status: 200, filePath: real, contentType: contentTypeFor(real), size: info.size };
}
