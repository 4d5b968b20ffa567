"""The README's Playground screenshots from the real window:
xvfb-run -a -s "-screen 0 1600x1000x24" python docs/make_playground_screenshots.py

The spiral mid-training with every neuron's picture; three classes with their confusion matrix; your own points."""
import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "bench"))


def main():
    from bench_window import ready_window, wait_for
    from bench_window import settle as settle_app

    from tensordesk.engine.labs.playground import Experiment, PlaygroundSettings
    from tensordesk.gui.widgets.gl_support import grab_window
    app, w, _ = ready_window((1280, 720), view="playground")
    pane = w.view("playground")

    wait = functools.partial(wait_for, app)
    settle = functools.partial(settle_app, app)

    def run(experiment, until_epoch=None):
        pane.set_experiment(experiment)
        wait(lambda: pane.editor is not None and pane.editor.experiment == experiment and pane.frame is not None)
        pane.toggle_play()
        if until_epoch is None:
            wait(lambda: pane.finished_run)
        else:
            wait(lambda: pane.frame.epoch >= until_epoch)
            pane.toggle_play()
        settle(20)
        print(pane.status.text(), "·", pane.score.text())

    run(Experiment(PlaygroundSettings(data="spiral", features="x1,x2,x1sq,x2sq,sinx1,sinx2", layers="8,8,6",
                                      learning_rate=0.03, epochs=2000)), until_epoch=120)
    grab_window(w).save(str(DOCS / "playground_spiral.png"))
    run(Experiment(PlaygroundSettings(data="spiral3", features="x1,x2,sinx1,sinx2", layers="8,8,8",
                                      optimizer="adam", learning_rate=0.01, epochs=300)))
    grab_window(w).save(str(DOCS / "playground_classes.png"))
    own = ((-4, -3, 0), (-3, -4, 0), (-4.5, -1, 0), (-2, -2.5, 0), (3, 3.5, 1), (4, 2, 1), (2.5, 4.5, 1),
           (1.5, 2, 1), (-3.5, 3.5, 2), (-2, 4.5, 2), (-4, 2, 2), (4, -3, 3), (3, -4.5, 3), (2, -2, 3), (4.5, -1.5, 3))
    run(Experiment(PlaygroundSettings(data="own", layers="6", activation="relu", optimizer="adam",
                                      learning_rate=0.03, epochs=300, train_share=70), own))
    grab_window(w).save(str(DOCS / "playground_own.png"))
    w.close()


if __name__ == "__main__":
    main()
