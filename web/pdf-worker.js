// The PDF reader's worker: started by the workspace for one file (see
// src/ui/workspace/pdf.rs) and terminated as soon as it has answered. It
// fetches the reader module from this origin, reads the bytes it is given
// and posts back the reader's answer (JSON text). Nothing is stored.
//
// Answers, as src/ui/bridge.rs reads them: the reader's own answer (a
// string, its JSON), or { failed: "load" } when the reader could not be
// fetched, or { failed: "read" } when it stopped on the file (a panic in
// WebAssembly): the page says which, and ends the worker.
import init, { read_certificate } from "./scopewise-pdf.js";

const ready = init({ module_or_path: new URL("./scopewise-pdf_bg.wasm", import.meta.url) });

self.onmessage = (event) => {
  ready.then(
    () => {
      let answer;
      try {
        answer = read_certificate(new Uint8Array(event.data));
      } catch {
        answer = { failed: "read" };
      }
      self.postMessage(answer);
    },
    () => self.postMessage({ failed: "load" }),
  );
};
