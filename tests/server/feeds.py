#!/usr/bin/env python3
"""The web the fetch tests read: a real HTTP server on 127.0.0.1 serving feeds with and without
CORS headers, slow, missing, gone, redirected, oversized, HTML pages with and without alternate
links, a Latin-1 feed labelled by its Content-Type, and a stand-in CORS proxy.

Usage: feeds.py [PORT]   (default 8765). It stops by itself when the process that started it
goes away, and after 30 minutes in any case.

/admin/edition?n=N changes what /cors/news.xml says (see `news`); /admin/stats counts the
requests answered 304 Not Modified (revalidation through the browser's HTTP cache) and the most
/cors/slowish.xml requests served at once; /admin/reset puts them back.
"""

import os
import sys
import threading
import time
import urllib.request
from email.utils import formatdate
from pathlib import Path
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
STATE = {"edition": 1, "not_modified": 0, "requests": 0, "in_flight": 0, "most_at_once": 0}
LOCK = threading.Lock()


def rss(title, items, link="https://example.org/"):
    body = "".join(
        f"<item><title>{t}</title><link>https://example.org/{i}</link><guid>{i}</guid>"
        f"<description>{t} body</description><pubDate>Mon, 0{n + 1} Nov 2026 10:00:00 GMT</pubDate></item>"
        for n, (i, t) in enumerate(items)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>{link}</link>{body}</channel></rss>"
    ).encode()


FEED = rss("Local News", [("one", "First story"), ("two", "Second story"), ("three", "Third story")])
ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Blog in Atom</title><id>urn:blog</id><updated>2026-11-01T00:00:00Z</updated>"
    '<entry><title>Atom post</title><id>urn:blog:1</id><updated>2026-11-01T00:00:00Z</updated></entry></feed>'
).encode()
EDITIONS = {
    1: rss("Changing News", [("a", "Story A"), ("b", "Story B")]),
    2: rss("Changing News", [("b", "Story B, corrected"), ("c", "Story C")]),
}
# Latin-1 bytes, no encoding in the XML declaration: only the Content-Type header says so.
LATIN1 = rss("Caf\u00e9 M\u00fcller", [("x", "Cr\u00e8me br\u00fbl\u00e9e")]).decode().encode("iso-8859-1")
BLOG = f"""<!doctype html><html><head><title>A blog</title>
<link rel="alternate" type="application/rss+xml" title="Posts (RSS)" href="../cors/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Posts (Atom)" href="{ORIGIN}/cors/atom.xml">
<link rel="stylesheet" href="style.css">
</head><body><p>Hello</p></body></html>""".encode()
NOCORS_SITE = b"""<!doctype html><html><head><title>News site</title>
<link rel="alternate" type="application/rss+xml" title="News" href="../news.xml">
</head><body><p>News</p></body></html>"""
PLAIN = b"<!doctype html><html><head><title>No feed links</title></head><body><p>Hi</p></body></html>"
BIG = 30 * 1024 * 1024
# Text view: a feed of teasers whose articles are pages on this server, one readable by other
# origins and one not.
ARTICLE_PAGE = (Path(__file__).parent.parent / "fixtures/pages/article.html").read_bytes()
ARTICLES = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Courier teasers</title><link>http://127.0.0.1:8765/</link>'
    "<item><title>Why the river froze early</title><link>http://127.0.0.1:8765/cors/article/river</link>"
    "<description>A teaser, not the story.</description><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item>"
    "<item><title>The river, elsewhere</title><link>http://127.0.0.1:8765/nocors/article/river</link>"
    "<description>Another teaser.</description><pubDate>Sun, 29 Nov 2026 10:00:00 GMT</pubDate></item>"
    "</channel></rss>"
).encode()


