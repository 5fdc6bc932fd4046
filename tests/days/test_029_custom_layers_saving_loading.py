"""Day 29 claims: custom layers compute what they say; a reloaded checkpoint predicts exactly the same,
and resuming from it continues exactly like the uninterrupted run."""
from verified.testing import assert_parity, line, numbers, value

LAYERS = ("029_custom_layers_saving_loading/layers_tf.py", "029_custom_layers_saving_loading/layers_torch.py")
SAVE = ("029_custom_layers_saving_loading/save_load_tf.py", "029_custom_layers_saving_loading/save_load_torch.py")


def _block(out, label, until):
    return out.split(label, 1)[1].split(until, 1)[0]


def test_custom_layers(run):
    outputs = []
    for snippet in LAYERS:
        out = run(snippet).stdout
        assert numbers(line(out, "centred:")) == [-2.0, -1.0, 0.0, 1.0, 2.0]
        assert value(out, "mean after a") < 1e-6
        assert line(out, "parameters:") == "[('weight', (5, 3)), ('bias', (3,))]"
        mine = _block(out, "MyDense output:", "as ReLU")
        by_hand = out.split("as ReLU(XW + b):", 1)[1]
        assert len(numbers(mine)) == 6
        assert_parity(mine, by_hand, rtol=0, atol=1e-5)  # the layer computes ReLU(XW + b)
        assert 0.0 in numbers(mine) and max(numbers(mine)) > 0  # the ReLU clipped something
        outputs.append(mine)
    assert_parity(*outputs, rtol=0, atol=1e-5)  # same NumPy weights, same output in both frameworks


def test_reloaded_model_predicts_identically(run):
    for snippet in SAVE:
        out = run(snippet).stdout
        assert value(out, "max |difference| in predictions:") == 0.0
        assert value(out, "max |difference| after resuming:") == 0.0
        assert value(out, "loss after resuming:") < value(out, "loss at the checkpoint:")
        assert "MyDense" in line(out, "restored layer types:")


def test_what_the_checkpoints_hold(run):
    keras = line(run(SAVE[0]).stdout, "saved:")
    assert keras.startswith("model.keras holding") and "config.json" in keras and "model.weights.h5" in keras
    torch = line(run(SAVE[1]).stdout, "saved:")
    assert torch == "checkpoint.pt holding ['0.bias', '0.weight', '1.bias', '1.weight'] and the optimizer state"


def test_quoted_numbers(run):
    for snippet in LAYERS:  # "with one entry clipped to 0 by the ReLU"
        assert numbers(_block(run(snippet).stdout, "MyDense output:", "as ReLU")).count(0.0) == 1
    # "from about 3.5 to 1.3 in Keras, 3.7 to 1.7 in PyTorch"
    for snippet, (before, after) in zip(SAVE, ((3.5, 1.3), (3.7, 1.7))):
        out = run(snippet).stdout
        assert abs(value(out, "loss at the checkpoint:") - before) < 0.05
        assert abs(value(out, "loss after resuming:") - after) < 0.05
    assert line(run(SAVE[0]).stdout, "saved:") == "model.keras holding ['config.json', 'metadata.json', 'model.weights.h5']"
