"""Builds the reader as a browser extension from the release build in dist/:

    python3 scripts/make_extension.py

writes dist-extension/chromium/ and dist-extension/firefox/ (unpacked, to load for
development) and a zip of each for its store. Both are dist/ as it is (the same files the web
gets) without the service worker (an extension's files are local already), plus the
toolbar menu (extension/popup.*), the store text and a Manifest V3 manifest whose version is
Cargo.toml's. Nothing is added to dist/ itself.
"""

import json
import pathlib
import re
import shutil
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
OUT = ROOT / "dist-extension"
SOURCE = ROOT / "extension"

DESCRIPTION = "A feed reader: RSS, Atom and JSON Feed, read directly from every site and kept on your device."
# Extension pages may compile WebAssembly only when the policy says so; nothing else is loosened.
POLICY = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"


def version():
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    match = re.search(r'^\[package\][^\[]*?^version\s*=\s*"([^"]+)"', cargo, re.M | re.S)
    if not match:
        sys.exit("make_extension: no [package] version in Cargo.toml")
    return match.group(1)


def manifest(browser, number):
    icons = {str(size): f"icons/icon-{size}.png" for size in (16, 32, 48, 128)}
    data = {
        "manifest_version": 3,
        "name": "Feeds — feed reader",
        "short_name": "Feeds",
        "version": number,
        "description": DESCRIPTION,
        "icons": icons,
        "action": {"default_title": "Feeds", "default_popup": "popup.html", "default_icon": icons},
        # activeTab: the current tab's address for "Subscribe to this page". Host access: to
        # fetch feeds from any site (an extension's page is not bound by CORS for these).
        "permissions": ["activeTab"],
        "host_permissions": ["http://*/*", "https://*/*"],
        "content_security_policy": {"extension_pages": POLICY},
    }
    if browser == "firefox":
        data["browser_specific_settings"] = {
            "gecko": {
                "id": "feeds-reader@feedreader.example",
                # The first versions that read data_collection_permissions (no data collected).
                "strict_min_version": "140.0",
                "data_collection_permissions": {"required": ["none"]},
            },
            "gecko_android": {"strict_min_version": "142.0"},
        }
    return data


def build(browser, number):
    folder = OUT / browser
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(DIST, folder, ignore=shutil.ignore_patterns("sw.js"))
    for name in ("popup.html", "popup.css", "popup.js"):
        shutil.copy2(SOURCE / name, folder / name)
    shutil.copy2(SOURCE / "STORE.md", folder / "store-description.txt")
    (folder / "manifest.json").write_text(json.dumps(manifest(browser, number), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    package = OUT / f"feeds-{browser}-{number}.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return package


if __name__ == "__main__":
    if not (DIST / "index.html").exists():
        sys.exit("make_extension: dist/ has no build; run make dist first")
    number = version()
    OUT.mkdir(exist_ok=True)
    for browser in ("chromium", "firefox"):
        package = build(browser, number)
        print(f"make_extension: {package.relative_to(ROOT)} ({package.stat().st_size:,} bytes)")
