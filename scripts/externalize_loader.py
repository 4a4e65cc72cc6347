"""Trunk post-build hook: move the inline module script Trunk writes into index.html into its
own file, so the page's Content-Security-Policy can say script-src 'self' with no
'unsafe-inline' and no hash that changes with every build."""

import hashlib
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

pattern = re.compile(r"<script type=\"module\">(.*?)</script>", re.S)
scripts = pattern.findall(html)
if len(scripts) != 1:
    sys.exit(f"externalize_loader: expected one inline module script in {index}, found {len(scripts)}")

code = scripts[0].strip() + "\n"
name = f"loader-{hashlib.sha256(code.encode()).hexdigest()[:16]}.js"
(staging / name).write_text(code, encoding="utf-8")
html = pattern.sub(f'<script type="module" src="./{name}"></script>', html, count=1)
if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html):
    sys.exit("externalize_loader: an inline script is left in index.html; the CSP would block it")
index.write_text(html, encoding="utf-8")
print(f"externalize_loader: loader moved to {name}")
