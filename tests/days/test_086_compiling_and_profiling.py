"""Day 86 claims: tf.function, tf.function(jit_compile=True) and torch.compile give the eager outputs within the
stated tolerance (1e-5); the speed-ups and first-call costs are this machine's and only positive; the profilers'
traces are read back (TensorFlow's .xplane.pb file, PyTorch's key_averages) into tables of the top operations with
deterministic call counts (3 layers x 20 passes), TensorFlow's graph fusing matmul, bias and ReLU into one op per
layer, PyTorch's eager forward running addmm (which calls copy_) and relu (which calls clamp_min); new shapes
retrace every time in TensorFlow by default and twice with reduce_retracing, recompile twice in PyTorch by default
(automatic dynamic shapes) and every time with dynamic=False; Python floats retrace/recompile, tensors do not;
a Python branch on a tensor value becomes a tf.cond in TensorFlow and a graph break in PyTorch; a Python list append
runs once per trace in tf.function and at every call in torch.compile, where it recompiles on guards over the list."""
import pytest

from verified.testing import assert_parity, line, numbers, value

DAY = "086_compiling_and_profiling"
FRAMEWORKS = [pytest.param("tf", marks=pytest.mark.tf), pytest.param("torch", marks=pytest.mark.torch)]


def _out(run, what, fw):
    return run(f"{DAY}/{what}_{fw}.py").stdout


SETTINGS = ("data seed", "seed", "n", "features", "hidden", "classes", "repeats", "rounds", "share", "tolerance")


def _settings(out):
    return "\n".join(l for l in out.splitlines() if l.split(":")[0] in SETTINGS)


def test_settings_agree(run):
    for what in ("compile", "retracing", "profile"):
        tf, torch = _out(run, what, "tf"), _out(run, what, "torch")
        assert len(_settings(tf).splitlines()) >= 6
        assert_parity(_settings(tf), _settings(torch))


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_compiled_equals_eager(run, fw):
    out = _out(run, "compile", fw)
    tolerance = value(out, "tolerance:")
    assert tolerance == 1e-5
    compilers = ("tf.function", "jit_compile=True") if fw == "tf" else ("compiled",)
    for name in compilers:
        diff = value(out, f"{name} vs eager, max |difference|:")
        assert 0 < diff <= tolerance  # not bitwise equal: the arithmetic changed, within rounding
    assert out.count("within tolerance: True") == len(compilers)
    assert "within tolerance: False" not in out
    assert 0.1 < value(out, "largest |output|:") < 10  # the tolerance is relative to outputs of order 1


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_what_the_compiler_made(run, fw):
    out = _out(run, "compile", fw)
    if fw == "tf":  # XLA: three matrix products, each followed by one fusion (bias, and GELU in the hidden layers)
        assert line(out, "steps:") == "dot, fusion, dot, fusion, dot, fusion"
        assert line(out, "operations fused:") == "['add', 'broadcast', 'constant', 'multiply', 'tanh']"
    else:  # Inductor: library addmm, and one generated C++ kernel for GELU's elementwise chain, called twice
        assert line(out, "steps:") == "addmm, fused, addmm, fused, addmm"
        assert line(out, "kernels written:") == "['cpp_fused_add_mul_pow_tanh_0']"


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_timings_are_positive(run, fw):
    out = _out(run, "compile", fw)
    firsts = [numbers(l)[-1] for l in out.splitlines() if l.startswith("this machine, first")]
    speedups = [numbers(l)[-1] for l in out.splitlines() if l.startswith("this machine, speed-up")]
    assert len(firsts) == len(speedups) == (2 if fw == "tf" else 1)
    assert all(t >= 0 for t in firsts)  # printed to 0.1 s: a fast trace rounds to 0.0
    assert all(t > 0 for t in speedups)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_profile_table(run, fw):
    result = run(f"{DAY}/profile_{fw}.py")
    out = result.stdout
    table = out.split("share\n")[1].splitlines()
    rows = {l.split()[0]: numbers(l) for l in table}
    assert len(rows) >= 3  # which operations pass the 2% bar is this machine's timing; these three always ran
    if fw == "tf":
        assert line(out, "trace file:") == "('plugins', 'profile') ['.xplane', '.pb']"
        # no MatMul, BiasAdd, Relu: one fused op, named by the kernels in use: _FusedMatMul (TensorFlow's own, on a
        # CPU without oneDNN's default, such as AVX2-only), _MklNativeFusedMatMul (oneDNN, on newer Intel CPUs)
        types = line(out, "their types:")
        fused_op = {"['ReadVariableOp', '_FusedMatMul']": "_FusedMatMul",
                    "['ReadVariableOp', '_MklNativeFusedMatMul']": "_MklNativeFusedMatMul"}.get(types)
        assert fused_op, types
        assert value(out, "operations recorded:") == 9  # 3 fused products, 6 variable reads (kernel, bias per layer)
        fused = [f"hidden1_1/Relu:{fused_op}", f"hidden2_1/Relu:{fused_op}",
                 f"output_1/BiasAdd:{fused_op}"]  # one fused op per layer: no separate bias or ReLU op
        assert set(fused) <= set(rows) and all(rows[k][-3] == 20 for k in fused)  # one call per pass
    else:
        assert value(out, "calls of aten::addmm:") == 60  # 3 layers x 20 passes
        assert {"aten::addmm", "aten::clamp_min", "aten::copy_"} <= set(rows)
        assert rows["aten::addmm"][-3] == 60 and rows["aten::copy_"][-3] == 60
        assert rows["aten::clamp_min"][-3] == 40  # 2 ReLUs x 20 passes
        assert line(out, "aten::copy_ is called inside:") == "['aten::addmm']"
        assert line(out, "aten::clamp_min is called inside:") == "['aten::relu']"
    shares = [r[-1] for r in rows.values()]
    assert all(s > 0 for s in shares) and sum(shares) <= 100.5  # shares of one total (timings: positive only)
    assert value(out, "share:") == 0.02
    assert len(result.figures) == 1


