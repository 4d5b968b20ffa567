"""Missions without a window: every check passing and failing on a journal of facts, mission files with each kind of
error (one sentence naming the file and the field), the shipped missions' coverage and translations, and progress
that survives a restart."""
from __future__ import annotations

import copy
import json
import math
import re

import pytest

from tensordesk.engine.missions import facts as F
from tensordesk.engine.missions.checks import CHECKS, check_params_types
from tensordesk.engine.missions.missions import MissionError, fill, read_mission, shipped_missions


def run(state="finished", acc=0.9, val=0.88, train=0.95, lrs=(0.1, 0.05), **settings):
    base = {"arch": "mlp", "optimizer": "adam", "learning_rate": 0.001, "l2": 0.0, "dropout": 0.0,
            "batch_norm": False, "epochs": 1, "lr_schedule": "constant", "train_images": 1000, "transfer": 0}
    base.update(settings)
    return F.RunFact(state, base, acc, val, train, 2.0, 0.3, tuple(lrs))


def judge(name, params, facts):
    c = CHECKS[name]
    return c(c.parameters(params), F.Journal(facts))


def test_run_checks_pass_and_fail():
    j = [run(arch="mlp", acc=0.90), run(arch="cnn", acc=0.97), run(state="diverged", acc=None, learning_rate=5.0)]
    assert judge("run", {"where": {"arch": "cnn"}, "at_least": 0.95}, j).passed
    assert not judge("run", {"where": {"arch": "cnn"}, "at_least": 0.99}, j).passed
    assert not judge("run", {"where": {"arch": "lstm"}}, j).passed
    out = judge("run", {"where": {"state": "diverged", "learning_rate": {"min": 1}}}, j)
    assert out.passed and out.values["runs"] == 1
    assert judge("run", {"where": {"lr_schedule": "constant"}, "count": 2}, j).passed
    beats = judge("run_beats", {"a": {"arch": "cnn"}, "b": {"arch": "mlp"}, "margin": 0.05}, j)
    assert beats.passed and beats.values["difference"] == pytest.approx(0.07)
    assert not judge("run_beats", {"a": {"arch": "mlp"}, "b": {"arch": "cnn"}}, j).passed
    assert not judge("run_beats", {"a": {"arch": "cnn"}, "b": {"arch": "lstm"}}, j).passed
    # lower is better for the over-fitting gap: L2 narrows it
    gap = [run(l2=0.0, train=1.0, val=0.85), run(l2=1e-3, train=0.93, val=0.90)]
    out = judge("run_beats", {"a": {"l2": {"min": 1e-4}}, "b": {"l2": 0.0}, "metric": "overfit_gap"}, gap)
    assert out.passed and out.values["a"] == pytest.approx(0.03) and out.values["b"] == pytest.approx(0.15)


def test_groups_compared_gives_a_verdict_only_with_enough_seeds():
    a = [run(optimizer="adam", acc=v) for v in (0.95, 0.955, 0.96)]
    b = [run(optimizer="sgd", acc=v) for v in (0.90, 0.905, 0.91)]
    params = {"a": {"optimizer": "adam"}, "b": {"optimizer": "sgd"}, "runs": 3, "expect": "a_better"}
    out = judge("groups_compared", params, a + b)
    assert out.passed and out.values["ci_low"] > 0 and out.values["n_a"] == 3
    assert not judge("groups_compared", params, a + b[:2]).passed
    assert not judge("groups_compared", {**params, "expect": "a_better"}, b + [run(optimizer="adam", acc=v)
                                                                                for v in (0.89, 0.9, 0.91)]).passed


def bn_fact(activation="tanh", steps=250, diverged=None):
    layer = {"saturated": 0.9, "zero": 0.0}
    summary = {"without_bn": {"layers": [layer] * 7, "diverged_at": diverged, "costs": [[0, 40.0], [250, 30.0]]},
               "with_bn": {"layers": [{"saturated": 0.05, "zero": 0}] * 7, "diverged_at": None,
                           "costs": [[0, 40.0], [250, 3.0]]}}
    return F.LabFact("bn", "finished", steps, {"activation": activation}, summary)


