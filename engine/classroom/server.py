"""The class's web server: students' phones send digits and votes; the lecturer's model answers.

aiohttp serves exactly four routes on its own thread and event loop (the window's and the command line's alike):

    GET  /?t=TOKEN               the student page (assets/class/student.html), with a content security policy
    POST /api/digit?t=TOKEN      {"label": 0–9 | null, "png": base64 PNG, "nickname": "…"} → {"id", "digit",
                                 "probabilities"}; 400 {"error": sentence} for a bad body
    GET  /api/poll?t=TOKEN       the open question, its choices, the student's vote, whether sending is paused
    POST /api/vote?t=TOKEN       {"choice": i} → {"counts": [...]}

Every request needs the class's token (≥ 128 bits; 403 without it); bodies over 256 KB are refused (413); each
browser (its `X-Student` id, else the cookie the server gave it) has a token bucket (429 when empty), and
requests that bring neither share a larger one per address (a room's phones share one); a drawing must be a PNG of
8–1024 px a side (its header is read before any pixel is decoded: no decompression bombs); nicknames are plain
text (the page and the window never read them as markup); a request from another origin is refused; nothing
here ever connects anywhere. A digit is kept in the class folder *before* its answer goes back.

The owner hears of digits and votes through a plain listener (`DigitReceived`, `VotesChanged`), called on the
server's thread."""
from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import io
import json
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from tensordesk.engine.classroom.store import ClassDigit, ClassFolder
from tensordesk.engine.core.errors import ConfigError, DataError, TensorDeskError
from tensordesk.engine.core.files import ASSETS
from tensordesk.engine.core.settings import check, setting

MAX_BODY = 256 * 1024          # bytes of one request's body
MAX_SIDE = 1024                # a drawing's longest side, in pixels
MIN_SIDE = 8
MAX_NICKNAME = 24              # characters
BUCKET = 30                    # digits or votes a browser may send at once ...
REFILL = 1.0                   # ... and how many more each second
ADDRESS_BUCKET = 120           # the same for requests that say no browser (no X-Student, no cookie yet), per
ADDRESS_REFILL = 4.0           # address: a room's phones share one behind its router
COOKIE = "tensordesk_student"  # the browser's id, set by the server when a request brings none
MAX_CHOICES = 6
PAGE = ASSETS / "class" / "student.html"
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22,128}")     # 22 url-safe characters: 132 bits
STUDENT_RE = re.compile(r"[A-Za-z0-9_-]{8,64}")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class ClassSettings:
    """Where the class's server listens (the window's Class view and `main.py class` alike)."""
    port: int = setting(8765, low=0, high=65535, help="the port students connect to (0: any free port)",
                        cli="--port", label="the port")
    host: str = setting("127.0.0.1", help="the address to listen on: this machine's address on the room's network "
                        "(127.0.0.1: this machine only)", cli="--host", label="the address")


def new_token() -> str:
    """An unguessable session token: 144 random bits, url-safe."""
    return secrets.token_urlsafe(18)


def check_token(token: str) -> str:
    if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
        raise ConfigError("a class token needs 22 to 128 letters, digits, '-' or '_' (at least 128 bits).")
    return token


@dataclass(frozen=True)
class DigitReceived:
    digit: ClassDigit


@dataclass(frozen=True)
class VotesChanged:
    poll: int                      # the poll's number
    counts: tuple[int, ...]


class Refused(Exception):
    """A request the server answers with an error status and a sentence."""

    def __init__(self, status: int, sentence: str):
        super().__init__(sentence)
        self.status = status


def read_drawing(data: bytes) -> np.ndarray:
    """A PNG's bytes → (H, W) gray in [0, 1], after checking its header: PNG, 8–1024 px a side."""
    from PIL import Image

    from tensordesk.engine.data.preprocess import to_gray
    if not data.startswith(PNG_MAGIC):
        raise Refused(400, "The drawing must be a PNG image.")
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as img:
            w, h = img.size
            if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
                raise Refused(400, f"The drawing must be {MIN_SIDE} to {MAX_SIDE} pixels a side (got {w}×{h}).")
            img.load()
            if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
                return to_gray(np.asarray(img.convert("RGBA")))
            return to_gray(np.asarray(img.convert("L")))
    except Refused:
        raise
    except Image.DecompressionBombError:
        raise Refused(400, f"The drawing must be {MIN_SIDE} to {MAX_SIDE} pixels a side; this one is far larger.") \
            from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise Refused(400, f"The drawing is not a readable PNG image ({exc}).") from None


class Buckets:
    """A token bucket per browser: `take(key)` is False when that browser has sent too much too fast."""

    def __init__(self, size: int = BUCKET, refill: float = REFILL, keep: int = 10_000):
        self.size, self.refill, self.keep = size, refill, keep
        self._level: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        level, then = self._level.pop(key, (float(self.size), now))
        level = min(float(self.size), level + (now - then) * self.refill)
        ok = level >= 1.0
        self._level[key] = (level - 1.0 if ok else level, now)
        while len(self._level) > self.keep:
            self._level.popitem(last=False)    # the longest quiet browsers are forgotten (they are full again)
        return ok


