#!/usr/bin/env python3
"""Trunk post-build hook: put the SHA-256 of every inline <script> of the built
index.html into the Content-Security-Policy, in index.html's meta tag and in
the _headers file, so the strict policy allows Trunk's bootstrap and nothing
else. Fails the build if the placeholder is missing or a script is not hashed."""
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
    open(index, "w", encoding="utf-8").write(html.replace(PLACEHOLDER, hashes))
    headers = os.path.join(staging, "_headers")
    if os.path.exists(headers):
        text = open(headers, encoding="utf-8").read()
        open(headers, "w", encoding="utf-8").write(text.replace(PLACEHOLDER, hashes))
    print("csp.py: allowed %d inline script(s): %s" % (len(scripts), hashes))
    return 0

if __name__ == "__main__":
    sys.exit(main())
