"""Fetch one web page for ingestion, safely: http(s) only, public addresses only, bounded in time and size.

A link comes from an admin, and the page it names may redirect anywhere, answer slowly or never, or send
more than it announces. Every connection goes through an `AddressGuard` that resolves the host once and
connects to the address it checked; redirects are followed here, one checked hop at a time.
"""

from __future__ import annotations

import logging
import ssl
import time
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from bot.config import FetchSettings
from bot.knowledge.addresses import AddressGuard, AddressRefused, Resolver, parse_address, refusal, system_resolver
from bot.knowledge.errors import FetchFailed, LinkRefused
from bot.knowledge.plain_text import meta_text

log = logging.getLogger(__name__)

# What a page may be, and the file suffix the loaders read it as.
ACCEPTED_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
}
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8"
# What a followed feed may be (RSS, Atom, RDF, or XML served under a generic type).
FEED_TYPES = {
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/rdf+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
}
_FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.8"
_MAX_URL = 2_000


@dataclass(frozen=True)
class FetchedPage:
    """A page as fetched: where it was asked for, where it ended up, what it is and its bytes."""

    requested_url: str
    url: str
    media_type: str
    charset: str | None
    body: bytes
    redirects: int
    # Validators for the next conditional request (empty when the server gave none).
    etag: str = ""
    last_modified: str = ""

    @property
    def suffix(self) -> str:
        return ACCEPTED_TYPES.get(self.media_type) or FEED_TYPES[self.media_type]


@dataclass(frozen=True)
class _Request:
    """What one fetch asks for: the types it accepts, and its extra (conditional) headers."""

    types: dict[str, str]
    headers: dict[str, str]


