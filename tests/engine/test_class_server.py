"""The class's server on 127.0.0.1: what a student's phone sends, what is kept, and every refusal."""
import base64
import io
import json
import urllib.error
import urllib.request
import zlib

import numpy as np
import pytest
from PIL import Image

from tensordesk.engine.classroom.server import (
    MAX_BODY,
    Buckets,
    ClassServer,
    ClassSettings,
    DigitReceived,
    VotesChanged,
    check_token,
)
from tensordesk.engine.classroom.store import ClassFolder, confusion
from tensordesk.engine.core.errors import ConfigError, DataError
from tensordesk.engine.data.datasets import load_embedded


def _predict_three(images):
    """A stand-in model: 'three', whatever it sees (the real model is in the tests that need its answers)."""
    out = np.full((len(images), 10), 0.02, np.float32)
    out[:, 3] = 0.82
    return out


def _png(image: np.ndarray, mode="L") -> str:
    buf = io.BytesIO()
    Image.fromarray(image).convert(mode).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def _drawing(size=200, ink_dark=True) -> np.ndarray:
    """A phone's drawing: a thick vertical stroke on white (or light on dark)."""
    a = np.full((size, size), 255 if ink_dark else 0, np.uint8)
    a[size // 5: size * 4 // 5, size // 2 - size // 14: size // 2 + size // 14] = 0 if ink_dark else 255
    return a


def _send(server, path, body=None, token=None, headers=None, raw=None, method=None):
    url = f"http://127.0.0.1:{server.port}{path}"
    url += ("&" if "?" in url else "?") + f"t={server.token if token is None else token}" if token != "" else ""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=20) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


@pytest.fixture
def served(tmp_path):
    events = []
    server = ClassServer(ClassFolder(tmp_path / "class"), events.append, ClassSettings(port=0),
                         predict=_predict_three)
    server.start()
    yield server, events
    server.close()
    assert not server.running


def test_a_digit_is_kept_before_its_answer_and_the_folder_reopens(served, tmp_path):
    server, events = served
    status, headers, body = _send(server, "/api/digit", {"label": 1, "png": _png(_drawing()), "nickname": "Ann"},
                                  headers={"X-Student": "phone-one-abcdef"})
    assert status == 200, body
    answer = json.loads(body)
    assert answer["digit"] == 3 and len(answer["probabilities"]) == 10
    assert sum(answer["probabilities"]) == pytest.approx(0.82 + 9 * 0.02, abs=1e-4)
    png = tmp_path / "class" / "1" / f"{answer['id']}.png"
    assert png.is_file()
    kept = np.asarray(Image.open(png))
    assert kept.shape == (28, 28) and kept.max() == 255 and kept[:, :6].max() == 0   # MNIST's framing
    line = json.loads((tmp_path / "class" / "class.jsonl").read_text().splitlines()[0])
    assert line["nickname"] == "Ann" and line["label"] == 1 and line["digit"] == 3
    assert [type(e) for e in events] == [DigitReceived] and events[0].digit.wrong
    # light ink on dark, any size, no label: kept apart from the labelled ones
    status, _, body = _send(server, "/api/digit", {"label": None, "png": _png(_drawing(37, ink_dark=False), "RGB")})
    assert status == 200, body
    unlabelled = json.loads(body)["id"]
    assert (tmp_path / "class" / "unlabelled" / f"{unlabelled}.png").is_file()
    # white ink on a canvas whose background was never painted (transparent), as many drawing pages send it
    rgba = np.zeros((120, 120, 4), np.uint8)
    rgba[20:100, 55:65] = 255
    buf = io.BytesIO()
    Image.fromarray(rgba, mode="RGBA").save(buf, format="PNG")
    status, _, body = _send(server, "/api/digit", {"label": 1, "png": base64.b64encode(buf.getvalue()).decode()})
    assert status == 200, body
    assert np.asarray(Image.open(tmp_path / "class" / "1" / f"{json.loads(body)['id']}.png")).max() == 255
    # a crash while writing a line leaves a broken last line: reading skips it, the answered digits are all there
    with open(tmp_path / "class" / "class.jsonl", "a") as fh:
        fh.write('{"id": "half')
    again = ClassFolder(tmp_path / "class").read()
    assert [d.id for d in again][:2] == [events[0].digit.id, unlabelled]
    assert again[0].nickname == "Ann" and again[0].label == 1 and again[1].label is None and len(again) == 3
    assert confusion(again)[1, 3] == 2 and confusion(again).sum() == 2
    # moderation: a removed digit stays removed when the class is reopened
    ClassFolder(tmp_path / "class").remove(again[0])
    assert [d.id for d in ClassFolder(tmp_path / "class").read()] == [again[1].id, again[2].id]
    assert not again[0].path.exists()


