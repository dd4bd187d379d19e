"""Domain errors whose message is safe and useful to show a user as is."""

from __future__ import annotations


class KnowledgeError(Exception):
    """Base for errors with a user-facing message; anything else is a bug and is logged with a traceback."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class RejectedFile(KnowledgeError):
    """An article file we will not ingest (empty, binary, oversize, unsupported, undecodable)."""


class LinkRefused(KnowledgeError):
    """A link we will not fetch, or stopped fetching: its scheme, where it leads, its redirects, its type, its size."""


class FetchFailed(KnowledgeError):
    """A link we tried and could not fetch: no such host, no answer in time, an HTTP error status."""


class ArticleNotFound(KnowledgeError):
    """A remove or summary named an article that is not in the knowledge base (or not in this server)."""


class StoreUnavailable(KnowledgeError):
    """The Chroma store could not be reached or opened."""


def lost_store(error: BaseException) -> bool:
    """A Chroma server that stopped answering mid-run: its HTTP client's transport errors, a refused or
    reset socket, or our own StoreUnavailable."""
    import httpx

    return isinstance(error, StoreUnavailable | httpx.TransportError | ConnectionError)


class FeedRefused(KnowledgeError):
    """A feed that cannot be followed or unfollowed here (over the cap, too frequent, not followed …)."""
