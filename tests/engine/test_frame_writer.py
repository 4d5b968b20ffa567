"""engine/core/recording.py: frames in, a GIF or MP4 out, with the frames read back as they went in."""
import numpy as np
import pytest

from tensordesk.engine.core.recording import FrameWriter, RecordingError, check_output, fit_frame, read_frames


def _frames(n=12, h=121, w=160):
    out = []
    for i in range(n):
        f = np.full((h, w, 3), 250, np.uint8)
        f[40:80, 5 + 10 * i:25 + 10 * i] = (200, 20, 20)     # a red box moving right
        out.append(f)
    return out


@pytest.mark.parametrize("suffix", [".gif", ".mp4"])
def test_frames_come_back_in_order(tmp_path, suffix):
    path = tmp_path / f"a{suffix}"
    writer = FrameWriter(path, fps=12)
    for f in _frames():
        assert writer.add(f, wait=True)
    summary = writer.close()
    assert summary.frames == 12 and summary.dropped == 0 and summary.size == (160, 120)
    assert abs(summary.seconds - 1.0) < 1e-9 and summary.bytes == path.stat().st_size
    back = read_frames(path)
    assert len(back) == 12 and back[0].shape == (120, 160, 3)
    for i, frame in enumerate(back):    # the red box is where it was drawn (H.264 blurs edges a little)
        red = (frame[:, :, 0] > 150) & (frame[:, :, 1] < 100)
        cols = np.nonzero(red.any(axis=0))[0]
        assert abs(cols.min() - (5 + 10 * i)) <= 2 and abs(cols.max() - (24 + 10 * i)) <= 2
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]   # no temporary file left


def test_a_frame_of_another_size_is_cropped_or_padded_white():
    f = np.zeros((50, 70, 3), np.uint8)
    assert fit_frame(f, (80, 40)).shape == (40, 80, 3)
    out = fit_frame(f, (80, 60))
    assert (out[:50, :70] == 0).all() and (out[50:] == 255).all() and (out[:, 70:] == 255).all()
    assert fit_frame(np.zeros((10, 10, 4), np.uint8), (10, 10)).shape == (10, 10, 3)


def test_abort_and_bad_outputs(tmp_path):
    writer = FrameWriter(tmp_path / "b.mp4", fps=10)
    writer.add(_frames(1)[0], wait=True)
    writer.abort()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(RecordingError, match="Nothing was recorded"):
        FrameWriter(tmp_path / "c.gif").close()
    with pytest.raises(RecordingError, match=r"\.gif or \.mp4"):
        check_output(tmp_path / "c.webm")
    with pytest.raises(RecordingError, match="does not exist"):
        check_output(tmp_path / "no" / "c.gif")
    with pytest.raises(RecordingError, match="frame rate"):
        check_output(tmp_path / "c.gif", fps=0)
