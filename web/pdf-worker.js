// The PDF reader's worker: started by the workspace for one file (see
// src/ui/workspace/pdf.rs) and terminated as soon as it has answered. It
// fetches the reader module from this origin, reads the bytes it is given
// and posts back the reader's answer as JSON text. Nothing is stored.
import init, { read_certificate } from "./certcheck-pdf.js";

const ready = init({ module_or_path: new URL("./certcheck-pdf_bg.wasm", import.meta.url) });

self.onmessage = async (event) => {
  await ready;
  // A failure here (the reader stopped on the file) reaches the page as the
  // worker's error event; the page then says so and ends the worker.
  self.postMessage(read_certificate(new Uint8Array(event.data)));
};
