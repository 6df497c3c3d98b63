// A plain static server for the built site, on loopback only. It sends the
// response headers that dist/_headers documents (CSP with frame-ancestors,
// Referrer-Policy, nosniff, …), as a static host would, and serves the same
// site at "/" and at a sub-path, to prove the build works from either.
//
//   node serve.mjs --dir ../../dist --port 4173 [--extra-dir name=path]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1]]);
    return acc;
  }, []),
);
const root = resolve(args.dir ?? "dist");
const port = Number(args.port ?? 4173);
const host = "127.0.0.1";
export const SUB_PATH = "/deep/sub/path/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".ics": "text/calendar",
  ".txt": "text/plain; charset=utf-8",
};

function headersFrom(file) {
  // The "/*" block of a Netlify-style _headers file.
  if (!existsSync(file)) return {};
  const out = {};
  let inBlock = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("#") || !line.trim()) continue;
    if (!line.startsWith(" ")) { inBlock = line.trim() === "/*"; continue; }
    if (!inBlock) continue;
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

const siteHeaders = headersFrom(join(root, "_headers"));

const server = createServer(async (req, res) => {
  try {
    let path = decodeURIComponent(new URL(req.url, `http://${host}`).pathname);
    if (path.startsWith(SUB_PATH)) path = "/" + path.slice(SUB_PATH.length);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end("forbidden");
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile() || path.endsWith("/_headers")) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      ...siteHeaders,
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (e) {
    res.writeHead(500).end(String(e));
  }
});
server.listen(port, host, () => console.log(`serving ${root} on http://${host}:${port}/ and ${SUB_PATH}`));