class PageFetcher:
    """Fetches pages within the limits of the `[fetch]` settings and the upload size limit."""

    def __init__(self, settings: FetchSettings, max_bytes: int, resolver: Resolver = system_resolver,
                 ssl_context: ssl.SSLContext | None = None) -> None:
        self._settings = settings
        self._max_bytes = max_bytes
        # certifi's authorities by default; a test passes a context that trusts its own authority.
        self._ssl_context = ssl_context or httpx.create_ssl_context(trust_env=False)
        self._guard = AddressGuard(resolver, allow_loopback=settings.allow_loopback,
                                   allowed_hosts=settings.allowed_hosts)

    def fetch(self, url: str) -> FetchedPage:
        """The page behind the link, after at most `max_redirects` checked redirects; raises `LinkRefused` or
        `FetchFailed` with one line a user can read."""
        page = self._fetch(url, _Request(ACCEPTED_TYPES, {"Accept": _ACCEPT}))
        assert page is not None  # no conditional headers were sent, so no 304
        return page

    def refuse_literal_address(self, url: str) -> None:
        """`LinkRefused` now for a link written with an address the bot may never reach ("http://10.0.0.5/"),
        so a subscription to it is refused at once; names are checked, as always, when fetched."""
        host = httpx.URL(url).host
        try:
            address = parse_address(host)
        except ValueError:
            return
        why = refusal(address, allow_loopback=self._settings.allow_loopback)
        if why:
            raise LinkRefused(f"`{_shown(url)}` is {why}; only public addresses are fetched.")

    def fetch_feed(self, url: str, *, etag: str = "", last_modified: str = "") -> FetchedPage | None:
        """A feed's XML under the same rules as a page, asked for conditionally: None when the server answers
        304 Not Modified to the validators of the last fetch."""
        headers = {"Accept": _FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._fetch(url, _Request(FEED_TYPES, headers))

    def _fetch(self, url: str, request: _Request) -> FetchedPage | None:
        started = time.monotonic()
        requested = checked_url(url)
        current = requested
        with self._client() as client:
            for hop in range(self._settings.max_redirects + 1):
                self._within_deadline(requested, started)
                try:
                    page = self._get(client, request, requested, current, hop, started)
                except AddressRefused as refused:
                    raise LinkRefused(_where(requested, current) + _address_words(refused)) from refused
                except httpx.TimeoutException as error:
                    raise FetchFailed(_timeout_words(requested, current, error, self._settings)) from error
                except httpx.HTTPError as error:  # refused connection, broken HTTP, a bad redirect URL …
                    raise FetchFailed(f"{_where(requested, current)}could not be fetched: "
                                      f"{_http_error_words(error)}.") from error
                if page is None:
                    log.info("not modified url=%s redirects=%d", requested, hop)
                    return None
                if isinstance(page, FetchedPage):
                    log.info("fetched url=%s final=%s type=%s bytes=%d redirects=%d ms=%.0f", requested, page.url,
                             page.media_type, len(page.body), hop, (time.monotonic() - started) * 1000)
                    return page
                current = page
        raise LinkRefused(f"`{_shown(requested)}` redirects more than {self._settings.max_redirects} times; "
                          "add the page it finally shows instead.")

    def _client(self) -> httpx.Client:
        timeout = httpx.Timeout(connect=self._settings.connect_timeout_seconds,
                                read=self._settings.read_timeout_seconds,
                                write=self._settings.read_timeout_seconds,
                                pool=self._settings.connect_timeout_seconds)
        # trust_env=False: no proxy from HTTP_PROXY (it would connect for us, past the guard) and no .netrc.
        return httpx.Client(transport=_GuardedTransport(self._guard, self._ssl_context), timeout=timeout,
                            follow_redirects=False, trust_env=False,
                            headers={"User-Agent": self._settings.user_agent})

    def _get(self, client: httpx.Client, request: _Request, requested: str, current: str, hop: int,
             started: float) -> FetchedPage | str | None:
        """One request: the page, the checked URL it redirects to, or None for 304 Not Modified."""
        with client.stream("GET", current, headers=request.headers) as response:
            if response.status_code == 304 and ("If-None-Match" in request.headers
                                                or "If-Modified-Since" in request.headers):
                return None
            if response.is_redirect:
                location = response.headers["location"]
                try:
                    target = str(response.url.join(location))
                except (httpx.InvalidURL, ValueError) as error:
                    raise LinkRefused(f"{_where(requested, current)}redirects to a malformed link.") from error
                log.debug("redirect url=%s to=%s status=%d", current, target, response.status_code)
                return checked_url(target, via=requested, shown=location if "://" in location else target)
            if response.status_code >= 400 or response.status_code < 200:
                raise FetchFailed(f"{_where(requested, current)}answered HTTP {response.status_code}"
                                  f"{_status_words(response)}.")
            media_type, charset = _content_type(response)
            if media_type not in request.types:
                shown = f"`{meta_text(media_type)[:80]}`" if media_type else "no content type"
                what = ("only RSS and Atom feeds (XML) can be followed" if request.types is FEED_TYPES
                        else "only web pages (HTML), PDF and plain text can be added")
                raise LinkRefused(f"{_where(requested, current)}is {shown}; {what}.")
            body = self._read(response, requested, current, started)
            return FetchedPage(requested, str(response.url), media_type, charset, body, hop,
                               etag=_validator(response.headers.get("etag", "")),
                               last_modified=_validator(response.headers.get("last-modified", "")))

    def _read(self, response: httpx.Response, requested: str, current: str, started: float) -> bytes:
        """The body, counted as it arrives: a Content-Length can lie, and a stream can go on for ever."""
        limit = self._max_bytes
        claimed = response.headers.get("content-length", "")
        if claimed.isdigit() and int(claimed) > limit:
            raise LinkRefused(f"{_where(requested, current)}is {int(claimed) / 1_000_000:.1f} MB; the limit is "
                              f"{limit / 1_000_000:.1f} MB.")
        received = bytearray()
        for chunk in response.iter_bytes():  # decoded bytes: a compressed body counts at what it unpacks to
            received += chunk
            if len(received) > limit:
                raise LinkRefused(f"{_where(requested, current)}sent more than {limit / 1_000_000:.1f} MB (the "
                                  "limit); nothing of it was kept.")
            self._within_deadline(requested, started)
        return bytes(received)

    def _within_deadline(self, requested: str, started: float) -> None:
        total = self._settings.total_timeout_seconds
        if time.monotonic() - started > total:
            raise FetchFailed(f"`{_shown(requested)}` took longer than {total:g} s to fetch; try again later.")


def checked_url(url: str, *, via: str | None = None, shown: str | None = None) -> str:
    """The URL normalised by httpx, if it is an http(s) link we may try at all; else `LinkRefused`.
    `via` is the link that redirected here, and `shown` the redirect's target as the server wrote it."""
    text = url.strip()
    lead = f"`{_shown(via)}` redirects to `{_shown(shown or text)}`: " if via else ""
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, ValueError, TypeError) as error:
        raise LinkRefused(f"{lead or f'`{_shown(text)}` '}is not a valid link.") from error
    if parsed.scheme not in ("http", "https"):
        scheme = f"`{meta_text(parsed.scheme)[:20]}://`" if parsed.scheme else "no scheme"
        raise LinkRefused(f"{lead}Only http:// and https:// links can be fetched, not {scheme}.")
    if not parsed.host:
        raise LinkRefused(f"{lead or f'`{_shown(text)}` '}has no host name.")
    if parsed.userinfo:
        raise LinkRefused(f"{lead}Links with a user name or password in them are not fetched.")
    if len(str(parsed)) > _MAX_URL:
        raise LinkRefused(f"{lead}The link is longer than {_MAX_URL:,} characters.")
    return str(parsed.copy_with(fragment=None))


