#!/usr/bin/env python3
"""Trunk post-build hook: put the SHA-256 of every inline <script> of the built
index.html into the Content-Security-Policy, in index.html's meta tag and in
the _headers file, so the strict policy allows Trunk's bootstrap and nothing
else. Fails the build if the placeholder is missing or a script is not hashed.

It also makes every subresource integrity hash of index.html (`integrity=` on
its links and scripts) the hash of the staged file it names. Trunk builds the
three modules at once and their wasm-bindgen runs share one snippets folder:
Trunk can hash a snippet while another run is rewriting it (seen: the hash of
an empty file), and the browser then refuses the snippet and the app never
starts."""
import base64, hashlib, os, re, sys

PLACEHOLDER = "__CSP_SCRIPT_HASHES__"

def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not staging:
        print("csp.py: TRUNK_STAGING_DIR is not set", file=sys.stderr)
        return 2
    index = os.path.join(staging, "index.html")
    html = open(index, encoding="utf-8").read()
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    if not scripts:
        print("csp.py: no inline script found in index.html", file=sys.stderr)
        return 2
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        for s in scripts
    )
    if PLACEHOLDER not in html:
        print("csp.py: the CSP placeholder is missing from index.html", file=sys.stderr)
        return 2
    if re.search(r"<style\b|\sstyle=", html):
        print("csp.py: inline styles are not allowed (style-src 'self')", file=sys.stderr)
        return 2
    html, fixed = with_true_integrity(html, staging)
    if fixed is None:
        return 2
    for name in fixed:
        print("csp.py: corrected the integrity hash of %s (Trunk hashed it mid-write)" % name)
    open(index, "w", encoding="utf-8").write(html.replace(PLACEHOLDER, hashes))
    headers = os.path.join(staging, "_headers")
    if os.path.exists(headers):
        text = open(headers, encoding="utf-8").read()
        open(headers, "w", encoding="utf-8").write(text.replace(PLACEHOLDER, hashes))
    print("csp.py: allowed %d inline script(s): %s" % (len(scripts), hashes))
    return 0

def with_true_integrity(html, staging):
    """html with each integrity hash recomputed from the staged file its tag
    names, and the names that were wrong; (html, None) if a file is missing."""
    fixed, missing = [], []

    def tag(m):
        text = m.group(0)
        url = re.search(r'\b(?:href|src)="\./([^"?#]+)"', text)
        sri = re.search(r'\bintegrity="(sha256|sha384|sha512)-([^"]*)"', text)
        if not url or not sri:
            return text
        path = os.path.join(staging, url.group(1))
        if not os.path.isfile(path):
            missing.append(url.group(1))
            return text
        digest = base64.b64encode(hashlib.new(sri.group(1), open(path, "rb").read()).digest()).decode()
        if digest == sri.group(2):
            return text
        fixed.append(url.group(1))
        return text[: sri.start(2)] + digest + text[sri.end(2):]

    html = re.sub(r"<(?:link|script)\b[^>]*>", tag, html)
    if missing:
        print("csp.py: index.html names files the build does not have: %s" % ", ".join(missing), file=sys.stderr)
        return html, None
    return html, fixed

if __name__ == "__main__":
    sys.exit(main())
