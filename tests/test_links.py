"""Adding an article by link, against a loopback web server the tests start (tests/web_server.py): a page is
fetched, read and answered from; and every unsafe or broken link ends in one line with the store unchanged.

The safety cases run on a knowledge base that does NOT allow loopback: the test server is reached only
through the host name `news.test`, which the fetcher's injected resolver maps to 127.0.0.1 and the
`allowed_hosts` setting names. So a redirect from it to 127.0.0.1 itself is refused like any other
address of the bot's own network, and "internal.test" can resolve to 10.0.0.5 without a real DNS."""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from bot.config import FetchSettings
from bot.knowledge.addresses import AddressGuard, refusal
from bot.knowledge.embedder import OnnxEmbedder, share_onnx_export
from bot.knowledge.errors import FetchFailed, LinkRefused
from bot.knowledge.fetching import PageFetcher
from bot.knowledge.loaders import MetaOverrides
from bot.services import Actor, KnowledgeBase, build_knowledge_base
from tests.conftest import MODELS_DIR, SHIPPED_ARTICLES, KnowledgeBaseFactory, free_port, settings_for_tests
from tests.web_server import FictionalWeb, fictional_authority

LIMIT = 2_000_000
FAKE_DNS = {
    "news.test": ["127.0.0.1"],
    "internal.test": ["10.0.0.5"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": ["93.184.216.34", "10.0.0.5"],  # one public answer does not excuse a private one
    "v6private.test": ["fd12:3456::1"],
    "mapped.test": ["::ffff:10.0.0.5"],
}
FERRY_TITLE = "Veloria and Quintara open a fictional ferry link between Lumenhal and Sarrowmere"


def fake_resolver(host: str, port: int) -> Sequence[str]:
    try:
        return FAKE_DNS[host]
    except KeyError:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None


def loopback_fetcher() -> PageFetcher:
    """What a developer's local setup does: `[fetch] allow_loopback = true`, the system's resolver."""
    return PageFetcher(FetchSettings(allow_loopback=True, read_timeout_seconds=2), LIMIT)


def strict_fetcher() -> PageFetcher:
    """The shipped defaults (no loopback), short timeouts, and the one test host allowed by name."""
    return PageFetcher(FetchSettings(allowed_hosts=("news.test",), read_timeout_seconds=1, total_timeout_seconds=3),
                       LIMIT, resolver=fake_resolver)


State = tuple[tuple[str, ...], int]


def _state(kb: KnowledgeBase) -> State:
    return tuple(sorted(a.meta.article_id for a in kb.store.articles())), kb.store.counts()[1]


def _one_friendly_line(message: str) -> None:
    assert message.strip(), "no message at all"
    assert "\n" not in message and "\r" not in message and "\x1b" not in message, repr(message)
    assert "Traceback" not in message and not re.search(r"[a-z](Error|Exception)\b", message), message  # no class names


# --- a page, end to end through the Python API -----------------------------------------------------


def test_a_page_is_fetched_read_answered_from_and_not_added_twice(make_kb: KnowledgeBaseFactory,
                                                                  web: FictionalWeb) -> None:
    kb = make_kb(fetcher=loopback_fetcher())
    kb.ingestor.ingest_paths([SHIPPED_ARTICLES])
    outcome = kb.add_link(web.url("/moved"), scope="global", actor=Actor("1", "olga"))  # 301 to the article
    assert outcome.status == "added" and outcome.chunks >= 1, outcome
    meta = outcome.meta
    assert meta is not None
    assert meta.title == FERRY_TITLE and meta.outlet == "Fictional Test Wire"
    assert meta.published == date(2026, 5, 4) and meta.url == web.url("/news/ferry-link"), meta  # the final URL
    assert {"Veloria", "Quintara"} <= set(meta.countries)
    assert [e.action for e in kb.audit_log("global")] == ["added"]

    answer = kb.ask("how long does the ferry from lumenhal to sarrowmere take")
    assert not answer.refused and "nine hours" in answer.text, answer
    assert answer.citations[0].article.url == web.url("/news/ferry-link")

    before = _state(kb)
    same_link = kb.add_link(web.url("/news/ferry-link#top"), scope="global")
    assert same_link.status == "known" and "from this link" in same_link.message
    redirected_there = kb.add_link(web.url("/moved"), scope="global")
    assert redirected_there.status == "known", redirected_there
    same_text = kb.add_link(web.url("/mirror/ferry-link"), scope="global")  # another link, the same article
    assert same_text.status == "known" and "already in the knowledge base" in same_text.message
    assert _state(kb) == before
    assert web.requested.count("/mirror/ferry-link") == 1


def test_pdf_and_plain_text_pages_and_the_uploaders_corrections(make_kb: KnowledgeBaseFactory,
                                                                web: FictionalWeb) -> None:
    kb = make_kb(fetcher=loopback_fetcher())
    text = kb.add_link(web.url("/news/lighthouse.txt"), scope="42")
    assert text.status == "added" and text.meta is not None, text
    assert text.meta.title == "Kestovia and Norrvald agree to rebuild the fictional Skarnholm lighthouse"
    assert (text.meta.outlet, text.meta.published, text.meta.scope) == ("Fictional Test Wire", date(2026, 4, 11), "42")

    pdf = kb.add_link(web.url("/news/seed-bank.pdf"), scope="42",
                      overrides=MetaOverrides(title="Solmere and Tavrenne open a seed bank", published=date(2026, 2, 3)))
    assert pdf.status == "added" and pdf.meta is not None, pdf
    assert pdf.meta.title == "Solmere and Tavrenne open a seed bank" and pdf.meta.published == date(2026, 2, 3)
    assert pdf.meta.outlet == "127.0.0.1" and pdf.meta.url == web.url("/news/seed-bank.pdf")  # no outlet: the site

    # Decoded by its declared charset; in another server, since beside lighthouse.txt it is the same story.
    latin1 = kb.add_link(web.url("/news/lighthouse-latin1.txt"), scope="43")
    assert latin1.status == "added" and latin1.meta is not None, latin1
    assert any("Café note" in c.text for c in kb.store.chunks_of(latin1.meta.article_id))

    answer = kb.ask("how many seed samples will the vault hold", scopes=("global", "42"))
    assert "40,000" in answer.text and answer.citations[0].article.title == "Solmere and Tavrenne open a seed bank"
    assert kb.ask("how many seed samples will the vault hold").refused  # another server does not see it


# --- every unsafe or broken link: one line, the store unchanged ------------------------------------


@dataclass(frozen=True)
class BadLink:
    id: str
    path: str  # a path on the test server (reached as news.test), or a whole link
    says: str
    error: type[Exception] = LinkRefused

    def __str__(self) -> str:
        return self.id

    def url(self, web: FictionalWeb) -> str:
        return self.path if "://" in self.path else web.url(self.path, host="news.test")


BAD_LINKS = [
    # where a link may lead
    BadLink("redirect-to-127.0.0.1", "/to-loopback", "redirects to `http://127.0.0.1:"),
    BadLink("loopback-address", "http://127.0.0.1:9/news", "a loopback address"),
    BadLink("localhost-ipv6", "http://[::1]:9/news", "a loopback address"),
    BadLink("dns-to-private", "http://internal.test/news/visit", "a private network address (`internal.test` is 10.0.0.5)"),
    BadLink("dns-to-metadata", "http://metadata.test/latest/meta-data/", "a cloud metadata address"),
    BadLink("dns-mixed-answers", "http://mixed.test/", "a private network address"),
    BadLink("dns-to-private-ipv6", "http://v6private.test/", "a private network address"),
    BadLink("dns-to-mapped-ipv4", "http://mapped.test/", "a private network address"),
    BadLink("metadata-address", "http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
    BadLink("metadata-ipv6", "http://[fd00:ec2::254]/latest/meta-data/", "a cloud metadata address"),
    BadLink("redirect-to-metadata", "/to-metadata", "a cloud metadata address"),
    BadLink("private-address", "http://192.168.1.1/admin", "a private network address"),
    BadLink("link-local", "http://169.254.1.1/", "a link-local address"),
    BadLink("unspecified", "http://0.0.0.0:80/", "an unspecified address"),
    BadLink("multicast", "http://224.0.0.1/", "a multicast address"),
    BadLink("carrier-grade-nat", "http://100.64.0.1/", "a non-public address"),
    # what a link may be
    BadLink("file-scheme", "file:///etc/passwd", "Only http:// and https:// links can be fetched, not `file://`"),
    BadLink("ftp-scheme", "ftp://news.test/article.txt", "not `ftp://`"),
    BadLink("gopher-scheme", "gopher://127.0.0.1:70/_stats", "not `gopher://`"),
    BadLink("redirect-to-file", "/to-file", "redirects to `file:///etc/passwd`: Only http:// and https://"),
    BadLink("credentials", "http://admin:secret@news.test/", "user name or password"),
    BadLink("not-a-link", "http://", "has no host name"),
    BadLink("six-redirects", "/hops/6", "redirects more than 5 times"),
    # what a page may be
    BadLink("wrong-type", "/image.png", "is `image/png`; only web pages (HTML), PDF and plain text"),
    BadLink("announced-too-big", "/huge-claim", "is 50.0 MB; the limit is 2.0 MB"),
    BadLink("lying-content-length", "/lying-length", "sent more than 2.0 MB (the limit)"),
    BadLink("endless-body", "/endless", "sent more than 2.0 MB (the limit)"),
    BadLink("not-an-article", "/menu", "has only"),
    # servers that fail
    BadLink("never-answers", "/stall", "stopped answering (nothing for 1 s)", FetchFailed),
    BadLink("trickles-for-ever", "/trickle", "took longer than 3 s", FetchFailed),
    BadLink("http-404", "/missing", "answered HTTP 404 (Not Found); check the link", FetchFailed),
    BadLink("http-500", "/broken", "answered HTTP 500 (Internal Server Error)", FetchFailed),
    BadLink("no-such-host", "http://nowhere.test/news", "could not be found", FetchFailed),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, embedder: OnnxEmbedder) -> Iterator[KnowledgeBase]:
    """The shipped article, on embedded Chroma, with the strict fetcher; every case must leave it as it is."""
    kb = build_knowledge_base(settings_for_tests(tmp_path_factory.mktemp("links") / "data"), embedder=embedder,
                              fetcher=strict_fetcher())
    assert [o.status for o in kb.ingestor.ingest_paths([SHIPPED_ARTICLES])] == ["added"]
    yield kb
    kb.close()


@pytest.mark.parametrize("case", BAD_LINKS, ids=str)
def test_an_unsafe_or_broken_link_is_one_line_and_changes_nothing(case: BadLink, seeded: KnowledgeBase,
                                                                  web: FictionalWeb) -> None:
    before = _state(seeded)
    outcome = seeded.add_link(case.url(web), scope="global", actor=Actor("1", "olga"))
    assert outcome.status == "rejected", outcome
    _one_friendly_line(outcome.message)
    assert case.says in outcome.message, outcome.message
    assert _state(seeded) == before
    assert seeded.audit_log("global") == []


def test_the_refused_redirect_target_is_never_contacted(web: FictionalWeb) -> None:
    """The first hop is allowed (news.test), the redirect to 127.0.0.1 is refused before any connection."""
    seen = len(web.requested)
    with pytest.raises(LinkRefused, match="a loopback address"):
        strict_fetcher().fetch(web.url("/to-loopback", host="news.test"))
    assert web.requested[seen:] == ["/to-loopback"]
    page = strict_fetcher().fetch(web.url("/hops/5", host="news.test"))  # five redirects are fine
    assert page.redirects == 5 and page.url == web.url("/news/ferry-link", host="news.test")


@pytest.mark.parametrize("case", [c for c in BAD_LINKS if c.error is FetchFailed], ids=str)
def test_failures_are_fetch_failures_not_refusals(case: BadLink, web: FictionalWeb) -> None:
    with pytest.raises(FetchFailed):
        strict_fetcher().fetch(case.url(web))


# --- the address rules on their own -----------------------------------------------------------------


@pytest.mark.parametrize(("address", "why"), [
    ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("10.0.0.5", "private"), ("172.16.4.4", "private"), ("192.168.0.10", "private"), ("fd12:3456::1", "private"),
    ("169.254.169.254", "metadata"), ("fd00:ec2::254", "metadata"), ("168.63.129.16", "metadata"),
    ("100.100.100.200", "metadata"), ("169.254.10.10", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.251", "multicast"), ("ff02::1", "multicast"), ("0.0.0.0", "unspecified"), ("::", "unspecified"),
    ("240.0.0.1", "reserved"), ("100.64.0.1", "non-public"), ("2002:a00:5::1", "private"),  # 6to4 of 10.0.0.5
    ("64:ff9b::a9fe:a9fe", "metadata"),  # NAT64 of 169.254.169.254
    ("93.184.216.34", None), ("2606:4700::1111", None), ("::ffff:93.184.216.34", None),
])
def test_the_address_rules(address: str, why: str | None) -> None:
    found = refusal(ipaddress.ip_address(address))
    assert (found is None) if why is None else (found is not None and why in found), found


def test_loopback_is_allowed_only_by_the_setting_and_never_metadata() -> None:
    assert refusal(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert refusal(ipaddress.ip_address("::1"), allow_loopback=True) is None
    assert refusal(ipaddress.ip_address("10.0.0.5"), allow_loopback=True) is not None
    assert refusal(ipaddress.ip_address("169.254.169.254"), allow_loopback=True) is not None
    trusted = AddressGuard(lambda host, port: ["169.254.169.254"], allowed_hosts=["mirror.test"])
    with pytest.raises(LinkRefused, match="cloud metadata"):
        trusted.addresses("mirror.test", 80)
    assert AddressGuard(lambda host, port: ["10.1.2.3"], allowed_hosts=["mirror.test"]).addresses("mirror.test", 80)


def test_numeric_host_forms_are_judged_by_the_address_they_reach() -> None:
    """"2130706433" and "0x7f.1" are 127.0.0.1 to the system resolver: the guard judges what it returns."""
    from bot.knowledge.addresses import system_resolver

    guard = AddressGuard(system_resolver)
    for host in ("2130706433", "0x7f.1", "127.1", "localhost"):
        with pytest.raises(LinkRefused, match="loopback"):
            guard.addresses(host, 80)


def test_the_address_checked_is_the_address_connected_to(web: FictionalWeb) -> None:
    """DNS rebinding: a name that answers a public address to the check and a private one to the connection
    would get through a check-then-connect fetcher. Here the name is resolved once per connection."""
    answers = [["127.0.0.1"], ["10.0.0.5"]]
    calls: list[str] = []

    def rebinding(host: str, port: int) -> Sequence[str]:
        calls.append(host)
        return answers[min(len(calls) - 1, 1)]

    fetcher = PageFetcher(FetchSettings(allow_loopback=True), LIMIT, resolver=rebinding)
    page = fetcher.fetch(web.url("/news/ferry-link", host="rebind.test"))
    assert page.body and calls == ["rebind.test"]
    with pytest.raises(LinkRefused, match="private network"):  # the next connection asks again, and is refused
        fetcher.fetch(web.url("/news/ferry-link", host="rebind.test"))


def test_a_proxy_in_the_environment_cannot_carry_a_request_past_the_guard(
        web: FictionalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", web.url("/"))
    monkeypatch.setenv("ALL_PROXY", web.url("/"))
    seen = len(web.requested)
    with pytest.raises(LinkRefused, match="private network"):
        strict_fetcher().fetch("http://internal.test/news")
    assert web.requested[seen:] == []


def test_https_checks_the_certificate_against_the_name_while_connecting_to_the_checked_address(
        tmp_path: Path) -> None:
    """The connection goes to the address the guard checked, yet TLS still verifies the certificate for the
    host name (SNI included): a certificate for news.test works through news.test and not through its IP."""
    server_tls, client_tls = fictional_authority(tmp_path, "news.test")
    settings = FetchSettings(allow_loopback=True, allowed_hosts=("news.test",), read_timeout_seconds=2)
    with FictionalWeb(tls=server_tls) as secure:
        page = PageFetcher(settings, LIMIT, resolver=fake_resolver, ssl_context=client_tls).fetch(
            secure.url("/news/ferry-link", host="news.test"))
        assert page.url.startswith("https://news.test:") and b"Marlowe Star" in page.body
        with pytest.raises(FetchFailed, match="HTTPS certificate is not valid") as raised:
            PageFetcher(settings, LIMIT, ssl_context=client_tls).fetch(secure.url("/news/ferry-link"))
        _one_friendly_line(raised.value.user_message)
        with pytest.raises(FetchFailed, match="HTTPS certificate is not valid"):  # the public authorities only
            PageFetcher(settings, LIMIT, resolver=fake_resolver).fetch(secure.url("/news/ferry-link", host="news.test"))


def test_a_closed_port_is_one_line(web: FictionalWeb) -> None:
    with pytest.raises(FetchFailed, match="refused the connection") as raised:
        loopback_fetcher().fetch(f"http://127.0.0.1:{free_port()}/news")
    _one_friendly_line(raised.value.user_message)


# --- `attache ingest URL` as a real process ---------------------------------------------------------


def test_attache_ingest_a_link(tmp_path: Path, web: FictionalWeb, embedder: OnnxEmbedder) -> None:
    share_onnx_export(MODELS_DIR, tmp_path / "data" / "models")
    config = tmp_path / "settings.toml"
    config.write_text("[fetch]\nallow_loopback = true\nread_timeout_seconds = 2.0\n", encoding="utf-8")

    def attache(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "ATTACHE_DATA_DIR": str(tmp_path / "data"), "DISCORD_TOKEN": ""}
        return subprocess.run([sys.executable, "-m", "bot", "--config", str(config), *args], capture_output=True,
                              text=True, env=env, timeout=120, check=False)

    added = attache("ingest", str(SHIPPED_ARTICLES), web.url("/moved"), "file:///etc/passwd")
    assert added.returncode == 0 and added.stderr == "", added.stdout + added.stderr
    lines = added.stdout.splitlines()
    assert lines[0].startswith("   added  ")  # the shipped article file
    assert lines[1].startswith("   added  " + web.url("/news/ferry-link") + ": Added *" + FERRY_TITLE), lines
    assert "outlet: Fictional Test Wire; published: 2026-05-04" in lines[2]
    assert "to correct them: attache remove " in lines[3] and "--title" in lines[3]
    assert lines[4].startswith("rejected  file:///etc/passwd: Only http:// and https://"), lines
    assert lines[5].startswith("Knowledge base: 2 articles") and len(lines) == 6

    asked = attache("ask", "how long does the ferry from lumenhal to sarrowmere take")
    assert "nine hours" in asked.stdout and web.url("/news/ferry-link") in asked.stdout, asked.stdout

    again = attache("ingest", web.url("/news/ferry-link"))
    assert again.returncode == 0 and "known" in again.stdout and "from this link" in again.stdout
    refused = attache("ingest", web.url("/missing"))
    assert refused.returncode == 1 and refused.stdout.splitlines()[0].startswith("rejected  ")
    assert "HTTP 404" in refused.stdout and "Knowledge base: 2 articles" in refused.stdout
    two = attache("ingest", web.url("/a"), web.url("/b"), "--title", "One title for two")
    assert two.returncode == 2 and "exactly one link" in two.stderr
