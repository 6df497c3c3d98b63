#!/usr/bin/env node
// Trunk post-build hook: copies the text-recognition files (tesseract.js 7,
// its core and the eng, spa and tur language data) from web/ocr/node_modules
// into the build's ocr/ folder, and writes ocr/files.json: every file with
// its size, for the page's consent question ("N MB, once, from this site")
// and for a service worker's cache list. Nothing is fetched from a CDN: the
// page points tesseract.js at these files (workerPath, corePath, langPath).
// Fails the build if the packages are missing (scripts/setup.sh installs them).
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const staging = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!staging) {
  console.error("ocr-files.mjs: TRUNK_STAGING_DIR is not set");
  process.exit(2);
}
const nm = join(root, "web/ocr/node_modules");
// [source under node_modules, destination under ocr/, part]
const FILES = [
  ["tesseract.js/dist/tesseract.esm.min.js", "tesseract.esm.min.js", "code"],
  ["tesseract.js/dist/worker.min.js", "worker.min.js", "code"],
  ["tesseract.js/dist/tesseract.min.js.LICENSE.txt", "tesseract.LICENSE.txt", "licence"],
  ["tesseract.js/dist/worker.min.js.LICENSE.txt", "worker.LICENSE.txt", "licence"],
  ["tesseract.js-core/tesseract-core-relaxedsimd-lstm.wasm.js", "core/tesseract-core-relaxedsimd-lstm.wasm.js", "core"],
  ["tesseract.js-core/tesseract-core-simd-lstm.wasm.js", "core/tesseract-core-simd-lstm.wasm.js", "core"],
  ["tesseract.js-core/tesseract-core-lstm.wasm.js", "core/tesseract-core-lstm.wasm.js", "core"],
  ["tesseract.js-core/LICENSE", "core/LICENSE", "licence"],
  ["@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz", "lang/eng.traineddata.gz", "eng"],
  ["@tesseract.js-data/spa/4.0.0_best_int/spa.traineddata.gz", "lang/spa.traineddata.gz", "spa"],
  ["@tesseract.js-data/tur/4.0.0_best_int/tur.traineddata.gz", "lang/tur.traineddata.gz", "tur"],
];
const out = join(staging, "ocr");
const list = [];
for (const [src, dest, part] of FILES) {
  const from = join(nm, src);
  if (!existsSync(from)) {
    console.error(`ocr-files.mjs: ${from} is missing: run scripts/setup.sh`);
    process.exit(2);
  }
  const to = join(out, dest);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  list.push({ path: `ocr/${dest}`, part, bytes: statSync(to).size });
}
copyFileSync(join(root, "web/ocr.js"), join(staging, "ocr.js"));
list.push({ path: "ocr.js", part: "code", bytes: statSync(join(staging, "ocr.js")).size });
const bytes = (part) => list.filter((f) => f.part === part).reduce((a, f) => a + f.bytes, 0);
// What one recognition downloads: the code, the largest core variant (the
// browser picks one) and the English data; Spanish and Turkish when needed.
const core = Math.max(...list.filter((f) => f.part === "core").map((f) => f.bytes));
const manifest = {
  about: "Text recognition files, served from this site only, fetched when the user agrees to read a scanned PDF",
  files: list,
  download: { base: bytes("code") + core + bytes("eng"), spa: bytes("spa"), tur: bytes("tur") },
};
writeFileSync(join(out, "files.json"), JSON.stringify(manifest, null, 1));
console.log(`ocr-files.mjs: ${list.length} files, first recognition ${(manifest.download.base / 1048576).toFixed(1)} MB`);
