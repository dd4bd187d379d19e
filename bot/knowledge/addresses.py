"""Which network addresses a fetched link may reach: none of the bot host's own network.

A link an admin pastes (or a page it redirects to) must not make the bot read its own machine, its private
network or its cloud provider's metadata service (server-side request forgery). Every address a host
name resolves to is classified here before the fetcher connects to it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable, Sequence

from bot.knowledge.errors import FetchFailed, LinkRefused

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

Resolver = Callable[[str, int], Sequence[str]]
"""(host, port) -> the IP addresses to connect to; injected so a test can make a name resolve anywhere."""

# Cloud instance metadata and agent endpoints. Most are link-local or private anyway; Azure's wire server
# (168.63.129.16) is a public address, so each is named here and refused whatever the settings say.
CLOUD_METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",   # AWS, GCP, Azure, OpenStack, DigitalOcean …
    "169.254.170.2",     # AWS ECS task metadata
    "169.254.169.123",   # AWS time sync
    "168.63.129.16",     # Azure wire server
    "100.100.100.200",   # Alibaba Cloud
    "192.0.0.192",       # Oracle Cloud
    "fd00:ec2::254",     # AWS over IPv6
    "fd00:ec2::23",      # AWS DNS over IPv6
))
# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64, RFC 6052 and RFC 8215): the
# embedded address is where the packets end up, so it is the one to judge.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's answer for a host name (an IP literal comes back as itself)."""
    found: list[str] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = str(sockaddr[0])
        if address not in found:
            found.append(address)
    return found


def parse_address(text: str) -> IPAddress:
    """An address as a resolver gives it; an IPv6 zone (`fe80::1%eth0`) is kept, it is link-local anyway."""
    return ipaddress.ip_address(text)


def refusal(address: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why the bot may not connect to this address, as words for a user ("a loopback address"), or None."""
    if address in CLOUD_METADATA:
        return "a cloud metadata address"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refusal(address.ipv4_mapped, allow_loopback=allow_loopback)  # the same address, written as IPv6
    inner = _tunnelled_ipv4(address)
    if inner is not None and (why := refusal(inner, allow_loopback=allow_loopback)):
        return why
    if address.is_loopback:
        return None if allow_loopback else "a loopback address (this machine)"
    if address.is_unspecified:
        return "an unspecified address (this machine)"
    if address.is_link_local:
        return "a link-local address"
    if address.is_multicast:
        return "a multicast address"
    if address.is_reserved:
        return "a reserved address"
    if address.is_private:
        return "a private network address"
    if not address.is_global:  # shared (carrier-grade NAT) space and the other special-purpose ranges
        return "a non-public address"
    return None


def _tunnelled_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one delivers to (6to4, Teredo, NAT64), or None."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # (server, client): the client is where the packets go
    if any(address in network for network in _NAT64):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


class AddressRefused(LinkRefused):
    """A host that resolves to an address the bot may not reach; the fetcher says which link led there."""

    def __init__(self, host: str, address: str, why: str) -> None:
        super().__init__(f"`{host}` is {why} ({address}); only public addresses are fetched.")
        self.host, self.address, self.why = host, address, why


class AddressGuard:
    """Resolves a host name once and returns only addresses that may be reached, so the address checked is
    the address connected to: a name that answers differently a moment later (DNS rebinding) changes nothing."""

    def __init__(self, resolver: Resolver = system_resolver, *, allow_loopback: bool = False,
                 allowed_hosts: Iterable[str] = ()) -> None:
        self._resolve = resolver
        self._allow_loopback = allow_loopback
        self._allowed_hosts = frozenset(h.lower().rstrip(".") for h in allowed_hosts)

    def addresses(self, host: str, port: int) -> list[str]:
        """Every address the host resolves to, checked; one refused address refuses the host (a name that
        mixes public and private answers is not trusted to pick the public one)."""
        try:
            found = [str(parse_address(host))]  # an address needs no resolving
        except ValueError:
            try:
                found = list(self._resolve(host, port))
            except (OSError, UnicodeError) as error:  # socket.gaierror: no such name, or no DNS at all
                raise FetchFailed(f"The host `{host}` could not be found ({_reason(error)}).") from error
        if not found:
            raise FetchFailed(f"The host `{host}` has no address.")
        trusted = host.lower().rstrip(".") in self._allowed_hosts
        for text in found:
            try:
                address = parse_address(text)
            except ValueError as error:
                raise AddressRefused(host, text, "not an IP address") from error
            why = ("a cloud metadata address" if address in CLOUD_METADATA else None) if trusted \
                else refusal(address, allow_loopback=self._allow_loopback)
            if why:
                raise AddressRefused(host, text, why)
        return found


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or type(error).__name__
