"""Recordings for slides: frames (H×W×3 uint8 arrays) in, an animated GIF (Pillow) or an MP4 (imageio with
imageio-ffmpeg, whose wheel carries ffmpeg) out. Encoding runs on its own thread: the caller (the GUI thread, at
the frame rate) only hands over a copy of each frame, so recording takes little from training.

No Qt here: gui/recording.py grabs the window's pixels and the command line's `main.py record` drives both."""
from __future__ import annotations

import os
import queue
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tensordesk.engine.core.errors import TensorDeskError
from tensordesk.engine.core.settings import check, setting


@dataclass(frozen=True)
class VideoFormat:
    suffix: str
    title: str          # for file dialogs (marked for translation in gui/names.py)


FORMATS: dict[str, VideoFormat] = {f.suffix: f for f in (
    VideoFormat(".gif", "Animated GIF"),
    VideoFormat(".mp4", "MP4 video"),
)}
FRAME_RATES = (5, 10, 15, 20, 25, 30)   # what the window offers; a view's own repaint rate is one of them
MAX_FPS = 60
MAX_SECONDS = 600           # `main.py record`: the longest recording it makes


@dataclass(frozen=True)
class RecordSettings:
    """What a recording is asked for (the Record dialog, `main.py record`): declared once."""

    seconds: float = setting(10.0, positive=True, high=float(MAX_SECONDS), help="how long to record",
                             cli="--seconds", label="the recording's length")
    fps: int = setting(0, low=0, high=MAX_FPS, help="frames per second; 0: the view's own repaint rate",
                       cli="--fps", label="the frame rate")
    target: str = setting("view", choices=("view", "window"), help="the current view or the whole window",
                          label="what to record")

    def validate(self) -> RecordSettings:
        check(self)
        return self
QUEUE_FRAMES = 32                       # frames waiting for the encoder before new ones are dropped


class RecordingError(TensorDeskError):
    """A recording could not be started or written; the message says why."""


@dataclass(frozen=True)
class RecordingSummary:
    path: str
    frames: int
    seconds: float          # the recording's length when played back
    dropped: int            # frames the encoder could not keep up with
    size: tuple             # (width, height) in pixels
    bytes: int


