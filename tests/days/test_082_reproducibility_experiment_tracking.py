"""Day 82 claims: in both frameworks the same seed gives bitwise-identical weights and losses and another seed
does not; one seeding call covers initial weights, dropout masks and shuffling, Keras's also NumPy's global
generator, PyTorch's not, and neither a new NumPy Generator; on this CPU the determinism switch leaves the
weights unchanged; TensorFlow's switch needs seeds and has no public off switch, PyTorch's raises for put_ with
repeated indices, fills uninitialised memory with NaN and can be switched off; the losses read back from the
TensorBoard event files equal the loop's, and the two runs' configs differ only in the learning rate."""
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
    assert line(out, "dropout mask repeats:").endswith("True")
    assert line(out, "shuffled order repeats:").endswith("True")
    assert line(out, "np.random.rand repeats:").endswith("True" if fw == "tf" else "False")
    assert line(out, "np.random.default_rng() repeats:").endswith("False")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_switch_on_cpu(run, fw):
    result = _out(run, "seeds", fw)
    out = result.stdout
    assert line(out, "switch on, same weights as off:").endswith("True")
    off, on = numbers(line(out, "this machine, one run:"))
    assert off > 0 and on > 0
    if fw == "tf":
        assert line(out, "public switches:").endswith("['enable_op_determinism']")
        assert line(out, "unseeded random op:").endswith("RuntimeError")
        assert "Random ops require a seed" in out
    else:
        assert line(out, "uninitialised memory is filled with:").endswith("[nan, nan]")
        assert line(out, "put_ with repeated indices:").endswith("RuntimeError")
        assert "does not have a deterministic implementation" in out
        assert line(out, "switched off again:").endswith("False")


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_event_files_read_back(run, fw):
    result = _out(run, "tracking", fw)
    out = result.stdout
    assert "'config.json', 'events.out.tfevents'" in line(out, "files in one run:")
    got, steps = numbers(line(out, "events read with the default size guidance:"))
    assert steps == value(out, "steps:") == 50
    assert got == (10 if fw == "tf" else 50)  # TF's scalars are tensor events: 10 kept by default
    finals = {}
    for lr in ("0.01", "0.1"):
        row = line(out, f"lr {lr}: final loss from the file")
        final, n = numbers(row)[:2]
        assert n == 50 and row.endswith("equal to the loop's: True")
        finals[lr] = final
    assert finals["0.1"] < finals["0.01"] / 10  # the larger rate ends far lower within 50 steps
    assert line(out, "keys that differ:") == "{'learning_rate': (0.01, 0.1)}"
    assert len(result.figures) == 1


def test_twins_agree_on_the_fast_run(run):
    tf, torch = (_out(run, "tracking", fw).stdout for fw in ("tf", "torch"))
    assert value(tf, "lr 0.1: final loss from the file") == pytest.approx(
        value(torch, "lr 0.1: final loss from the file"), abs=2e-4)