def test_lab_checks_pass_and_fail():
    out = judge("bn_lab", {"activation": "tanh", "min_steps": 200, "layer": 3}, [bn_fact()])
    assert out.passed and out.values["off"] == 0.9 and out.values["on"] == 0.05 and out.values["cost_on"] == 3.0
    assert not judge("bn_lab", {"min_steps": 200}, [bn_fact(steps=60)]).passed
    assert not judge("bn_lab", {"activation": "relu"}, [bn_fact()]).passed
    runs = [{"optimizer": "sgd", "end": [3.9, 4.3, 0.98]}, {"optimizer": "momentum", "end": [-1.1, 2.4, 0.002]}]
    descent = F.LabFact("descent", "finished", 400, {}, {"start": [4.0, 2.0], "runs": runs})
    out = judge("descent_escape", {}, [descent])
    assert out.passed and out.values["stuck"] == 0.98 and out.values["start_a"] == 4.0
    both_stuck = F.LabFact("descent", "finished", 400, {}, {"start": [5, 1], "runs": [runs[0], {**runs[0],
                                                                                               "optimizer": "adam"}]})
    assert not judge("descent_escape", {}, [both_stuck]).passed
    fit = F.LabFact("fit", "finished", 2000, {"hidden": 10, "activation": "tanh"}, {"final_loss": 0.004})
    assert judge("curve_fit", {"max_loss": 0.01}, [fit]).passed
    assert not judge("curve_fit", {"max_loss": 0.001}, [fit]).passed
    assert not judge("curve_fit", {"hidden": 3}, [fit]).passed
    sync = F.LabFact("parallel", "finished", 100, {}, {"mode": "sync", "final_loss": 0.5, "seconds": 9.0})
    both = F.LabFact("parallel", "finished", 100, {}, {"sync": {"final_loss": 0.5, "seconds": 9.0},
                                                       "async": {"final_loss": 0.6, "seconds": 5.0}})
    assert not judge("parallel_modes", {}, [sync]).passed
    out = judge("parallel_modes", {}, [both])
    assert out.passed and out.values["async_s"] == 5.0


def test_hands_inside_checks_pass_and_fail():
    drawn = F.DrawingFact(3, 0.6, units_off=4, unedited_prediction=7)
    assert judge("units_off_changes", {"digit": 7}, [drawn]).passed
    assert not judge("units_off_changes", {"digit": 7}, [F.DrawingFact(7, 0.9, 4, 7)]).passed
    assert judge("answer_matches", {}, [drawn, F.AnswerFact(4)]).passed
    assert not judge("answer_matches", {}, [drawn, F.AnswerFact(5)]).passed
    assert not judge("answer_matches", {}, [drawn]).passed
    assert judge("threshold_set", {}, [F.ThresholdFact(0.9, 0.8, 0.99, 0.95)]).passed
    assert not judge("threshold_set", {}, [F.ThresholdFact(0.0, 1.0, 0.95, 0.95)]).passed
    assert judge("step_taken", {}, [F.StepFact(0.1, 2.0, 1.5)]).passed
    assert not judge("step_taken", {}, [F.StepFact(5.0, 2.0, 3.5)]).passed
    assert judge("points_mapped", {"method": "tsne"}, [F.PointsMapFact("tsne", "dense", 500)]).passed
    assert not judge("points_mapped", {"method": "tsne"}, [F.PointsMapFact("pca", "dense", 500)]).passed
    assert judge("fine_tuned", {"min_digits": 10}, [F.FineTuneFact(20, 0.5, 0.9, 0.97, 0.96)]).passed
    assert not judge("fine_tuned", {"min_digits": 30}, [F.FineTuneFact(20, 0.5, 0.9, 0.97, 0.96)]).passed
    saved, opened = F.ModelFileFact("saved", "/m.tdm", 0.91), F.ModelFileFact("opened", "/m.tdm")
    assert judge("saved_and_restored", {}, [saved, opened, F.EvaluationFact(0.91)]).passed
    assert not judge("saved_and_restored", {}, [saved, opened, F.EvaluationFact(0.5)]).passed
    assert not judge("saved_and_restored", {}, [saved, F.EvaluationFact(0.91)]).passed
    out = judge("evaluated", {"at_least": 0.9}, [F.EvaluationFact(0.95, (0.99, 0.8, -1.0))])
    assert out.passed and out.values["worst_digit"] == 1
    assert not judge("evaluated", {"at_least": 0.99}, [F.EvaluationFact(0.95)]).passed


def test_every_check_declares_its_parameters():
    check_params_types()
    for c in CHECKS.values():
        assert c.help and c.values
        c.parameters({})        # the defaults make a valid check


MINIMAL = {"format": "tensordesk-mission", "id": "test-mission", "seeds": ["002"], "title": {"en": "T", "zh_CN": "题"},
           "summary": {"en": "S", "zh_CN": "概"},
           "steps": [{"id": "a", "text": {"en": "Do it.", "zh_CN": "做。"},
                      "predict": {"question": {"en": "Q?", "zh_CN": "问？"},
                                  "choices": [{"en": "x", "zh_CN": "甲"}, {"en": "y", "zh_CN": "乙"}], "answer": 1},
                      "check": {"name": "run", "params": {"where": {"arch": "cnn"}, "at_least": 0.5}},
                      "hint": {"en": "Train a CNN.", "zh_CN": "训练 CNN。"},
                      "why": {"en": "It got {value:.1%}.", "zh_CN": "它达到 {value:.1%}。"},
                      "solution": [{"do": "train", "settings": {"arch": "cnn"}, "train_limit": 500}],
                      "wrong": [{"do": "train", "settings": {"arch": "mlp"}, "train_limit": 500}]}]}


