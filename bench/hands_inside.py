"""How fast the Neurons page's edits and measurements are, per architecture: applying an edit (the copy's weights
rebuilt from the originals), the test accuracy on the 2,000 embedded test digits (the background job), and the
points map (PCA, t-SNE) of those digits. Prints seconds; compare architectures within one run.

    python bench/hands_inside.py
"""
import time


def main():
    from tensordesk.engine.data.datasets import load_embedded
    from tensordesk.engine.inspection.points_map import map_layers, points_map
    from tensordesk.engine.inspection.surgery import Edit, EditedNetwork, accuracy_of, copy_model
    from tensordesk.engine.models.architectures import build_model, default_spec
    d = load_embedded()
    print(f"{'model':<12} {'params':>10} {'edit (s)':>9} {'accuracy (s)':>13} {'PCA (s)':>8} {'t-SNE (s)':>10}")
    for arch in ("softmax", "mlp", "dnn", "cnn-compact", "cnn"):
        model = build_model(default_spec(arch), seed=0)
        edited = EditedNetwork(model)
        evaluator = copy_model(model)
        accuracy_of(evaluator, edited.weights(), d.x_test[:10], d.y_test[:10])   # traced once, as the job is
        t = time.perf_counter()
        edited.apply(Edit("prune", "", -1, 50))
        edit = time.perf_counter() - t
        t = time.perf_counter()
        accuracy_of(evaluator, edited.weights(), d.x_test, d.y_test)
        acc = time.perf_counter() - t
        layer = map_layers(model)[-2]
        t = time.perf_counter()
        points_map(model, d.x_test, d.y_test, layer, "pca")
        pca = time.perf_counter() - t
        t = time.perf_counter()
        points_map(model, d.x_test, d.y_test, layer, "tsne")
        tsne = time.perf_counter() - t
        print(f"{arch:<12} {model.count_params():>10,} {edit:>9.3f} {acc:>13.3f} {pca:>8.2f} {tsne:>10.2f}")


if __name__ == "__main__":
    main()