def weekly():
    """A feed for statistics: an entry every three days up to now (20), and two from more
    than a year ago, dated from the moment it is asked for."""
    now = time.time()
    ages = [i * 3 for i in range(20)] + [400, 401]
    items = "".join(
        f"<item><title>Weekly {n}</title><guid>weekly-{n}</guid>"
        f"<pubDate>{formatdate(now - days * 86400 - 60, usegmt=True)}</pubDate><description>Entry {n}.</description></item>"
        for n, days in enumerate(ages)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Every three days</title>'
            f"<link>https://weekly.example/</link>{items}</channel></rss>").encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", content_type="application/rss+xml", cors=True, headers=()):
        self.send_response(status)
        if cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        if body is not None:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        path = url.path
        with LOCK:
            STATE["requests"] += 1
        if path == "/admin/edition":
            with LOCK:
                STATE["edition"] = int(query.get("n", ["1"])[0])
            return self.send(200, b"ok", "text/plain")
        if path == "/admin/stats":
            with LOCK:
                text = '{"not_modified": %d, "requests": %d, "most_at_once": %d}' % (
                    STATE["not_modified"], STATE["requests"], STATE["most_at_once"])
            return self.send(200, text.encode(), "application/json")
        if path == "/admin/reset":
            with LOCK:
                STATE.update(edition=1, not_modified=0, requests=0, in_flight=0, most_at_once=0)
            return self.send(200, b"ok", "text/plain")
        if path in ("/cors/feed.xml", "/rss.xml"):
            return self.send(200, FEED)
        if path.startswith("/images/") and path.endswith(".png"):
            # A picture for the card view: the app's own icon, any name.
            icon = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "static", "icons", "icon-192.png")
            with open(icon, "rb") as file:
                # The test runner's page is cross-origin isolated: its images must say they may be embedded.
                return self.send(200, file.read(), "image/png", headers=[("Cross-Origin-Resource-Policy", "cross-origin")])
        if path == "/sample.json":
            # The sample a first visit shows, as dist/ serves it (the browser tests' page has no dist/).
            sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "static", path[1:])
            with open(sample, "rb") as file:
                return self.send(200, file.read(), "application/json")
        if path == "/cors/atom.xml":
            return self.send(200, ATOM, "application/atom+xml")
        if path == "/cors/news.xml":
            return self.news()
        if path == "/nocors/news.xml":
            # The changing feed with no CORS header: what the extension reads and a page cannot.
            return self.news(cors=False)
        if path == "/nocors/site/":
            # A site whose page announces a feed, neither with CORS headers (the extension's
            # "Subscribe to this page").
            return self.send(200, NOCORS_SITE, "text/html; charset=utf-8", cors=False)
        if path == "/cors/gen.xml":
            return self.generated(int(query.get("n", ["0"])[0]), int(query.get("entries", ["100"])[0]))
        if path == "/cors/slowish.xml":
            return self.slowish(query.get("n", ["0"])[0])
        if path == "/nocors/feed.xml":
            # No CORS header. The Cross-Origin-Resource-Policy header only lets the test
            # runner's page (which is cross-origin isolated, COEP: require-corp) see that a
            # no-cors request got an answer; the app's own page is not isolated and needs none
            # (/nocors/bare.xml, used by the built-page test).
            return self.send(200, FEED, cors=False, headers=[("Cross-Origin-Resource-Policy", "cross-origin")])
        if path == "/nocors/bare.xml":
            return self.send(200, FEED, cors=False)
        if path == "/cors/latin1.xml":
            return self.send(200, LATIN1, "application/rss+xml; charset=ISO-8859-1")
        if path == "/cors/slow.xml":
            time.sleep(25)
            return self.send(200, FEED)
        if path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            return self.send(code, b"no feed here", "text/plain")
        if path == "/cors/moved.xml":
            return self.send(301, b"", headers=[("Location", "/cors/feed.xml")])
        if path == "/cors/big.xml":
            return self.big(sized=True)
        if path == "/cors/big-unsized.xml":
            return self.big(sized=False)
        if path == "/cors/blog/":
            return self.send(200, BLOG, "text/html; charset=utf-8")
        if path == "/cors/plain/":
            return self.send(200, PLAIN, "text/html")
        if path == "/cors/notes.txt":
            return self.send(200, b"Just some notes,\nnot a feed.\n", "text/plain")
        if path == "/cors/weekly.xml":
            return self.send(200, weekly())
        if path == "/cors/articles.xml":
            return self.send(200, ARTICLES)
        if path in ("/cors/article/river", "/nocors/article/river"):
            return self.send(200, ARTICLE_PAGE, "text/html; charset=utf-8", cors=path.startswith("/cors/"))
        if path == "/proxy":
            return self.proxy(query.get("url", [""])[0])
        return self.send(404, b"not found", "text/plain")

    def generated(self, n, entries):
        """Feed n of a benchmark library: `entries` entries with a paragraph each, an ETag so an
        unchanged feed is revalidated with a 304."""
        tag = f'"gen-{n}-{entries}"'
        if self.headers.get("If-None-Match") == tag:
            with LOCK:
                STATE["not_modified"] += 1
            return self.send(304, None, headers=[("ETag", tag), ("Cache-Control", "no-cache")])
        items = "".join(
            f"<item><title>Feed {n} entry {i}</title><link>https://gen.example/{n}/{i}</link>"
            f"<guid>https://gen.example/{n}/{i}</guid><pubDate>Mon, 02 Nov 2026 {i % 24:02}:{i % 60:02}:00 GMT</pubDate>"
            f"<description>&lt;p&gt;{'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ' * 20}&lt;/p&gt;</description></item>"
            for i in range(entries)
        )
        body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Generated {n}</title><link>https://gen.example/{n}/</link>{items}</channel></rss>'
        return self.send(200, body.encode(), headers=[("ETag", tag), ("Cache-Control", "no-cache")])

    def slowish(self, n):
        """A feed that takes a second to answer, counting how many are asked for at once."""
        with LOCK:
            STATE["in_flight"] += 1
            STATE["most_at_once"] = max(STATE["most_at_once"], STATE["in_flight"])
        time.sleep(1)
        with LOCK:
            STATE["in_flight"] -= 1
        return self.send(200, rss(f"Slow feed {n}", [(f"s{n}", f"Slow story {n}")]))

    def news(self, cors=True):
        """Edition 1 and 2 differ; edition 0 is a server failure; edition 3 moved for good."""
        with LOCK:
            edition = STATE["edition"]
        if edition == 0:
            return self.send(503, b"down for maintenance", "text/plain", cors=cors)
        if edition == 3:
            return self.send(301, b"", headers=[("Location", "/cors/feed.xml")], cors=cors)
        tag = f'"edition-{edition}"'
        if self.headers.get("If-None-Match") == tag:
            with LOCK:
                STATE["not_modified"] += 1
            return self.send(304, None, headers=[("ETag", tag), ("Cache-Control", "no-cache")], cors=cors)
        return self.send(200, EDITIONS[edition], headers=[("ETag", tag), ("Cache-Control", "no-cache")], cors=cors)

    def big(self, sized):
        """30 MB, with its length announced, or (sized=False) streamed until the connection closes."""
        chunk = b"<!-- " + b"x" * 1014 + b" -->\n"
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Type", "application/rss+xml")
        if sized:
            self.send_header("Content-Length", str(BIG))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        try:
            for _ in range(BIG // len(chunk)):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def proxy(self, target):
        """A stand-in for the CORS proxy a reader might set: fetches the address, adds the header."""
        if not target.startswith(ORIGIN + "/"):
            return self.send(400, b"this proxy only fetches from its own server", "text/plain")
        try:
            with urllib.request.urlopen(target, timeout=10) as answer:
                body = answer.read()
                return self.send(200, body, answer.headers.get("Content-Type", "application/xml"))
        except urllib.error.HTTPError as error:
            return self.send(error.code, b"", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that gave up on an answer (a timeout, a size cap) closed the connection:
        # expected here, not worth a traceback.
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def watch(parent):
    """Stops the server when whoever started it is gone, or after 30 minutes."""
    deadline = time.time() + 30 * 60
    while os.getppid() == parent and time.time() < deadline:
        time.sleep(1)
    os._exit(0)


if __name__ == "__main__":
    server = Server(("127.0.0.1", PORT), Handler)
    threading.Thread(target=watch, args=(os.getppid(),), daemon=True).start()
    print(f"serving test feeds on {ORIGIN}", flush=True)
    server.serve_forever()