def broken(edit):
    data = copy.deepcopy(MINIMAL)
    edit(data)
    return data


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(id="My Mission"), "m.json: id: 'My Mission' is not a name of 2 to 41 lower-case letters"),
    (lambda d: d["seeds"].append("7"), "m.json: seeds[1]: '7' is not a seed tutorial's number, 000 to 004."),
    (lambda d: d.pop("title"), "m.json: the file: 'title' is missing."),
    (lambda d: d["title"].pop("zh_CN"), "m.json: title: 'zh_CN' is missing."),
    (lambda d: d.update(format="preset"), "m.json: format: must be 'tensordesk-mission'"),
    (lambda d: d["steps"][0]["check"].update(name="magic"), "m.json: steps[0].check.name: 'magic' is not one of"),
    (lambda d: d["steps"][0]["check"]["params"].update(at_least="high"),
     "m.json: steps[0].check.params.at_least: at least must be a number"),
    (lambda d: d["steps"][0]["check"]["params"].update(colour=1),
     "m.json: steps[0].check.params.colour: run takes no such parameter"),
    (lambda d: d["steps"][0]["check"]["params"].update(where={"wings": 2}),
     "m.json: steps[0].check.params.where: 'wings' is not a run setting"),
    (lambda d: d["steps"][0]["why"].update(en="It got {speed}."),
     "m.json: steps[0].why.en: {speed} is not a number run gives"),
    (lambda d: d["steps"][0]["predict"].update(answer=2), "m.json: steps[0].predict.answer: 2 is not a choice"),
    (lambda d: d["steps"][0].pop("wrong"), "m.json: steps[0]: a step with a check needs a reference"),
    (lambda d: d["steps"][0].pop("hint"), "m.json: steps[0]: a step with a check needs a \"hint\"."),
    (lambda d: d["steps"].append(copy.deepcopy(d["steps"][0])), "m.json: steps[1].id: 'a' names two steps."),
    (lambda d: d["steps"][0]["solution"].append({"do": "fly"}), "m.json: steps[0].solution[1].do: 'fly' is not one"),
    (lambda d: d["steps"][0]["solution"][0].update(epochs=3), "m.json: steps[0].solution[0]: Additional properties"),
    (lambda d: d["steps"][0]["solution"][0].pop("settings"), "m.json: steps[0].solution[0]: 'settings' is missing."),
])
def test_a_broken_mission_file_is_one_sentence_naming_the_field(tmp_path, edit, message):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(broken(edit)), encoding="utf-8")
    with pytest.raises(MissionError) as info:
        read_mission(path)
    text = str(info.value)
    assert text.startswith(message), text
    assert "\n" not in text


def test_unreadable_files_are_one_sentence(tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{\"id\": ", encoding="utf-8")
    with pytest.raises(MissionError, match=r"^m\.json: not valid JSON \(line 1"):
        read_mission(path)
    with pytest.raises(MissionError, match=r"^gone\.json: cannot be read"):
        read_mission(tmp_path / "gone.json")


def test_a_good_file_loads_and_fills_its_why(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    m = read_mission(path)
    assert m.checks == ["run"] and m.steps[0].predict.answer == 1
    assert fill(m.steps[0].why["en"], {"value": 0.9712}) == "It got 97.1%."
    assert fill(m.steps[0].why["en"], {"value": math.nan}) == "It got ?."


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_shipped_missions_cover_every_seed_in_both_languages():
    missions = shipped_missions()
    assert len({m.id for m in missions}) == len(missions)
    assert {s for m in missions for s in m.seeds} >= {"000", "001", "002", "003", "004"}

    def texts(m):
        yield m.title
        yield m.summary
        for s in m.steps:
            yield from (t for t in (s.text, s.ask_number, s.hint, s.why) if t)
            if s.predict:
                yield s.predict.question
                yield from s.predict.choices
    for m in missions:
        for t in texts(m):
            assert t["en"].strip() and CJK.search(t["zh_CN"]), (m.id, t)
            # the same numbers in both languages
            assert sorted(re.findall(r"\{[^}]*\}", t["en"])) == sorted(re.findall(r"\{[^}]*\}", t["zh_CN"])), \
                (m.id, t)


def test_progress_survives_a_restart_and_a_damaged_file_starts_afresh(tmp_path):
    from tensordesk.engine.missions.progress import MissionPlay, ProgressStore
    path = tmp_path / "m.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    mission = read_mission(path)
    store = ProgressStore(tmp_path)
    play = MissionPlay(mission, store.of("test-mission"))
    assert play.needs_prediction and play.evaluate().passed is False
    play.journal.add(run(arch="cnn", acc=0.9))       # before the prediction: it does not count for the step
    play.predict(1)
    play.begin_step()
    assert not play.evaluate().passed
    play.journal.add(run(arch="cnn", acc=0.9))
    assert play.evaluate().passed and play.finished
    store.save()
    again = ProgressStore(tmp_path).of("test-mission")
    assert again.passed == ["a"] and again.predictions == {"a": 1}
    (tmp_path / "missions.json").write_text("{ not json", encoding="utf-8")
    fresh = ProgressStore(tmp_path)
    assert fresh.error and "starts afresh" in fresh.error and fresh.of("test-mission").passed == []