class _GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own sockets, opened only to addresses the guard checked: the name is resolved once, here."""

    def __init__(self, guard: AddressGuard) -> None:
        self._guard = guard
        self._sockets = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        failure: Exception | None = None
        for address in self._guard.addresses(host, port):
            try:
                return self._sockets.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:  # try the host's next address
                failure = error
        assert failure is not None  # addresses() returns at least one address or raises
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        raise LinkRefused("Links cannot reach local sockets.")

    def sleep(self, seconds: float) -> None:
        self._sockets.sleep(seconds)


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport (its exception mapping, its streams) over a pool whose connections the guard opens;
    TLS still verifies the certificate against the host name, not the address."""

    def __init__(self, guard: AddressGuard, ssl_context: ssl.SSLContext) -> None:
        super().__init__(verify=ssl_context, trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context, max_connections=4,
                                             network_backend=_GuardedBackend(guard))


def _validator(value: str) -> str:
    """An ETag or Last-Modified as it must be sent back: verbatim, or not at all if it is odd."""
    return value if len(value) <= 200 and value.isprintable() else ""


def _content_type(response: httpx.Response) -> tuple[str, str | None]:
    media_type, _, parameters = response.headers.get("content-type", "").partition(";")
    charset = None
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    return media_type.strip().lower(), charset


def _where(requested: str, current: str) -> str:
    """How a message names the page: the link, and where it redirected to if that is elsewhere."""
    if current == requested:
        return f"`{_shown(requested)}` "
    return f"`{_shown(requested)}` redirects to `{_shown(current)}`, which "


def _address_words(refused: AddressRefused) -> str:
    host = "" if refused.host == refused.address else f" (`{refused.host}` is {refused.address})"
    return f"leads to {refused.why}{host}; only public addresses are fetched."


def _timeout_words(requested: str, current: str, error: httpx.TimeoutException, settings: FetchSettings) -> str:
    if isinstance(error, httpx.ConnectTimeout | httpx.PoolTimeout):
        return (f"{_where(requested, current)}did not accept a connection within "
                f"{settings.connect_timeout_seconds:g} s; try again later.")
    return (f"{_where(requested, current)}stopped answering (nothing for {settings.read_timeout_seconds:g} s); "
            "try again later.")


def _http_error_words(error: httpx.HTTPError) -> str:
    cause: BaseException | None = error
    for _ in range(8):  # httpx's error wraps httpcore's, which wraps the ssl module's
        if cause is None or isinstance(cause, ssl.SSLError):
            break
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"its HTTPS certificate is not valid ({meta_text(cause.verify_message or 'untrusted')[:80].rstrip('.')})"
    if cause is not None:
        return "the HTTPS connection could not be set up"
    if isinstance(error, httpx.ConnectError):
        return "the server refused the connection or could not be reached"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server broke off or did not speak HTTP"
    if isinstance(error, httpx.DecodingError):
        return "its compressed body could not be unpacked"
    return type(error).__name__


def _status_words(response: httpx.Response) -> str:
    reason = meta_text(response.reason_phrase)[:60]
    hint = {404: "; check the link", 401: "; the page needs a login", 403: "; the site does not let the bot read it",
            429: "; the site asks to wait, try again later"}.get(response.status_code, "")
    if response.status_code >= 500:
        hint = "; the site has a problem, try again later"
    return (f" ({reason})" if reason else "") + hint


def _shown(url: str | None) -> str:
    """A URL as a message shows it: one line, no control characters, not overlong."""
    text = meta_text(url or "")
    return text if len(text) <= 120 else text[:117] + "…"
