// The PDF reader's worker: started by the workspace for one file (see
// src/ui/workspace/pdf.rs) and terminated as soon as it has answered. It
// fetches the reader module from this origin, reads the bytes it is given
// and posts back the reader's answer. Nothing is stored.
//
// Messages in, and the answers (src/ui/bridge.rs reads the reader's
// answers and the failures; src/ui/workspace/pdf.rs the ZIP and image lists):
// - an ArrayBuffer (a PDF): the reader's JSON text ({"read": …} or
//   {"refused": …}, src/certificate/prefill.rs);
// - { unzip: ArrayBuffer }: { files: [{ name, bytes }], skipped: [text] }
//   or { refused: { kind: "zip", message } };
// - { images: ArrayBuffer }: [{ page, width, height, format, bytes }], the
//   page images to recognise (OCR);
// - { recognised: JSON text of words }: the reader's JSON text, as for a PDF.
// Or { failed: "load" } when the reader could not be fetched, { failed:
// "read" } when it stopped on the file (a panic in WebAssembly).
import init, { read_certificate, unzip_pdfs, page_images, read_recognised } from "./scopewise-pdf.js";

const ready = init({ module_or_path: new URL("./scopewise-pdf_bg.wasm", import.meta.url) });

function answer(data) {
  if (data instanceof ArrayBuffer) return [read_certificate(new Uint8Array(data)), []];
  if (data && data.unzip instanceof ArrayBuffer) {
    const out = unzip_pdfs(new Uint8Array(data.unzip));
    return [out, (out.files ?? []).map((f) => f.bytes.buffer)];
  }
  if (data && data.images instanceof ArrayBuffer) {
    const out = page_images(new Uint8Array(data.images));
    return [out, out.map((i) => i.bytes.buffer)];
  }
  if (data && typeof data.recognised === "string") return [read_recognised(data.recognised), []];
  return [{ failed: "read" }, []];
}

self.onmessage = (event) => {
  ready.then(
    () => {
      let out;
      try {
        out = answer(event.data);
      } catch {
        out = [{ failed: "read" }, []];
      }
      self.postMessage(out[0], out[1]);
    },
    () => self.postMessage({ failed: "load" }),
  );
};
