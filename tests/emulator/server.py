"""The aiohttp application: routing, request recording, unknown-route and error handling."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from .bodies import PARSED_BODY, BodyError, ParsedBody
from .cdn import CdnRoutes
from .core import EmulatorCore
from .records import InternalError, RequestRecord
from .responses import INVALID_FORM_BODY, ApiError, error_response
from .rest import RestRoutes
from .webhooks import WebhookRoutes

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
GATEWAY_PATH = "/gateway"
UNKNOWN_ROUTE = web.RequestKey("unknown_route", bool)


def build_app(core: EmulatorCore, *, expected_token: str | None) -> web.Application:
    app = web.Application(middlewares=[_recording_middleware(core)], client_max_size=64 * 1024 * 1024)
    app.router.add_get(GATEWAY_PATH, core.hub.handle)
    app.router.add_routes(RestRoutes(core, expected_token=expected_token).routes())
    app.router.add_routes(WebhookRoutes(core).routes())
    app.router.add_routes(CdnRoutes(core.state).routes())

    async def unknown(request: web.Request) -> web.StreamResponse:
        request[UNKNOWN_ROUTE] = True
        log.warning("unimplemented route %s %s", request.method, request.path)
        return error_response(404, 0, f"404: Not Found (emulator has no route for {request.method} {request.path})")

    app.router.add_route("*", "/{tail:.*}", unknown)
    return app


def _recording_middleware(
    core: EmulatorCore,
) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == GATEWAY_PATH:
            return await handler(request)
        try:
            response = await handler(request)
        except ApiError as exc:
            response = error_response(exc.status, exc.code, exc.message, exc.errors)
        except BodyError as exc:
            response = error_response(400, INVALID_FORM_BODY, f"Invalid Form Body: {exc}")
        except web.HTTPException:
            raise
        except Exception as exc:  # a bug in the emulator must not become a 500 retry loop
            log.exception("emulator failed on %s %s", request.method, request.path)
            core.recorder.internal_errors.append(
                InternalError(method=request.method, path=request.path, error=f"{type(exc).__name__}: {exc}")
            )
            # 400, not 500: discord.py retries 5xx with growing sleeps, which would stall tests.
            response = error_response(400, 0, f"emulator internal error: {type(exc).__name__}: {exc}")
        body: ParsedBody | None = request.get(PARSED_BODY)
        record = RequestRecord(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            status=response.status,
            body=body.payload if body is not None else None,
            files=tuple(f.filename for f in body.files) if body is not None else (),
            authorization=request.headers.get("Authorization"),
            at=time.monotonic(),
        )
        core.recorder.requests.append(record)
        if request.get(UNKNOWN_ROUTE):
            core.recorder.unknown_routes.append(record)
        return response

    return middleware
