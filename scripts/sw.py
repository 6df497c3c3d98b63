#!/usr/bin/env python3
"""Trunk post-build hook (after scripts/csp.py): writes the service worker's
lists of files from what this build produced, never by hand.

- SHELL: index.html and every file it pulls in, following the static
  imports of its scripts (the first visit's download), cached when the
  service worker installs.
- LAZY: every other file of the build (the evaluation workspace, the PDF
  reader and its worker, OCR files, whatever modules exist), cached the
  first time the page fetches it.
- VERSION: a hash of every file's bytes: any change makes a new worker,
  which waits until the user agrees to reload.

It also checks that _headers sends the strict Content-Security-Policy for
every path, the service worker's included (a meta tag does not cover a
worker): the build fails otherwise.

Trunk starts the hooks of a stage together: this one waits until csp.py
has filled in the policy's hashes before it reads anything."""
import hashlib, json, os, re, sys, time

SKIP = {"sw.js", "_headers"}


def files(root):
    out = []
    for d, _, names in os.walk(root):
        for n in names:
            rel = os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/")
            if rel not in SKIP and not rel.startswith("."):
                out.append(rel)
    return sorted(out)


def referenced(text, base, known):
    """Paths of `known` that `text` (of the file at `base`) refers to."""
    refs = set()
    for m in re.finditer(r"""(?:href|src)\s*=\s*["']([^"'#?]+)|(?:from|import)\s*\(?\s*["']([^"']+)["']|module_or_path:\s*["']([^"']+)["']|new URL\(\s*["']([^"']+)["']""", text):
        ref = next(g for g in m.groups() if g)
        if re.match(r"^[a-z]+:", ref) or ref.startswith("/"):
            continue
        path = os.path.normpath(os.path.join(os.path.dirname(base), ref)).replace(os.sep, "/")
        if path in known:
            refs.add(path)
    return refs


def main():
    root = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not root:
        print("sw.py: TRUNK_STAGING_DIR is not set", file=sys.stderr)
        return 2
    # csp.py runs beside this hook: wait until it has written its hashes.
    placeholder = "__CSP_SCRIPT_HASHES__"
    for _ in range(600):
        texts = [open(os.path.join(root, f), encoding="utf-8").read() for f in ("index.html", "_headers")]
        if not any(placeholder in t for t in texts):
            break
        time.sleep(0.1)
    all_files = files(root)
    known = set(all_files)
    shell, todo = set(), ["index.html"]
    while todo:
        f = todo.pop()
        if f in shell:
            continue
        shell.add(f)
        if f.endswith((".html", ".js", ".mjs", ".css", ".webmanifest")):
            text = open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
            todo.extend(referenced(text, f, known) - shell)
    # The workers a page starts are fetched when used, not on the first visit.
    lazy = [f for f in all_files if f not in shell]
    digest = hashlib.sha256()
    for f in all_files:
        digest.update(f.encode() + b"\0" + hashlib.sha256(open(os.path.join(root, f), "rb").read()).digest())
    sw = os.path.join(root, "sw.js")
    text = open(sw, encoding="utf-8").read()
    for placeholder in ("__SW_VERSION__", "__SW_SHELL__", "__SW_LAZY__"):
        if placeholder not in text:
            print("sw.py: %s is missing from sw.js" % placeholder, file=sys.stderr)
            return 2
    text = (text.replace("__SW_VERSION__", digest.hexdigest()[:16])
                .replace("__SW_SHELL__", json.dumps(sorted(shell)))
                .replace("__SW_LAZY__", json.dumps(lazy)))
    open(sw, "w", encoding="utf-8").write(text)
    headers = open(os.path.join(root, "_headers"), encoding="utf-8").read()
    block = re.search(r"^/\*\n((?:[ \t]+.*\n?)+)", headers, flags=re.M)
    csp = block and re.search(r"Content-Security-Policy:\s*(.*)", block.group(1))
    needed = ["default-src 'none'", "script-src 'self'", "connect-src 'self'"]
    missing = [n for n in needed if not csp or n not in csp.group(1)]
    if missing or "__CSP_SCRIPT_HASHES__" in headers:
        print("sw.py: _headers must send the strict policy for every path, sw.js included; missing: %s" % missing, file=sys.stderr)
        return 2
    print("sw.py: %d shell file(s) cached on install, %d cached when first used" % (len(shell), len(lazy)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
