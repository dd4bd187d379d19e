"""Subcommands added by later features (views, eval, bench); each registers its own parser here."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Hook for feature subcommands; kept separate so `bot.__main__` stays small."""
