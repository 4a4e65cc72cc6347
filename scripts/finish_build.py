"""Trunk post-build hook: the last touches Trunk cannot make.

1. Moves the inline module script Trunk writes into index.html into its own file, so the
   page's Content-Security-Policy can say script-src 'self' with no 'unsafe-inline'.
2. Names the workers' files after their content (Trunk names worker files plainly, since a
   worker's address is made at run time), so a browser never mixes files of two builds, and
   links them from index.html where the page and boot.js find them: the engine's preloaded
   (a first visit needs it at once), the parser's only named (it loads when first needed).
3. Puts the sample's first screen (static/first-screen.html) in index.html, where it paints
   with the shell on a first visit, and keeps the loading screen it replaces in a template
   for boot.js.
4. Writes the service worker with the list of this build's files (scripts/service_worker.py).
"""

import hashlib
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")


def fail(message):
    sys.exit(f"finish_build: {message}")


# 1. The inline loader.
pattern = re.compile(r"<script type=\"module\">(.*?)</script>", re.S)
scripts = pattern.findall(html)
if len(scripts) != 1:
    fail(f"expected one inline module script in {index}, found {len(scripts)}")
code = scripts[0].strip() + "\n"
name = f"loader-{hashlib.sha256(code.encode()).hexdigest()[:16]}.js"
(staging / name).write_text(code, encoding="utf-8")
html = pattern.sub(f'<script type="module" src="./{name}"></script>', html, count=1)


# 2. The workers.
def hashed_worker(bin_name):
    js, wasm, loader = (staging / f"{bin_name}{suffix}" for suffix in (".js", "_bg.wasm", "_loader.js"))
    for file in (js, wasm, loader):
        if not file.exists():
            fail(f"{file} is missing: did Trunk build the {bin_name} worker?")
    digest = hashlib.sha256(js.read_bytes() + wasm.read_bytes()).hexdigest()[:16]
    stem = f"{bin_name}-{digest}"
    glue = js.read_text(encoding="utf-8").replace(f"{bin_name}_bg.wasm", f"{stem}_bg.wasm")
    shim = loader.read_text(encoding="utf-8").replace(f"./{bin_name}.js", f"./{stem}.js")
    if f"{stem}_bg.wasm" not in glue or f"./{stem}.js" not in shim:
        fail(f"the {bin_name} worker's files do not name each other as expected")
    (staging / f"{stem}.js").write_text(glue, encoding="utf-8")
    (staging / f"{stem}_loader.js").write_text(shim, encoding="utf-8")
    wasm.rename(staging / f"{stem}_bg.wasm")
    js.unlink()
    loader.unlink()
    return stem


engine = hashed_worker("engine")
parser = hashed_worker("parser")
filters = hashed_worker("filters")
extract = hashed_worker("extract")
# Named, not fetched: boot.js decides when the engine's files are fetched (at once on a device
# that has used the reader; after the page's own wasm on a first visit, which the page shows
# from a recording), and the parser, the filters and the extraction load when first needed.
links = (
    f'<link rel="engine" id="engine-script" href="./{engine}_loader.js">\n'
    f'  <link rel="engine" id="engine-glue" href="./{engine}.js">\n'
    f'  <link rel="engine" id="engine-wasm" href="./{engine}_bg.wasm">\n'
    f'  <link rel="parser" id="parser-script" href="./{parser}_loader.js">\n'
    f'  <link rel="parser" id="filters-script" href="./{filters}_loader.js">\n'
    f'  <link rel="parser" id="extract-script" href="./{extract}_loader.js">\n'
    f'  <link rel="sample" id="first-visit" href="./first-visit.bin">\n'
    f'  <link rel="sample" id="sample-feed" href="./sample.json">\n'
)
if "<!-- workers -->" not in html:
    fail("index.html has no <!-- workers --> mark to link the workers at")
html = html.replace("<!-- workers -->", links.rstrip("\n"), 1)

# Trunk puts the page's preloads at the end of <head>, after boot.js: they go first, where
# boot.js finds them.
preloads = re.findall(r'<link rel="(?:modulepreload|preload)" href="\./page-[^>]*>', html)
if len(preloads) != 2:
    fail(f"expected Trunk's two preloads of the page's files, found {len(preloads)}")
for link in preloads:
    html = html.replace(link, "", 1)
# Named, not fetched: boot.js turns them into preloads at once on a device that has used the
# reader, and on a first visit once the first screen (in this file) is painted.
preloads = [re.sub(r'^<link rel="(modulepreload|preload)"', r'<link rel="page" data-rel="\1"', link) for link in preloads]
html = html.replace("<!-- page preloads -->", "\n  ".join(preloads), 1)

# 3. The first screen.
screen = re.compile(r"<!-- screen -->\s*(.*?)\s*<!-- /screen -->", re.S)
found = screen.search(html)
if not found:
    fail("index.html has no <!-- screen --> … <!-- /screen --> around its loading screen")
first = pathlib.Path(__file__).resolve().parent.parent / "static" / "first-screen.html"
if not first.exists():
    fail(f"{first} is missing: run `UPDATE_SAMPLE=1 node --test tests/dist/first-screen.test.mjs`")
loading = found.group(1)
html = html[: found.start()] + first.read_text(encoding="utf-8").strip() + html[found.end() :]
html = html.replace("</body>", f'<template id="loading-screen">{loading}</template>\n</body>', 1)

if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    fail("an inline script is left in index.html; the CSP would block it")
index.write_text(html, encoding="utf-8")

# 4. The service worker, once every file is in place.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import service_worker  # noqa: E402

build, count = service_worker.write(staging)
print(f"finish_build: loader {name}, engine {engine}, parser {parser}, filters {filters}, extract {extract}; service worker for build {build}, {count} files")