def test_retracing(run):
    tf, torch = _out(run, "retracing", "tf"), _out(run, "retracing", "torch")
    assert line(tf, "new shapes, default: traces so far") == "[1, 2, 3]"
    assert line(tf, "new shapes, reduce_retracing=True: traces so far") == "[1, 2, 2]"
    assert line(torch, "new shapes, default: compilations so far") == "[1, 2, 2]"
    assert line(torch, "new shapes, dynamic=False: compilations so far") == "[1, 2, 3]"
    assert line(tf, "scale as Python floats: traces so far") == "[1, 2, 3]"
    assert line(tf, "scale as tensors: traces so far") == "[1, 1, 1]"
    assert line(torch, "scale as Python floats: compilations so far") == "[1, 2, 2]"
    assert line(torch, "scale as tensors: compilations so far") == "[1, 1, 1]"
    assert value(tf, "retracing warnings so far:") == 1  # 5 traces of one Python function, two tf.functions
    assert value(tf, "retracing warnings logged by TensorFlow:") == 2  # TensorFlow's cap per Python function
    assert line(tf, "the first:").startswith("5 out of the last 5 calls")
    assert line(tf, "the first:").endswith("triggered tf.function retracing.")
    assert line(tf, "graphs:") == "1, cond ops in it: 1"
    assert line(torch, "graphs:") == "2 graph breaks: 1"
    assert line(torch, "at line:").startswith("if y.sum() > 0:")
    # Python side effects: once per trace in tf.function; every call in torch.compile (and a recompile each time)
    assert line(tf, "3 calls: list appends") == "1"
    assert line(torch, "3 calls: list appends") == "3 compilations 3"
    assert line(torch, "failed guards:") == "not G['appended'], len(G['appended']) == 1"  # Dynamo guards on the list
