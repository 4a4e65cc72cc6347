"""Writes dist/sw.js: static/sw.js with the list of one build's files and a name for the build.

    python3 scripts/service_worker.py DIR

The list is every file in DIR (never guessed), and the build's name is a hash of their names
and contents, so two builds never share a cache and an unchanged build keeps its own. Run by
scripts/finish_build.py after each build; the tests run it on a changed copy of dist/ to make
a second build.
"""

import hashlib
import json
import pathlib
import sys

TEMPLATE = pathlib.Path(__file__).resolve().parent.parent / "static" / "sw.js"


def write(folder):
    folder = pathlib.Path(folder)
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "sw.js")
    if "index.html" not in files:
        sys.exit(f"service_worker: {folder} has no index.html")
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (folder / name).read_bytes())
    build = digest.hexdigest()[:16]
    code = TEMPLATE.read_text(encoding="utf-8")
    if "'%BUILD%'" not in code or "['%FILES%']" not in code:
        sys.exit(f"service_worker: {TEMPLATE} has lost its %BUILD% or %FILES% mark")
    code = code.replace("'%BUILD%'", json.dumps(build)).replace("['%FILES%']", json.dumps(files, indent=2))
    (folder / "sw.js").write_text(code, encoding="utf-8")
    return build, len(files)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build, count = write(sys.argv[1])
    print(f"service_worker: build {build}, {count} files")
