"""Drawn digits through real mouse events, centred versus small / large / off-centre, with a trained model.

    python bench/drawing_accuracy.py [--model PATH]   (trains a CNN on the embedded digits when no model is given)

Each digit is a hand-made polyline (how a student draws it), drawn with QTest mouse events on the canvas
at 9 placements; the script prints accuracy per placement, so a drop for off-centre or small digits shows.
"""
import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# strokes in a unit box (x right, y down); several strokes per digit where a pen would lift
DIGITS = {
    0: [[(0.5, 0.0), (0.2, 0.15), (0.08, 0.5), (0.2, 0.85), (0.5, 1.0), (0.8, 0.85), (0.92, 0.5), (0.8, 0.15),
         (0.5, 0.0)]],
    1: [[(0.35, 0.2), (0.55, 0.0), (0.55, 1.0)]],
    2: [[(0.15, 0.25), (0.3, 0.05), (0.6, 0.0), (0.85, 0.2), (0.8, 0.45), (0.15, 1.0), (0.9, 1.0)]],
    3: [[(0.15, 0.1), (0.5, 0.0), (0.8, 0.15), (0.75, 0.4), (0.45, 0.5), (0.8, 0.6), (0.85, 0.85), (0.5, 1.0),
         (0.15, 0.9)]],
    4: [[(0.65, 1.0), (0.65, 0.0), (0.1, 0.65), (0.9, 0.65)]],
    5: [[(0.85, 0.0), (0.25, 0.0), (0.2, 0.45), (0.55, 0.38), (0.82, 0.55), (0.8, 0.85), (0.5, 1.0),
         (0.15, 0.9)]],
    6: [[(0.75, 0.0), (0.35, 0.25), (0.15, 0.65), (0.3, 0.95), (0.6, 1.0), (0.82, 0.78), (0.7, 0.5),
         (0.4, 0.5), (0.18, 0.7)]],
    7: [[(0.1, 0.0), (0.9, 0.0), (0.4, 1.0)]],
    8: [[(0.5, 0.5), (0.2, 0.3), (0.3, 0.05), (0.7, 0.05), (0.8, 0.3), (0.5, 0.5), (0.15, 0.75), (0.3, 1.0),
         (0.7, 1.0), (0.85, 0.75), (0.5, 0.5)]],
    9: [[(0.8, 0.3), (0.5, 0.45), (0.2, 0.3), (0.3, 0.05), (0.65, 0.0), (0.8, 0.3), (0.75, 1.0)]],
}
# (left, top, size) of the digit's box as fractions of the canvas
PLACEMENTS = {"centred": (0.25, 0.2, 0.55), "small top-left": (0.05, 0.05, 0.2), "small bottom-right": (0.7, 0.7, 0.22),
              "large": (0.08, 0.05, 0.88), "off-centre right": (0.55, 0.3, 0.4), "off-centre top": (0.3, 0.02, 0.35),
              "tiny": (0.45, 0.45, 0.12), "wide slant": (0.15, 0.25, 0.5), "low left": (0.02, 0.55, 0.4)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    args = ap.parse_args()
    from tensordesk.gui.app import create_app
    app = create_app()
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from tensordesk.gui.draw.draw_view import DrawView
    if args.model:
        from tensordesk.engine.models.checkpoints import load_checkpoint
        model = load_checkpoint(args.model).model
    else:
        from tensordesk.engine.data.datasets import load_embedded
        from tensordesk.engine.models.architectures import default_spec
        from tensordesk.engine.training.config import default_config
        from tensordesk.engine.training.trainer import Trainer
        t = Trainer(default_spec("cnn"), default_config("cnn", epochs=3), load_embedded())
        print("trained CNN:", t.run()["message"])
        model = t.model
    from tensordesk.gui.session import Session
    session = Session()
    view = DrawView(session)
    view.resize(900, 600)
    view.show()
    session.show_model(model, [str(i) for i in range(10)], "bench")
    c = view.canvas
    app.processEvents()
    r = c._target_rect()
    total = {}
    for name, (left, top, size) in PLACEMENTS.items():
        hits = 0
        for digit, strokes in DIGITS.items():
            c.clear()
            c.set_brush_size(max(6.0, 30 * size))
            for stroke in strokes:
                pts = []
                for x, y in stroke:
                    if name == "wide slant":
                        x = x * 1.3 + (1 - y) * 0.25 - 0.15
                    pts.append(QPoint(int(r.x() + r.width() * (left + size * x)), int(r.y() + r.height() * (top + size * y))))
                QTest.mousePress(c, Qt.LeftButton, Qt.NoModifier, pts[0])
                for a, b in zip(pts, pts[1:]):
                    for i in range(1, 7):
                        QTest.mouseMove(c, QPoint(a.x() + (b.x() - a.x()) * i // 6, a.y() + (b.y() - a.y()) * i // 6))
                QTest.mouseRelease(c, Qt.LeftButton, Qt.NoModifier, pts[-1])
            app.processEvents()
            hits += view.panel.digit.text() == str(digit)
        total[name] = hits
        print(f"  {name:<20} {hits}/10")
    print(f"overall {sum(total.values())}/{10 * len(total)}")


if __name__ == "__main__":
    main()