class Poll:
    """The lecturer's quick question: one vote per browser, which it may change."""

    def __init__(self, number: int, question: str, choices: tuple[str, ...]):
        self.number, self.question, self.choices = number, question, choices
        self.open = True
        self.votes: dict[str, int] = {}

    def counts(self) -> tuple[int, ...]:
        out = [0] * len(self.choices)
        for c in self.votes.values():
            out[c] += 1
        return tuple(out)


class ClassServer:
    """The class's web server on its own thread. `start()` binds (a DataError with a sentence when it cannot);
    `stop()` ends it. `predict(images (N, 28, 28) float32) → (N, 10)` is the lecturer's current model; None while
    there is none (students are told so)."""

    def __init__(self, folder: ClassFolder, listener: Callable[[object], None] | None = None,
                 settings: ClassSettings | None = None, token: str | None = None,
                 predict: Callable[[np.ndarray], np.ndarray] | None = None):
        self.folder = folder
        self.settings = settings or ClassSettings()
        check(self.settings)
        self.token = check_token(token) if token is not None else new_token()
        self.listener = listener or (lambda event: None)
        self.predict = predict
        self.paused = False
        self.port = self.settings.port
        self.buckets = Buckets()
        self.address_buckets = Buckets(ADDRESS_BUCKET, ADDRESS_REFILL)
        self.poll: Poll | None = None
        self._polls = 0
        self._lock = threading.Lock()
        self._page = PAGE.read_text(encoding="utf-8")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: Any = None      # aiohttp's AppRunner, once bound
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="class-digits")
        self._ready = threading.Event()
        self._error: str | None = None

    # ------------------------------------------------------------------ the owner's side
    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def join_url(self, host: str | None = None) -> str:
        host = host or self.settings.host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}/?t={self.token}"

    def start(self, timeout: float = 10.0) -> None:
        if self.running:
            return
        self._ready.clear()
        self._error = None
        self._thread = threading.Thread(target=self._serve, name="class-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise DataError("The class's server did not start within ten seconds.")
        if self._error is not None:
            self._thread.join(2)
            self._thread = None
            raise DataError(self._error)

    def stop(self, timeout: float = 5.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout)
        self._thread = None

    def close(self) -> None:
        self.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def open_poll(self, question: str, choices) -> Poll:
        choices = tuple(str(c).strip() for c in choices if str(c).strip())
        question = question.strip()
        if not question:
            raise ConfigError("Write the question first.")
        if not 2 <= len(choices) <= MAX_CHOICES:
            raise ConfigError(f"A poll needs 2 to {MAX_CHOICES} choices.")
        with self._lock:
            self._polls += 1
            self.poll = Poll(self._polls, question[:300], tuple(c[:80] for c in choices))
            return self.poll

    def close_poll(self) -> None:
        with self._lock:
            if self.poll is not None:
                self.poll.open = False

    # ------------------------------------------------------------------ the server's thread
    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._bind())
        except OSError as exc:
            self._error = (f"The class cannot listen on {self.settings.host}:{self.settings.port} "
                           f"({exc.strerror or exc}). Choose another port or address.")
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._runner.cleanup())
            loop.close()
            self._loop = None

    async def _bind(self) -> None:
        from aiohttp import web
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._make_guard()])
        app.router.add_get("/", self._page_handler)
        app.router.add_post("/api/digit", self._digit_handler)
        app.router.add_get("/api/poll", self._poll_handler)
        app.router.add_post("/api/vote", self._vote_handler)
        app.on_response_prepare.append(self._headers)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port, backlog=256)
        try:
            await site.start()
        except OSError:
            await self._runner.cleanup()
            raise
        sockets = getattr(site._server, "sockets", None) or ()
        if sockets:
            self.port = sockets[0].getsockname()[1]

    @staticmethod
    async def _headers(request, response) -> None:
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"       # the token is in the address
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"

    @staticmethod
    def _browser(request) -> str | None:
        """The browser's own id: its `X-Student` header, else the cookie this server gave it; None: neither."""
        for sid in (request.headers.get("X-Student", ""), request.cookies.get(COOKIE, "")):
            if STUDENT_RE.fullmatch(sid):
                return sid
        return None

    def _student(self, request) -> str:
        return self._browser(request) or f"address:{request.remote}"

    def _take(self, request) -> bool:
        browser = self._browser(request)
        if browser is not None:
            return self.buckets.take(browser)
        return self.address_buckets.take(f"address:{request.remote}")

    def _make_guard(self):
        """The middleware every request passes: the token, the origin, JSON, the rate limits, the browser's
        cookie; a refusal becomes its status with a sentence."""
        from aiohttp import web

        @web.middleware
        async def guard(request, handler):
            api = request.path.startswith("/api/")
            try:
                given = request.query.get("t", "")
                if not hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode()):
                    raise Refused(403, "This address needs the class's own link (scan the lecturer's QR code).")
                origin = request.headers.get("Origin")
                if origin is not None and origin != f"{request.scheme}://{request.host}":
                    raise Refused(403, "Requests from other sites are not accepted.")
                if request.method == "POST":
                    if request.content_type != "application/json":
                        raise Refused(400, "Send JSON (Content-Type: application/json).")
                    if not self._take(request):
                        raise Refused(429, "Too many at once: wait a few seconds and send again.")
                response = await handler(request)
            except Refused as exc:
                response = web.json_response({"error": str(exc)}, status=exc.status) if api else \
                    web.Response(text=str(exc), status=exc.status)
            except web.HTTPRequestEntityTooLarge:
                response = web.json_response({"error": f"The request is larger than {MAX_BODY // 1024} KB."},
                                             status=413)
            if response.status != 403 and self._browser(request) is None:   # the class's own visitors only
                response.set_cookie(COOKIE, secrets.token_urlsafe(12), max_age=86400, httponly=True,
                                    samesite="Strict", path="/")
            return response
        return guard

    async def _page_handler(self, request):
        from aiohttp import web
        nonce = secrets.token_urlsafe(16)
        response = web.Response(text=self._page.replace("{{NONCE}}", nonce), content_type="text/html",
                                charset="utf-8")
        response.headers["Content-Security-Policy"] = (
            f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src data: blob:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
        return response

    async def _json_body(self, request) -> dict:
        raw = await request.read()          # over client_max_size: HTTPRequestEntityTooLarge (413)
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise Refused(400, "The request's body is not JSON.") from None
        if not isinstance(body, dict):
            raise Refused(400, "The request's body must be a JSON object.")
        return body

    async def _digit_handler(self, request):
        from aiohttp import web
        if self.paused:
            raise Refused(503, "The lecturer has paused sending: wait a moment.")
        body = await self._json_body(request)
        label = body.get("label")
        if label is not None and (isinstance(label, bool) or not isinstance(label, int) or not 0 <= label <= 9):
            raise Refused(400, "label must be a digit from 0 to 9, or null.")
        nickname = body.get("nickname", "")
        if nickname is None:
            nickname = ""
        if not isinstance(nickname, str) or len(nickname) > MAX_NICKNAME:
            raise Refused(400, f"nickname must be text of at most {MAX_NICKNAME} characters.")
        nickname = "".join(ch for ch in nickname if ch.isprintable()).strip()
        png = body.get("png")
        if not isinstance(png, str) or not png:
            raise Refused(400, "png must be the drawing as a base64 PNG.")
        if png.startswith("data:"):
            png = png.partition(",")[2]
        try:
            data = base64.b64decode(png, validate=True)
        except (binascii.Error, ValueError):
            raise Refused(400, "png is not valid base64.") from None
        predict = self.predict
        if predict is None:
            raise Refused(503, "The lecturer has no model open yet.")
        loop = asyncio.get_running_loop()
        kept = await loop.run_in_executor(self._pool, self._read_and_keep, data, predict, nickname, label)
        self.listener(DigitReceived(kept))
        return web.json_response({"id": kept.id, "digit": kept.digit, "probabilities": list(kept.probabilities)})

    def _read_and_keep(self, data: bytes, predict, nickname: str, label: int | None) -> ClassDigit:
        from tensordesk.engine.models.inference import classify_with
        try:
            image, probs = classify_with(predict, read_drawing(data))
        except TensorDeskError as exc:
            raise Refused(503, str(exc)) from None
        if image is None:
            raise Refused(400, "Nothing is drawn: draw a digit first.")
        probs = np.asarray(probs, dtype=np.float64).reshape(-1)
        if probs.size != 10 or not np.all(np.isfinite(probs)):
            raise Refused(503, "The lecturer's model does not read digits.")
        try:
            return self.folder.add(secrets.token_hex(8), image, nickname, label, int(np.argmax(probs)), probs)
        except DataError as exc:
            raise Refused(500, str(exc)) from None

    async def _poll_handler(self, request):
        from aiohttp import web
        student = self._student(request)
        with self._lock:
            poll = self.poll
            if poll is None or not poll.open:
                return web.json_response({"open": False, "paused": self.paused})
            return web.json_response({"open": True, "paused": self.paused, "poll": poll.number,
                                      "question": poll.question, "choices": list(poll.choices),
                                      "voted": poll.votes.get(student)})

    async def _vote_handler(self, request):
        from aiohttp import web
        body = await self._json_body(request)
        choice = body.get("choice")
        with self._lock:
            poll = self.poll
            if poll is None or not poll.open:
                raise Refused(409, "No question is open now.")
            if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(poll.choices):
                raise Refused(400, f"choice must be a number from 0 to {len(poll.choices) - 1}.")
            poll.votes[self._student(request)] = choice
            counts = poll.counts()
        self.listener(VotesChanged(poll.number, counts))
        return web.json_response({"counts": list(counts)})
