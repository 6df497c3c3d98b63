// Text recognition for scanned certificates, loaded only when the user
// agrees (src/ui/workspace/pdf.rs). tesseract.js runs in its own web worker
// (ocr/worker.min.js, never a blob: worker), with its core and language
// data from this site's ocr/ folder: nothing is asked of any other origin,
// and nothing is cached by tesseract.js itself (cacheMethod "none").
import Tesseract from "./ocr/tesseract.esm.min.js";

const { createWorker } = Tesseract;

const here = (path) => new URL(path, import.meta.url).href;

/** Spanish or Turkish labels in the first pass: read again with that
 * language's data too (fetched only then). */
function extraLanguage(text) {
  const t = text.toLowerCase();
  const count = (words) => words.filter((w) => t.includes(w)).length;
  if (count(["fecha", "certificado", "emisión", "alcance", "vigencia"]) >= 2) return "spa";
  if (count(["tarihi", "belge", "sertifika", "kapsam", "geçerlilik"]) >= 2) return "tur";
  return null;
}

async function pass(images, langs, onProgress) {
  const worker = await createWorker(langs, 1, {
    workerPath: here("ocr/worker.min.js"),
    corePath: here("ocr/core/"),
    langPath: here("ocr/lang"),
    workerBlobURL: false,
    cacheMethod: "none",
    gzip: true,
    logger: (m) => onProgress && onProgress(m.status, m.progress),
  });
  const words = [];
  const texts = [];
  const times = [];
  try {
    for (const img of images) {
      const t0 = performance.now();
      const blob = new Blob([img.bytes], { type: "image/jpeg" });
      const { data } = await worker.recognize(blob, {}, { blocks: true, text: true });
      times.push(performance.now() - t0);
      texts.push(data.text ?? "");
      for (const block of data.blocks ?? []) {
        for (const para of block.paragraphs ?? []) {
          for (const line of para.lines ?? []) {
            for (const w of line.words ?? []) {
              words.push({ page: img.page, text: w.text, x0: w.bbox.x0, x1: w.bbox.x1, y0: line.bbox.y0, y1: line.bbox.y1 });
            }
          }
        }
      }
    }
  } finally {
    await worker.terminate();
  }
  return { words, text: texts.join("\n"), times };
}

/** Recognises the page images: returns { words: JSON text, languages, times }. */
export async function recognise(images, onProgress) {
  let result = await pass(images, "eng", onProgress);
  let languages = ["eng"];
  const extra = extraLanguage(result.text);
  if (extra) {
    languages = ["eng", extra];
    result = await pass(images, languages.join("+"), onProgress);
  }
  return { words: JSON.stringify(result.words), languages, times: result.times };
}

/** Started by the page's module loader (src/ui/bridge.rs), which calls a
 * module's default export: it makes the recogniser reachable from the
 * workspace's WebAssembly. */
export default async function start() {
  globalThis.scopewiseOcr = { recognise, downloadSize };
}

/** What the first recognition downloads, in bytes (ocr/files.json). */
export async function downloadSize() {
  const r = await fetch(here("ocr/files.json"));
  const m = await r.json();
  return m.download.base;
}