def check_output(path, fps: float = 10) -> Path:
    """The output path, checked before anything is recorded: a known kind (.gif or .mp4), an existing folder
    one can write to, and a frame rate in range. Raises RecordingError with a sentence."""
    path = Path(path).expanduser()
    if path.suffix.lower() not in FORMATS:
        raise RecordingError(f"'{path.name}' is not a kind of recording TensorDesk writes: the file name must end "
                             f"in {' or '.join(FORMATS)}.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise RecordingError(f"The folder '{folder}' does not exist.")
    if not os.access(folder, os.W_OK):
        raise RecordingError(f"TensorDesk cannot write in the folder '{folder}'.")
    if path.is_dir():
        raise RecordingError(f"'{path}' is a folder, not a file name.")
    if not (isinstance(fps, (int, float)) and 1 <= fps <= MAX_FPS):
        raise RecordingError(f"The frame rate must be between 1 and {MAX_FPS} frames a second (got {fps}).")
    return path


def fit_frame(frame: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """`frame` (H×W×3 or ×4) as RGB of exactly `size` = (width, height): cropped or padded with white (a window
    resized during a recording keeps the first frame's size)."""
    frame = np.asarray(frame)
    if frame.ndim != 3 or frame.shape[2] not in (3, 4):
        raise ValueError(f"a frame is an H×W×3 array, not {frame.shape}")
    frame = frame[:, :, :3]
    w, h = size
    if frame.shape[0] == h and frame.shape[1] == w:
        return np.ascontiguousarray(frame, dtype=np.uint8)
    out = np.full((h, w, 3), 255, np.uint8)
    hh, ww = min(h, frame.shape[0]), min(w, frame.shape[1])
    out[:hh, :ww] = frame[:hh, :ww]
    return out


class _GifSink:
    """Each frame quantised to its own 256-colour palette as it arrives and kept zlib-compressed (a screen's
    frames differ little: ~1–3 % of their raw size); Pillow writes the GIF at the end, storing only the part
    of each frame that changed."""

    def __init__(self, path: Path, fps: float):
        self.path, self.fps = path, fps
        self.frames: list[tuple] = []
        self.last: np.ndarray | None = None

    def add(self, frame: np.ndarray) -> None:
        from PIL import Image
        if self.last is not None and np.array_equal(frame, self.last):
            self.frames.append(self.frames[-1])    # nothing moved: the same frame again, not quantised again
            return
        self.last = frame
        im = Image.fromarray(frame).quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        self.frames.append((im.size, bytes(im.getpalette() or []), zlib.compress(im.tobytes(), 1)))

    def _images(self):
        from PIL import Image
        for size, palette, data in self.frames:
            im = Image.frombytes("P", size, zlib.decompress(data))
            im.putpalette(palette)
            yield im

    def close(self) -> None:
        from tensordesk.engine.core.files import atomic_write
        if not self.frames:
            raise RecordingError("Nothing was recorded.")
        images = self._images()
        first = next(images)
        duration = max(20, int(round(1000 / self.fps)))   # GIF delays are in hundredths; players floor 10 ms
        atomic_write(self.path, lambda fh: first.save(fh, format="GIF", save_all=True, append_images=images,
                                                      duration=duration, loop=0, optimize=False))

    def abort(self) -> None:
        self.frames = []


class _Mp4Sink:
    """H.264 in yuv420p (what slides and phones play) through imageio-ffmpeg, streamed: memory does not grow
    with the recording's length. Written to a temporary file beside the target, renamed at the end."""

    def __init__(self, path: Path, fps: float):
        import imageio.v2 as imageio
        self.path = path
        self.tmp = path.with_name(f".{path.stem}.{os.getpid()}.recording.mp4")
        try:
            self.writer = imageio.get_writer(str(self.tmp), format="FFMPEG", mode="I", fps=fps, codec="libx264",
                                             pixelformat="yuv420p", quality=8, macro_block_size=2,
                                             ffmpeg_log_level="error",
                                             # one thread, fastest preset: the encoder must not take the
                                             # cores training runs on (bench/recording.py)
                                             output_params=["-preset", "ultrafast", "-threads", "1"])
        except Exception as exc:   # no ffmpeg: imageio-ffmpeg missing or its binary unusable
            raise RecordingError(f"MP4 recording needs ffmpeg (the imageio-ffmpeg package): {exc}") from exc
        self.count = 0

    def add(self, frame: np.ndarray) -> None:
        self.writer.append_data(frame)
        self.count += 1

    def close(self) -> None:
        self.writer.close()
        if not self.count:
            self.tmp.unlink(missing_ok=True)
            raise RecordingError("Nothing was recorded.")
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        try:
            self.writer.close()
        except Exception:
            pass
        self.tmp.unlink(missing_ok=True)


class FrameWriter:
    """Write frames to `path` (.gif or .mp4) at `fps` frames a second of playback.

    `add(frame)` returns at once (a frame is queued, or dropped and counted when the encoder is
    `QUEUE_FRAMES` behind); `close()` waits for the encoder and returns a RecordingSummary; `abort()` leaves
    no file. Frames take the first frame's size (even-sized, as H.264 needs)."""

    def __init__(self, path, fps: float = 10):
        self.path = check_output(path, fps)
        self.fps = float(fps)
        self.size: tuple[int, int] | None = None
        self.frames = 0
        self.dropped = 0
        self.started = time.monotonic()
        self._error: BaseException | None = None
        self._queue: queue.Queue = queue.Queue(maxsize=QUEUE_FRAMES)
        self._sink = (_GifSink if self.path.suffix.lower() == ".gif" else _Mp4Sink)(self.path, self.fps)
        self._thread = threading.Thread(target=self._encode, name="RecordingEncoder", daemon=True)
        self._thread.start()
        self._closed = False

    def add(self, frame: np.ndarray, wait: bool = False) -> bool:
        """Queue a frame; True if it was taken. With `wait`, block until the encoder has room (no frame is
        dropped); without, a frame that finds the queue full is dropped and counted."""
        if self._closed:
            raise RecordingError("The recording has ended.")
        if self._error is not None:
            return False
        frame = np.asarray(frame)
        if self.size is None:
            self.size = (frame.shape[1] - frame.shape[1] % 2, frame.shape[0] - frame.shape[0] % 2)
            if min(self.size) < 2:
                raise RecordingError("There is nothing on screen to record (the view has no size).")
        try:
            self._queue.put(fit_frame(frame, self.size), block=wait)
        except queue.Full:
            self.dropped += 1
            return False
        self.frames += 1
        return True

    @property
    def failed(self) -> str | None:
        """Why encoding stopped, if it did."""
        return None if self._error is None else str(self._error)

    def _encode(self) -> None:
        while True:
            frame = self._queue.get()
            if frame is None:
                return
            if self._error is None:
                try:
                    self._sink.add(frame)
                except Exception as exc:   # disk full, ffmpeg gone: kept for close() to report
                    self._error = exc

    def close(self) -> RecordingSummary:
        """Finish the file (a GIF is written now: a second or so per hundred frames)."""
        if self._closed:
            raise RecordingError("The recording has ended.")
        self._closed = True
        self._queue.put(None)
        self._thread.join()
        if self._error is not None:
            self._sink.abort()
            raise RecordingError(f"The recording could not be written: {self._error}")
        try:
            self._sink.close()
        except RecordingError:
            raise
        except Exception as exc:
            self._sink.abort()
            raise RecordingError(f"The recording could not be written to '{self.path}': {exc}") from exc
        return RecordingSummary(str(self.path), self.frames, self.frames / self.fps, self.dropped,
                                self.size or (0, 0), self.path.stat().st_size)

    def abort(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._thread.join()
        self._sink.abort()


def read_frames(path) -> list[np.ndarray]:
    """A recording's frames as RGB arrays (tests and the README's checks): Pillow for GIF, imageio for MP4."""
    path = Path(path)
    if path.suffix.lower() == ".gif":
        from PIL import Image, ImageSequence
        with Image.open(path) as im:
            return [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(im)]
    import imageio.v2 as imageio
    with imageio.get_reader(str(path), format="FFMPEG") as reader:
        return [np.asarray(f)[:, :, :3] for f in reader]  # type: ignore[attr-defined]  # a reader iterates its frames
