"""Day 82 claims: in both frameworks the same seed gives bitwise-identical weights and losses and another seed
does not; one seeding call covers initial weights, dropout masks and shuffling (a DataLoader's own order), Keras's
also Python's random and NumPy's global generator, PyTorch's neither, and neither a new NumPy Generator; Keras's
layers draw their seeds from Python's random, PyTorch's from torch's generator; on this CPU the determinism switch
leaves the weights unchanged; TensorFlow's switch needs a global or op seed and has no public off switch,
PyTorch's raises for put_ without accumulate (repeated or distinct indices), runs put_ with accumulate=True, fills
uninitialised memory with NaN (int64: its largest value) and can be switched off; the losses read back from the
TensorBoard event files equal the loop's, EventAccumulator's default keeps 10 of TF's tensor events and all of
PyTorch's scalar events, the fast run reaches the least-squares floor, the frameworks start from different
losses, and the two runs' configs differ only in the learning rate."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"082_reproducibility_experiment_tracking/{what}_{fw}.py")


def test_settings_agree(run):
    for what in ("seeds", "tracking"):
        tf, torch = (_out(run, what, fw).stdout for fw in ("tf", "torch"))
        keep = lambda out: "\n".join(l for l in out.splitlines() if re.match(r"^[a-z ]+: [\d(]", l)
                                     and not l.startswith("events read"))
        assert len(keep(tf).splitlines()) >= 6
        assert_parity(keep(tf), keep(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_seeds_repeat_and_differ(run, fw):
    out = _out(run, "seeds", fw).stdout
    assert line(out, "same seed, weights bitwise equal:").endswith("True")
    assert line(out, "same seed, losses bitwise equal:").endswith("True")
    other = line(out, "other seed, weights equal:")
    assert "False" in other and numbers(other)[-1] > 0.1
    assert numbers(line(out, "losses per epoch, seed 0:")) != numbers(line(out, "losses per epoch, seed 1:"))
    loss0 = numbers(line(out, "losses per epoch, seed 0:"))
    assert len(loss0) == 3 and loss0[0] > loss0[1] > loss0[2]  # the loss falls each epoch
    assert line(out, "dropout mask repeats:") == "True"
    assert line(out, "shuffled order repeats:") == "True"
    assert line(out, "random.random repeats:") == ("True" if fw == "tf" else "False")
    assert line(out, "np.random.rand repeats:") == ("True" if fw == "tf" else "False")
    assert line(out, "np.random.default_rng() repeats:") == "False"
    # which generator the layers draw from: Python's random for Keras 3, torch's own for PyTorch
    assert line(out, "dropout mask repeats after random.seed alone:") == ("True" if fw == "tf" else "False")
    own = "tf.random.set_seed" if fw == "tf" else "torch.manual_seed"
    assert line(out, f"dropout mask repeats after {own} alone:") == ("False" if fw == "tf" else "True")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_switch_on_cpu(run, fw):
    result = _out(run, "seeds", fw)
    out = result.stdout
    assert line(out, "switch on, same weights as off:").endswith("True")
    off, on = numbers(line(out, "this machine, one run:"))
    assert off > 0 and on > 0
    if fw == "tf":
        assert line(out, "public switches:").endswith("['enable_op_determinism']")
        assert line(out, "unseeded random op:") == "RuntimeError"
        assert "Random ops require a seed to be set when determinism is enabled" in out
        assert line(out, "random op with its own seed, no global seed:") == "ran"
    else:
        assert line(out, "uninitialised float32 memory is filled with:") == "[nan, nan]"
        assert line(out, "uninitialised int64 memory is filled with:") == f"[{2 ** 63 - 1}]"
        for index in ("[0, 0]", "[0, 1]"):  # not about repeated indices: put_ without accumulate always raises
            assert line(out, f"put_ at {index}:") == (
                "RuntimeError: put_ does not have a deterministic implementation")
        assert line(out, "put_ at [0, 0] with accumulate=True:") == "[2.0, 0.0, 0.0, 0.0]"
        assert line(out, "switched off again:") == "False"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_event_files_read_back(run, fw):
    result = _out(run, "tracking", fw)
    out = result.stdout
    assert "'config.json', 'events.out.tfevents'" in line(out, "files in one run:")
    got, steps = numbers(line(out, "events read with the default size guidance:"))
    assert steps == value(out, "steps:") == 50
    assert got == (10 if fw == "tf" else 50)  # TF's scalars are tensor events: 10 kept by default
    finals, firsts = {}, {}
    for lr in ("0.01", "0.1"):
        row = line(out, f"lr {lr}: file's loss")
        first, final, n = numbers(row)[:3]
        assert n == 50 and row.endswith("equal to the loop's: True")
        finals[lr], firsts[lr] = final, first
    assert firsts["0.01"] == firsts["0.1"] > 10  # one seed: both runs start from the same weights
    assert finals["0.1"] < finals["0.01"] / 10  # the larger rate ends far lower within 50 steps
    floor = value(out, "least-squares floor of the loss:")
    assert floor <= finals["0.1"] <= 1.05 * floor  # the fast run has reached the best linear fit
    assert finals["0.01"] > 100 * floor  # the slow one is far from it
    assert line(out, "keys that differ:") == "{'learning_rate': (0.01, 0.1)}"
    assert len(result.figures) == 1


def test_twins_agree_on_the_fast_run(run):
    tf, torch = (_out(run, "tracking", fw).stdout for fw in ("tf", "torch"))
    first = {name: numbers(line(out, "lr 0.01: file's loss")) for name, out in (("tf", tf), ("torch", torch))}
    fast = {name: numbers(line(out, "lr 0.1: file's loss")) for name, out in (("tf", tf), ("torch", torch))}
    assert abs(first["tf"][0] - first["torch"][0]) > 0.5  # different initial weights, different starting losses
    assert abs(first["tf"][1] - first["torch"][1]) > 0.05  # so the slow runs end apart
    assert fast["tf"][1] == pytest.approx(fast["torch"][1], abs=2e-4)  # the converged runs agree
    assert value(tf, "least-squares floor of the loss:") == value(torch, "least-squares floor of the loss:")
