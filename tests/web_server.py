"""A loopback web server for the link tests: plainly fictional article pages, and pages that misbehave on
purpose (redirect loops and redirects out of bounds, wrong types, lying lengths, endless bodies, silence)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.conftest import FIXTURES

WEB_FIXTURES = FIXTURES / "web"
SYNDICATED = FIXTURES / "syndication"  # one wire story on three outlets, and another story on the same pair
ARTICLE_HTML = (WEB_FIXTURES / "veloria-quintara-ferry.html").read_bytes()
ARTICLE_TEXT = (WEB_FIXTURES / "kestovia-norrvald-lighthouse.txt").read_bytes()
PDF_STORY = ("(This is a fictional test article.) Solmere and Tavrenne opened a fictional seed bank in Sundqvell "
             "on February 2, 2026, to keep the grain varieties of both countries safe from drought and floods. "
             "Solmere's Agriculture Minister Petra Lindqvast said the vault would hold 40,000 samples by 2028, and "
             "Tavrenne's Science Minister Jules Arnaud said the two countries would train twelve seed scientists "
             "a year at the new bank. ")


@functools.cache
def article_pdf() -> bytes:
    from tests.test_ingestion import make_pdf

    return make_pdf("\n\n\n\n" + PDF_STORY * 2)


# Four fictional reports, served as plain text, that the test feeds list (two in RSS, two in Atom).
FEED_ITEMS = {
    "night-train": ("Solmere and Tavrenne start a fictional night train", "2026-05-06",
                    "Solmere and Tavrenne started a night train between Sundqvell and Port Arvane on May 5, 2026. "
                    "The train takes eleven hours and runs three times a week. Solmere's Transport Minister Ida "
                    "Branholm said a sleeper carriage for families would follow in 2027."),
    "orchestra": ("Veloria and Quintara found a fictional youth orchestra", "2026-05-07",
                  "Veloria and Quintara founded a joint youth orchestra of 64 musicians on May 6, 2026. Velorian "
                  "Culture Minister Teodor Falk said it would tour both countries each summer, starting in Lumenhal "
                  "in July 2026. Quintara will pay for the instruments."),
    "observatory": ("Kestovia and Norrvald share a fictional observatory", "2026-05-08",
                    "Kestovia and Norrvald agreed on May 7, 2026 to share the Hvitfjell observatory. Astronomers of "
                    "both countries will each get half of the telescope time. Norrvald's Science Minister Sigrun "
                    "Aalto said the dome would reopen in October 2026 after repairs."),
    "fisheries": ("Solmere and Veloria sign a fictional fisheries pact", "2026-05-09",
                  "Solmere and Veloria signed a fisheries pact on May 8, 2026 that limits the herring catch in their "
                  "shared waters to 30,000 tonnes a year. The pact creates a joint patrol of four boats. Velorian "
                  "Fisheries Minister Maren Okke said it would be reviewed every two years."),
    # The watched-pair tests: a visit, and later a pact, of Norrvald and Tavrenne.
    "timber-visit": ("Norrvaldic trade minister visits Tavrenne for fictional timber talks", "2026-05-12",
                     "Norrvaldic Trade Minister Halvard Brenn visited Sundqvell on May 11, 2026, where he met "
                     "Tavrennese Foreign Minister Odile Marchetti. Brenn said Norrvald would double its timber "
                     "exports to Tavrenne by 2028. Marchetti said the two countries would also open a joint forestry "
                     "school in Ilvareth."),
    "timber-pact": ("Norrvald and Tavrenne sign a fictional timber pact", "2026-05-15",
                    "Norrvald and Tavrenne signed a memorandum of understanding on sustainable timber trade on May 14, "
                    "2026. The pact sets a common label for certified timber from both countries. Tavrennese Forestry "
                    "Minister Anouk Sarrazin said the first labelled shipments would leave Ilvareth in September."),
}


def feed_item_text(slug: str) -> bytes:
    title, day, story = FEED_ITEMS[slug]
    return (f"Title: {title}\nSource: Fictional Feed Wire\nDate: {day}\n\n(This is a fictional test article.) "
            f"{story}\n").encode()


class FictionalWeb:
    """`ThreadingHTTPServer` on 127.0.0.1 in a thread; `url(path)` names its pages, `requested` logs the paths
    asked for (so a test can tell a refused redirect target was never contacted)."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requested: list[str] = []
        self.scheme = "https" if tls else "http"
        self.released = threading.Event()  # lets stalled handlers go when the server stops
        self.feed_version = 1  # a test bumps it to make the feeds change (new validators, the same items)
        self.watch_items = ["timber-visit"]  # what /feeds/watch.xml lists; a test appends to it
        self.flaky_failures = 0  # how many more times /flaky answers 500 before it serves its article
        web = self

        class Handler(_Pages):
            site = web

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, name="fictional-web", daemon=True)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def __enter__(self) -> FictionalWeb:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Pages(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: FictionalWeb

    def log_message(self, format: str, *args: object) -> None:  # quiet: pytest shows failures, not access logs
        pass

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        self.site.requested.append(self.path)
        path = self.path.split("?", 1)[0]
        if hops := re.fullmatch(r"/hops/(\d+)", path):  # n more redirects, then the article
            left = int(hops.group(1))
            self._redirect(f"/hops/{left - 1}" if left > 1 else "/news/ferry-link")
            return
        if (item := re.fullmatch(r"/feeds/items/([a-z-]+)\.txt", path)) and item.group(1) in FEED_ITEMS:
            self._send(200, "text/plain; charset=utf-8", feed_item_text(item.group(1)))
            return
        if (copy := re.fullmatch(r"/syndicated/([a-z-]+\.txt)", path)) and (SYNDICATED / copy.group(1)).is_file():
            self._send(200, "text/plain; charset=utf-8", (SYNDICATED / copy.group(1)).read_bytes())
            return
        route = _ROUTES.get(path)
        if route is None:
            self._send(404, "text/html", b"<html><body><h1>Not found</h1></body></html>")
            return
        route(self)

    # --- pages -------------------------------------------------------------------------------------

    def article(self) -> None:
        self._send(200, "text/html; charset=utf-8", ARTICLE_HTML)

    def article_text(self) -> None:
        self._send(200, "text/plain; charset=utf-8", ARTICLE_TEXT)

    def article_pdf(self) -> None:
        self._send(200, "application/pdf", article_pdf())

    def article_latin1(self) -> None:
        """The text article in ISO-8859-1, as its Content-Type says: decoded by that charset, not refused."""
        body = ARTICLE_TEXT.decode("utf-8").replace("(This is", "(Caf\u00e9 note: this is").encode("latin-1")
        self._send(200, "text/plain; charset=ISO-8859-1", body)

    def moved(self) -> None:
        self._redirect("/news/ferry-link", status=301)

    def to_loopback(self) -> None:
        self._redirect(f"http://127.0.0.1:{self.site.port}/news/ferry-link")

    def to_file(self) -> None:
        self._redirect("file:///etc/passwd")

    def to_metadata(self) -> None:
        self._redirect("http://169.254.169.254/latest/meta-data/")

    def menu(self) -> None:
        self._send(200, "text/html", b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>")

    def image(self) -> None:
        self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200))

    def missing(self) -> None:
        self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def broken(self) -> None:
        self._send(500, "text/html", b"<html><body>Internal error</body></html>")

    def huge_claim(self) -> None:
        """Announces 50 MB and sends nothing: refused on the header alone."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50_000_000))
        self.end_headers()
        self.site.released.wait(10)

    def lying_length(self) -> None:
        """Claims 1 000 bytes, then sends chunk after chunk (chunked framing wins over Content-Length)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "1000")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + b"grows without end " * 3_000 + b"</p>"
        self._stream(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def endless(self) -> None:
        """No length at all: the body lasts until the connection closes, which it never does by itself."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        self._stream(b"endless " * 8_000)

    def stall(self) -> None:
        """Reads the request and never answers."""
        self.site.released.wait(30)
        self.close_connection = True

    def trickle(self) -> None:
        """Answers at once, then one byte every 0.3 s: never silent long enough for the read timeout."""
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(200):
            if self.site.released.is_set() or not self._write(b"x"):
                return
            time.sleep(0.3)

    # --- feeds -------------------------------------------------------------------------------------

    def rss(self) -> None:
        """RSS 2.0 with two items and an ETag: If-None-Match with it gets 304."""
        etag = f'"rss-{self.site.feed_version}"'
        if self.headers.get("If-None-Match") == etag:
            self._not_modified()
            return
        items = "".join(f"<item><title>{FEED_ITEMS[s][0]}</title><link>{self.site.url(f'/feeds/items/{s}.txt')}"
                        f"</link><guid>{s}</guid></item>" for s in ("orchestra", "night-train"))
        body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Fictional Feed Wire"
                f"</title><link>{self.site.url('/')}</link><description>Invented news</description>{items}"
                "</channel></rss>").encode()
        self._send(200, "application/rss+xml; charset=utf-8", body, {"ETag": etag})

    def atom(self) -> None:
        """Atom with two items whose links are relative, and only a Last-Modified: If-Modified-Since gets 304."""
        stamp = f"Mon, 04 May 2026 10:00:{self.site.feed_version:02d} GMT"
        if self.headers.get("If-Modified-Since") == stamp:
            self._not_modified()
            return
        entries = "".join(f"<entry><title>{FEED_ITEMS[s][0]}</title><link href='/feeds/items/{s}.txt'/>"
                          f"<id>urn:fictional:{s}</id><updated>2026-05-09T10:00:00Z</updated></entry>"
                          for s in ("fisheries", "observatory"))
        body = ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Fictional "
                "Atom Wire</title><id>urn:fictional:atom</id><updated>2026-05-09T10:00:00Z</updated>"
                f"{entries}</feed>").encode()
        self._send(200, "application/atom+xml", body, {"Last-Modified": stamp})

    def watch_feed(self) -> None:
        """RSS without validators, listing `site.watch_items`: every poll reads it again."""
        items = "".join(f"<item><title>{FEED_ITEMS[s][0]}</title><link>{self.site.url(f'/feeds/items/{s}.txt')}"
                        f"</link><guid>{s}</guid></item>" for s in reversed(self.site.watch_items))
        body = (f"<rss version='2.0'><channel><title>Fictional Timber Wire</title>{items}</channel></rss>").encode()
        self._send(200, "application/rss+xml", body)

    def broken_feed(self) -> None:
        self._send(200, "application/rss+xml", b"<?xml version='1.0'?><rss version='2.0'><channel><title>Half "
                                               b"a feed</title><item><title>Cut off <link>")

    def bad_item_feed(self) -> None:
        """A well-formed feed whose one item is a page that answers 404."""
        body = (f"<rss version='2.0'><channel><title>Gone</title><item><title>Missing</title>"
                f"<link>{self.site.url('/missing')}</link></item></channel></rss>").encode()
        self._send(200, "application/rss+xml", body)

    def syndicated_feed(self) -> None:
        """RSS listing the three outlets' copies of one wire story and a different story on the same pair."""
        names = sorted(p.name for p in SYNDICATED.glob("*.txt"))
        items = "".join(f"<item><title>{n}</title><link>{self.site.url(f'/syndicated/{n}')}</link></item>" for n in names)
        self._send(200, "application/rss+xml", f"<rss version='2.0'><channel><title>Wires</title>{items}</channel></rss>"
                   .encode())

    def flaky_feed(self) -> None:
        """RSS with an item that fails `flaky_failures` times and then works, and one that always answers 404."""
        items = "".join(f"<item><title>{t}</title><link>{self.site.url(p)}</link></item>"
                        for t, p in (("Flaky", "/flaky"), ("Missing", "/missing")))
        self._send(200, "application/rss+xml", f"<rss version='2.0'><channel><title>Flaky</title>{items}</channel></rss>"
                   .encode())

    def flaky(self) -> None:
        if self.site.flaky_failures > 0:
            self.site.flaky_failures -= 1
            self._send(500, "text/html", b"<html><body>Try again later</body></html>")
            return
        self._send(200, "text/plain; charset=utf-8", feed_item_text("orchestra"))

    # --- helpers -----------------------------------------------------------------------------------

    def _not_modified(self) -> None:
        self.send_response(304)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _stream(self, piece: bytes, most: int = 60_000_000) -> None:
        """Send `piece` again and again until the client hangs up (or, against a bug, `most` bytes)."""
        sent = 0
        while sent < most and not self.site.released.is_set():
            if not self._write(piece):
                return
            sent += len(piece)
        self.close_connection = True

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:  # the client hung up: what a refusal looks like from here
            self.close_connection = True
            return False


_ROUTES = {
    "/news/ferry-link": _Pages.article,
    "/mirror/ferry-link": _Pages.article,
    "/news/lighthouse.txt": _Pages.article_text,
    "/news/lighthouse-latin1.txt": _Pages.article_latin1,
    "/news/seed-bank.pdf": _Pages.article_pdf,
    "/moved": _Pages.moved,
    "/to-loopback": _Pages.to_loopback,
    "/to-file": _Pages.to_file,
    "/to-metadata": _Pages.to_metadata,
    "/menu": _Pages.menu,
    "/image.png": _Pages.image,
    "/missing": _Pages.missing,
    "/broken": _Pages.broken,
    "/huge-claim": _Pages.huge_claim,
    "/lying-length": _Pages.lying_length,
    "/endless": _Pages.endless,
    "/stall": _Pages.stall,
    "/trickle": _Pages.trickle,
    "/feeds/rss.xml": _Pages.rss,
    "/feeds/atom.xml": _Pages.atom,
    "/feeds/broken.xml": _Pages.broken_feed,
    "/feeds/watch.xml": _Pages.watch_feed,
    "/feeds/bad-item.xml": _Pages.bad_item_feed,
    "/feeds/syndicated.xml": _Pages.syndicated_feed,
    "/feeds/flaky.xml": _Pages.flaky_feed,
    "/flaky": _Pages.flaky,
}


def fictional_authority(folder: Path, host: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A certificate authority made up for one test, and a certificate for `host` signed by it: returns the
    server's TLS context and a client context that trusts that authority (and nothing else)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def certificate(subject: str, key: ec.EllipticCurvePrivateKey, issuer: str, signer: ec.EllipticCurvePrivateKey,
                    authority: bool) -> x509.Certificate:
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                   .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(hours=1))
                   .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True))
        if authority:
            builder = builder.add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                key_encipherment=False, data_encipherment=False, key_agreement=False, encipher_only=False,
                decipher_only=False), critical=True)
        else:
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        return builder.sign(signer, hashes.SHA256())

    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca = certificate("Fictional Test Authority", ca_key, "Fictional Test Authority", ca_key, True)
    leaf = certificate(host, server_key, "Fictional Test Authority", ca_key, False)
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "server.pem").write_bytes(leaf.public_bytes(pem) + server_key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(folder / "server.pem")
    client = ssl.create_default_context(cafile=str(folder / "ca.pem"))
    return server, client

