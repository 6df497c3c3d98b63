#!/usr/bin/env python3
"""Where a WebAssembly module's bytes go, grouped by crate.

Usage: wasm-size.py MODULE.wasm [TOP]

Reads the module's code section (each function body's size), its data
section, and the function names of its `name` section (the names rustc and
lld write: demangled, with a hash). Each function is counted under the
crate its name starts with; for a trait impl, `<T as Trait>::f`, under T's
crate. Code of this crate is split by module, and the serde impls derived
for its types are counted apart, because they are written out once per type.
A closure inlined into a library's generic function counts under that
function: much of the `reactive_graph` share is the bodies of this crate's
components, run inside `untrack_with_diagnostics`; and `wasm_bindgen`'s
includes its `describe` functions, which the wasm-bindgen command removes.

Run it on the module cargo builds (target/wasm32-unknown-unknown/release/),
which still has its names: the shipped one has been through wasm-opt, which
drops them and shrinks the code by about a third, so the shares printed
are those of the code before wasm-opt, in raw bytes. No third-party tool is
needed (the standard library reads the format).
"""

import re
import sys
from collections import defaultdict


def leb(buf, pos):
    """An unsigned LEB128 at `pos`: (value, position after it)."""
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def sections(buf):
    if buf[:4] != b"\0asm":
        raise SystemExit("not a WebAssembly module")
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, start = leb(buf, pos + 1)
        yield sid, start, start + size
        pos = start + size


def imported_functions(buf, start):
    count, pos = leb(buf, start)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, pos = leb(buf, pos)
            pos += n
        kind = buf[pos]
        pos += 1
        if kind == 0:  # function: type index
            _, pos = leb(buf, pos)
            functions += 1
        elif kind == 1:  # table: element type, limits
            pos += 1
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(buf, pos)
            _, pos = leb(buf, pos)
            if flags & 1:
                _, pos = leb(buf, pos)
        elif kind == 3:  # global: value type, mutability
            pos += 2
        elif kind == 4:  # tag: attribute, type index
            pos += 1
            _, pos = leb(buf, pos)
        else:
            raise SystemExit(f"unknown import kind {kind}")
    return functions


def function_names(buf, start, end):
    n, pos = leb(buf, start)
    if buf[pos : pos + n] != b"name":
        return None
    pos += n
    names = {}
    while pos < end:
        sub = buf[pos]
        size, pos = leb(buf, pos + 1)
        if sub == 1:
            count, p = leb(buf, pos)
            for _ in range(count):
                idx, p = leb(buf, p)
                length, p = leb(buf, p)
                names[idx] = buf[p : p + length].decode("utf-8", "replace")
                p += length
        pos += size
    return names


LEGACY = {"$LT$": "<", "$GT$": ">", "$u20$": " ", "$RF$": "&", "$BP$": "*",
          "$C$": ",", "$u7b$": "{", "$u7d$": "}", "$u27$": "'", "$u5b$": "[",
          "$u5d$": "]", "$u7e$": "~", "$SP$": "@", "$LP$": "(", "$RP$": ")"}


V0_CRATE = re.compile(r"C(?:s[0-9A-Za-z]*_)?(\d+)")


def demangle(name):
    """Rust's symbol names: legacy (`_ZN...E`) in full; of v0 (`_R...`) only
    the first crate named, which is all [`group`] reads."""
    if name.startswith("_R"):
        m = V0_CRATE.search(name)
        if not m:
            return name
        start = m.end()
        return name[start : start + int(m.group(1))] + "::"
    if not name.startswith("_ZN"):
        return name
    pos, parts = 3, []
    while pos < len(name) and name[pos].isdigit():
        m = re.match(r"\d+", name[pos:])
        n = int(m.group())
        pos += len(m.group())
        part = name[pos : pos + n]
        parts.append(part[1:] if part.startswith("_$") else part)
        pos += n
    text = "::".join(parts).replace("..", "::")
    for code, ch in LEGACY.items():
        text = text.replace(code, ch)
    return text


SERDE_DERIVE = re.compile(r"serde::(de::Deserialize|ser::Serialize)(<'de>)? for |__Visitor|__FieldVisitor|__Field")


def group(name, own):
    """(crate, module) a function is counted under."""
    name = demangle(name)
    if own and own in name and SERDE_DERIVE.search(name):
        return own, "serde impls derived for our types"
    m = re.match(r"[<&\[(*\s]*(?:mut |dyn |const )*([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?(?:::([A-Za-z_][A-Za-z0-9_]*))?(?:::([A-Za-z_][A-Za-z0-9_]*))?", name)
    if not m:
        return "(unnamed)", ""
    crate = m.group(1)
    if m.group(2) is None and " as " in name:
        # A blanket impl, `<T as reactive_graph::traits::With>::with`: the
        # trait's crate.
        m = re.match(r"(?:mut |dyn |&)*([A-Za-z_][A-Za-z0-9_]*)", name.split(" as ", 1)[1])
        crate = m.group(1) if m else crate
    if crate in ("impl", "_"):
        crate = "(unnamed)"
    if crate == own:
        sub = m.group(2) or ""
        if sub in ("ui", "documents", "policy", "domain", "share") and m.group(3):
            sub += "::" + m.group(3)
            if m.group(3) in ("workspace", "library") and m.group(4) and m.group(4)[0].islower():
                sub += "::" + m.group(4)
        return crate, sub
    if crate.startswith("__") or crate.startswith("wasm_bindgen"):
        crate = "wasm_bindgen" if "bindgen" in crate else crate
    return crate, ""


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    buf = open(path, "rb").read()
    own = "scopewise"
    imports = 0
    bodies = []
    names = {}
    data = 0
    for sid, start, end in sections(buf):
        if sid == 2:
            imports = imported_functions(buf, start)
        elif sid == 10:
            count, pos = leb(buf, start)
            for _ in range(count):
                size, body = leb(buf, pos)
                bodies.append(body + size - pos)
                pos = body + size
        elif sid == 11:
            data += end - start
        elif sid == 0:
            found = function_names(buf, start, end)
            if found is not None:
                names = found
    if not names:
        print(f"{path}: no function names (a module after wasm-opt has none); nothing to group")
        return
    crates = defaultdict(int)
    ours = defaultdict(int)
    for i, size in enumerate(bodies):
        crate, sub = group(names.get(imports + i, ""), own)
        crates[crate] += size
        if crate == own:
            ours[sub or "(crate root)"] += size
    code = sum(bodies)
    whole = len(buf)
    print(f"{path}: {whole / 1000:.1f} KB before wasm-opt: code {code / 1000:.1f} KB "
          f"({len(bodies)} functions), data {data / 1000:.1f} KB")
    shown = sorted(crates.items(), key=lambda kv: -kv[1])
    for crate, size in shown[:top]:
        print(f"  {crate:<24} {size / 1000:8.1f} KB  {100 * size / code:5.1f}% of code")
    rest = sum(size for _, size in shown[top:])
    if rest:
        print(f"  {'(' + str(len(shown) - top) + ' more crates)':<24} {rest / 1000:8.1f} KB  {100 * rest / code:5.1f}% of code")
    print(f"  of which {own}, by module:")
    for sub, size in sorted(ours.items(), key=lambda kv: -kv[1])[:top]:
        print(f"    {sub:<38} {size / 1000:8.1f} KB  {100 * size / code:5.1f}% of code")


if __name__ == "__main__":
    main()