def test_the_page_has_a_content_security_policy_and_only_four_routes_are_served(served):
    server, _ = served
    status, headers, body = _send(server, "/")
    assert status == 200 and b"<canvas" in body
    csp = headers["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"'.encode() in body and b"{{NONCE}}" not in body
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert headers["Referrer-Policy"] == "no-referrer" and headers["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in headers
    for path in ("/../engine/classroom/server.py", "/%2e%2e/%2e%2e/etc/passwd", "/assets/class/student.html",
                 "/class.jsonl", "/api/", "/api/digits"):
        assert _send(server, path)[0] == 404, path
    assert _send(server, "/api/digit")[0] == 405          # GET where only POST is served


def test_every_refusal_says_why_and_harms_nothing_kept(served, tmp_path):
    server, events = served
    good = {"label": 7, "png": _png(_drawing()), "nickname": "B"}
    assert _send(server, "/api/digit", good)[0] == 200
    folder = tmp_path / "class"
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    journal = (folder / "class.jsonl").read_bytes()

    def refused(status, *args, **kw):
        got, _, body = _send(server, *args, **kw)
        assert got == status, (got, body[:200])
        return json.loads(body)["error"] if body.startswith(b"{") else body.decode()

    assert "QR code" in refused(403, "/api/digit", good, token="")
    assert "QR code" in refused(403, "/api/digit", good, token="x" * 24)
    assert "QR code" in refused(403, "/", token="")
    assert "KB" in refused(413, "/api/digit", {"png": "A" * (MAX_BODY + 10)})
    assert "base64" in refused(400, "/api/digit", dict(good, png="not base64 at all!"))
    assert "PNG" in refused(400, "/api/digit", dict(good, png=base64.b64encode(b"GIF89a" + bytes(50)).decode()))
    jpeg = io.BytesIO()
    Image.fromarray(_drawing()).save(jpeg, format="JPEG")
    assert "PNG" in refused(400, "/api/digit", dict(good, png=base64.b64encode(jpeg.getvalue()).decode()))
    assert "readable" in refused(400, "/api/digit", dict(good, png=_png(_drawing())[:200]))   # cut short
    # a decompression bomb: 20,000 × 20,000 pixels in a few kilobytes; refused from its header
    bomb = _bomb_png(20_000, 20_000)
    assert len(bomb) < 60_000
    assert "far larger" in refused(400, "/api/digit", dict(good, png=base64.b64encode(bomb).decode()))
    assert "2000×2000" in refused(400, "/api/digit", dict(good, png=base64.b64encode(_bomb_png(2000, 2000)).decode()))
    assert "Nothing is drawn" in refused(400, "/api/digit", dict(good, png=_png(np.full((64, 64), 255, np.uint8))))
    assert "label" in refused(400, "/api/digit", dict(good, label=10))
    assert "label" in refused(400, "/api/digit", dict(good, label=True))
    assert "nickname" in refused(400, "/api/digit", dict(good, nickname="n" * 25))
    assert "JSON" in refused(400, "/api/digit", raw=b"{not json")
    assert "object" in refused(400, "/api/digit", [1, 2])
    assert "other sites" in refused(403, "/api/digit", good, headers={"Origin": "http://evil.example"})
    server.paused = True
    assert "paused" in refused(503, "/api/digit", good)
    server.paused = False
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert (folder / "class.jsonl").read_bytes() == journal and len(events) == 1


def test_a_script_in_a_nickname_is_kept_as_text(served):
    server, events = served
    evil = "<script>alert(1)</script>"[:24]
    status, _, body = _send(server, "/api/digit", {"label": 2, "png": _png(_drawing()), "nickname": evil})
    assert status == 200
    assert events[-1].digit.nickname == evil          # kept verbatim: every place that shows it shows plain text


def test_each_browser_has_its_own_rate_limit(served):
    server, _ = served
    good = {"label": 4, "png": _png(_drawing(40))}
    codes = [_send(server, "/api/digit", good, headers={"X-Student": "greedy-browser-1"})[0] for _ in range(36)]
    assert codes.count(200) >= 30 and codes[-1] == 429
    # another browser behind the same address is not held back
    assert _send(server, "/api/digit", good, headers={"X-Student": "polite-browser-2"})[0] == 200
    b = Buckets(size=3, refill=1.0)
    assert [b.take("k", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert b.take("k", now=1.01) and not b.take("k", now=1.02)


def test_a_poll_counts_one_vote_per_browser(served):
    server, events = served
    status, _, body = _send(server, "/api/poll")
    assert json.loads(body) == {"open": False, "paused": False}
    assert _send(server, "/api/vote", {"choice": 0})[0] == 409
    with pytest.raises(ConfigError):
        server.open_poll("Which optimizer?", ["SGD"])
    server.open_poll("Which optimizer reaches the minimum first?", ["SGD", "Momentum", "Adam"])
    poll = json.loads(_send(server, "/api/poll", headers={"X-Student": "voter-one-1234"})[2])
    assert poll["choices"] == ["SGD", "Momentum", "Adam"] and poll["voted"] is None
    for sid, choice in (("voter-one-1234", 0), ("voter-two-1234", 2), ("voter-one-1234", 2)):
        assert _send(server, "/api/vote", {"choice": choice}, headers={"X-Student": sid})[0] == 200
    assert json.loads(_send(server, "/api/vote", {"choice": 1}, headers={"X-Student": "voter-3-12345"})[2]) == \
        {"counts": [0, 1, 2]}
    assert json.loads(_send(server, "/api/poll", headers={"X-Student": "voter-one-1234"})[2])["voted"] == 2
    assert _send(server, "/api/vote", {"choice": 3})[0] == 400
    assert [e.counts for e in events if isinstance(e, VotesChanged)][-1] == (0, 1, 2)
    server.close_poll()
    assert _send(server, "/api/vote", {"choice": 0})[0] == 409


def test_a_busy_port_and_a_short_token_are_sentences(served, tmp_path):
    server, _ = served
    other = ClassServer(ClassFolder(tmp_path / "other"), settings=ClassSettings(port=server.port))
    with pytest.raises(DataError, match="cannot listen on 127.0.0.1"):
        other.start()
    with pytest.raises(ConfigError, match="128 bits"):
        check_token("short")
    with pytest.raises(ConfigError, match="port"):
        ClassServer(ClassFolder(tmp_path / "third"), settings=ClassSettings(port=70000))


def test_the_shipped_model_reads_mnist_digits_sent_as_phones_send_them(tmp_path):
    from tensordesk.engine.models.checkpoints import load_shipped_model
    from tensordesk.engine.models.inference import probabilities
    model = load_shipped_model().model
    server = ClassServer(ClassFolder(tmp_path / "class"), settings=ClassSettings(port=0),
                         predict=lambda x: probabilities(model, x))
    server.start()
    try:
        data = load_embedded()
        right = 0
        for i in range(20):
            image = np.asarray(Image.fromarray(255 - data.x_test[i]).resize((280, 280), Image.Resampling.BILINEAR))
            status, _, body = _send(server, "/api/digit", {"label": int(data.y_test[i]), "png": _png(image)})
            assert status == 200
            right += json.loads(body)["digit"] == int(data.y_test[i])
        assert right >= 18
    finally:
        server.close()


def _bomb_png(w: int, h: int) -> bytes:
    """A valid PNG header for a huge grey image whose pixel data compresses to almost nothing."""
    def chunk(kind, data):
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    ihdr = w.to_bytes(4, "big") + h.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    row = b"\x00" + b"\x00" * w
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(200)) + comp.flush()   # only the start: enough for the header
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def test_a_browser_without_an_id_gets_a_cookie_and_is_limited_by_it(served):
    """A client that keeps cookies (a browser, a session object) is one browser from its second request on;
    one that brings neither id nor cookie shares its address's larger bucket."""
    import http.cookiejar
    server, _ = served
    body = json.dumps({"label": 4, "png": _png(_drawing(40))}).encode()
    url = f"http://127.0.0.1:{server.port}/api/digit?t={server.token}"

    def browser():
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def post(opener):
        req = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        try:
            with opener.open(req, timeout=20) as r:
                return r.status, r.headers.get("Set-Cookie")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Set-Cookie")
    first = browser()
    status, cookie = post(first)
    assert status == 200 and cookie.startswith("tensordesk_student=") and "HttpOnly" in cookie
    codes = [post(first)[0] for _ in range(34)]
    assert codes.count(200) >= 29 and codes[-1] == 429 and post(first)[1] is None   # it has its cookie
    assert post(browser())[0] == 200            # another browser behind the same address
    bare = urllib.request.build_opener()        # keeps no cookies: its address's bucket (120 at once)
    codes = [post(bare)[0] for _ in range(40)]
    assert codes.count(200) == 40
