"""Find message components and build modal submissions the way the Discord client does."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from .options import OptionError

log = logging.getLogger(__name__)

TEXT_INPUT = 4
ACTION_ROW = 1
LABEL = 18


def find_component(components: Sequence[Mapping[str, Any]], custom_id: str) -> Mapping[str, Any] | None:
    """Depth-first search through action rows, containers, sections (accessory) and labels."""
    for component in components:
        if component.get("custom_id") == custom_id:
            return component
        children: list[Mapping[str, Any]] = list(component.get("components") or [])
        for key in ("component", "accessory"):
            if key in component:
                children.append(component[key])
        found = find_component(children, custom_id)
        if found is not None:
            return found
    return None


def modal_submission(modal: Mapping[str, Any], values: Mapping[str, str]) -> list[dict[str, Any]]:
    """The ``data.components`` of a MODAL_SUBMIT for ``modal`` (as the bot sent it), filled with ``values``."""
    known = set(_text_input_ids(modal.get("components", [])))
    unknown = set(values) - known
    if unknown:
        raise OptionError(
            f"modal {modal.get('custom_id')!r} has no text input(s) {sorted(unknown)}; it has {sorted(known)}"
        )
    submitted = [_submitted(c, values) for c in modal.get("components", [])]
    return [c for c in submitted if c is not None]


def _text_input_ids(components: Sequence[Mapping[str, Any]]) -> list[str]:
    found: list[str] = []
    for component in components:
        if component.get("type") == TEXT_INPUT:
            found.append(str(component["custom_id"]))
        found += _text_input_ids(component.get("components") or [])
        if "component" in component:
            found += _text_input_ids([component["component"]])
    return found


def _submitted(component: Mapping[str, Any], values: Mapping[str, str]) -> dict[str, Any] | None:
    """Mirror one modal component as Discord submits it (text inputs only; others are dropped)."""
    kind = component.get("type")
    if kind == ACTION_ROW:
        inner = [_submitted(c, values) for c in component.get("components", [])]
        return {"type": ACTION_ROW, "components": [c for c in inner if c is not None]}
    if kind == LABEL:
        inner_component = _submitted(component["component"], values)
        return {"type": LABEL, "component": inner_component} if inner_component is not None else None
    if kind == TEXT_INPUT:
        custom_id = component["custom_id"]
        if custom_id not in values and component.get("required", True):
            raise OptionError(f"modal text input {custom_id!r} is required")
        return {"type": TEXT_INPUT, "custom_id": custom_id, "value": values.get(custom_id, "")}
    return None
