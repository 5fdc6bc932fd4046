"""Day 85 claims: two worker processes (torchrun + gloo + DDP + DistributedSampler; MultiWorkerMirroredStrategy
with TF_CONFIG) really form one group of two, each takes every step on its 32 rows of the 64, end with
bitwise-equal weights, and agree with one worker trained on
the combined batch within the stated tolerance, while rank 0's half alone (no all-reduce) ends far outside it;
the twins use the same settings."""
import re

import pytest

from verified.testing import line, numbers, value

TOLERANCE = 1e-6  # two workers vs one worker, max abs weight difference: stated on the page
FAR = 1e-2  # the control without all-reduce must end at least this far away (over 10,000 tolerances)
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, fw):
    return run(f"085_data_parallel_training/ddp_{fw}.py").stdout


def test_same_settings(run):
    settings = lambda out: "\n".join(out.splitlines()[:9])  # the label: value lines
    tf, torch = _out(run, "tf"), _out(run, "torch")
    assert settings(tf) == settings(torch)  # exactly (a parity rule would let 17 hidden units pass for 16)
    assert value(tf, "world size:") == 2 and value(tf, "global batch:") == 64
    assert value(tf, "n:") == 512 and value(tf, "learning rate:") == 0.1 and value(tf, "epochs:") == 3


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_two_workers_in_one_group(run, fw):
    out = _out(run, fw)
    if fw == "torch":  # torchrun gave each rank RANK, LOCAL_RANK and WORLD_SIZE
        assert "--standalone --nproc-per-node=2 --max-restarts=1 worker.py" in out  # one restart if a worker dies
        assert numbers(line(out, "torchrun set RANK LOCAL_RANK WORLD_SIZE:")) == [0, 0, 2, 1, 1, 2]
    else:  # each worker read its task index from TF_CONFIG, and the strategy spans both
        assert len(re.findall(r'"127\.0\.0\.1:\d+"', line(out, "TF_CONFIG cluster:"))) == 2
        assert numbers(line(out, "TF_CONFIG task index, replicas in sync:")) == [0, 2, 1, 2]
    # each rank took the 24 steps of 3 epochs x 512 rows / 64, with 32 rows (its half of 64) in every step
    assert numbers(line(out, "steps, rows per step, rank 0 and 1:")) == [24, 32, 24, 32]
    wall, cpu_all = numbers(line(out, "this machine:"))
    phases = numbers(line(out, "rank 0, CPU time (s): imports, set-up, training:"))
    # timings: only that they were measured, and that rank 0's CPU time is part of all processes' CPU time
    assert wall > 0 and len(phases) == 3 and phases[0] > 0 and min(phases) >= 0 and cpu_all >= sum(phases) - 0.2


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_two_workers_equal_one(run, fw):
    out = _out(run, fw)
    assert line(out, "rank 0 and rank 1 bitwise equal:") == "True"
    diff = value(out, "two workers vs one worker, max abs diff:")
    assert diff < TOLERANCE
    alone = value(out, "rank 0's half alone vs one worker, max abs diff:")
    assert alone > FAR and alone > 1e4 * TOLERANCE  # without the all-reduce: far outside the tolerance
