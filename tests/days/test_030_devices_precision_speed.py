"""Day 30 claims: where tensors live and how they move; what bfloat16 and float16 can hold; autocast and
mixed-precision dtypes, including which other operations stay in 16 bits (they differ from the usual
'sums, softmax and the loss in float32' rule); the precision lost in bfloat16, measured (of the order of 10^4
times float32's: 9986 in both twins on the machine the day was written on, 14218 and 13770 on the AMD EPYC CI
machine, so the checks below hold on both); TensorFloat-32 defaults. GPU-only checks run in the
GPU job."""
import re

import pytest

from verified.testing import assert_parity, line, numbers, value

DEVICES = ("030_devices_precision_speed/devices_tf.py", "030_devices_precision_speed/devices_torch.py")
PRECISION = ("030_devices_precision_speed/precision_tf.py", "030_devices_precision_speed/precision_torch.py")
GPU = ("030_devices_precision_speed/gpu_tf.py", "030_devices_precision_speed/gpu_torch.py")


def test_devices(run):
    tf, torch = (run(s).stdout for s in DEVICES)
    assert_parity(line(tf, "back in NumPy:"), line(torch, "back in NumPy:"))
    assert numbers(line(tf, "back in NumPy:")) == [3.0, 12.0]  # row sums of [[0, 1, 2], [3, 4, 5]]
    assert line(torch, "x lives on:") == "cpu"  # PyTorch creates tensors on the CPU until moved
    assert line(torch, "on the CPU, explicitly:") == "cpu" and line(tf, "on the CPU, explicitly:") == "CPU:0"
    if value(torch, "GPUs visible:") == 0:
        for label in ("x_dev lives on:", "parameters live on:", "output lives on:"):
            assert line(torch, label) == "cpu" and line(tf, label) == "CPU:0"
    else:  # the GPU job: everything moved to the chosen device
        for label in ("x_dev lives on:", "parameters live on:", "output lives on:"):
            assert line(torch, label) == "cuda:0" and line(tf, label) == "GPU:0"


def test_number_formats(run):
    tf, torch = (run(s).stdout for s in PRECISION)
    for label in ("float32:", "bfloat16:", "float16:", "1e-08 in float16:", "float16: largest 65504"):
        assert_parity(line(tf, label), line(torch, label))
    assert line(tf, "70000 in float16:") == line(torch, "70000 in float16:")
    for out in (tf, torch):
        for name, largest, eps, bits in (("float32:", 3.403e38, 2**-23, 23), ("bfloat16:", 3.39e38, 2**-7, 7),
                                         ("float16:", 6.55e4, 2**-10, 10)):
            got_largest, got_eps, two, minus_bits = numbers(line(out, name))
            assert got_largest == pytest.approx(largest, rel=1e-3) and got_eps == pytest.approx(eps, rel=1e-2)
            assert (two, -minus_bits) == (2, bits)
        exact = re.search(r"^float16: largest (\d+), smallest (\S+)$", out, re.M)
        assert exact and tuple(map(float, exact.groups())) == (65504, 6e-08)  # quoted: 65504, 6 x 10^-8
    assert line(tf, "70000 in float16:") == "inf | in bfloat16: 70144.0"  # overflow vs coarse rounding
    found = numbers(line(tf, "1e-08 in float16:"))  # [0.0, 2, 16, rescued value]
    underflow, rescued = found[0], found[-1]
    assert underflow == 0.0 and rescued == pytest.approx(1e-8, rel=1e-2)  # loss scaling rescues it


def test_autocast_dtypes_and_precision_loss(run):
    for snippet in PRECISION:
        out = run(snippet).stdout
        dtypes = re.findall(r"(float32|bfloat16|float16)", line(out, "output dtype:"))
        # float32 layer (in Keras: created before the policy, which is read at
        # creation); bfloat16 compute; float32 weights
        assert dtypes == ["float32", "bfloat16", "float32"]
        # the 16-bit run is Keras's mixed_bfloat16 policy in TensorFlow, torch.autocast in PyTorch
        mode = "under the policy:" if snippet.endswith("_tf.py") else "under autocast:"
        assert mode in line(out, "output dtype:")
        assert line(out, "gradient dtype:") == "float32"
        fp32, bf16 = map(float, re.fullmatch(r"float32 (\S+), bfloat16 (\S+)",
                                             line(out, "relative error against float64:")).groups())
        assert fp32 < 1e-6
        assert 5e-4 < bf16 < 1e-2  # about epsilon(bfloat16) / 2, in relative terms
        ratio = value(out, "bfloat16 error / float32 error:")
        assert abs(ratio - bf16 / fp32) <= 0.05 * ratio  # the printed ratio is the errors' ratio
        assert 5e3 < ratio < 3e4  # quoted: of the order of 10^4, not "more than a thousand"
        # the exact ratio is the processor's, and the page fills it from the output: 9986 in both twins on
        # machine A; 14218 (TensorFlow) and 13770 (PyTorch) on B; 9986 and 13769 on C


# what comes out in which dtype under mixed bfloat16 on the CPU: the same in both frameworks
OTHER_DTYPES = {"sum": "bfloat16", "softmax": "bfloat16", "softmax, asked for float32": "float32",
                "MSE loss": "float32", "cross-entropy loss": "float32"}


@pytest.mark.parametrize("fw", [pytest.param("tf", marks=pytest.mark.tf),
                                pytest.param("torch", marks=pytest.mark.torch)])
def test_what_else_runs_in_16_bits(run, fw):
    out = run(f"030_devices_precision_speed/precision_{fw}.py").stdout
    for op, dtype in OTHER_DTYPES.items():
        assert line(out, f"under mixed bfloat16, {op}:") == dtype, op
    # the MSE got two bfloat16 inputs: its float32 is the framework's rule
    # (Keras losses, autocast's CPU list), not type promotion
    assert line(out, "MSE loss inputs:") == "bfloat16 bfloat16"
    # TensorFloat-32: allowed by default in TensorFlow (one switch for matmuls
    # and convolutions); in PyTorch off for matmuls, on for cuDNN convolutions
    default = line(out, "TensorFloat-32 for float32 matmuls on a GPU, by default:")
    assert default == {"tf": "True", "torch": "False"}[fw]
    conv = line(out, "TensorFloat-32 for float32 convolutions on a GPU, by default:")
    assert conv == "True"


def check_gpu_run(out: str):
    """What both GPU twins print and the page states."""
    cpu_ms, _, speedup = numbers(line(out, "4096 x 4096 matmul:"))
    assert speedup > 2, f"GPU matmul only {speedup}x faster than the CPU"
    value(out, "copying the matrix to the GPU:")  # printed; a timing, so not asserted
    fp16_error = numbers(line(out, "float16"))[-1]
    assert 1e-5 < fp16_error < 1e-2
    assert re.findall(r"float\d+", line(out, "output dtype:")) == ["float16", "float32"]
    assert line(out, "gradient dtype:").startswith("float32")


@pytest.mark.gpu
@pytest.mark.torch
def test_gpu_torch(gpu_run):
    """Run live in a GPU job; elsewhere, checked on the GPU run recorded in gpu-results/ (what the page shows)."""
    torch = gpu_run(GPU[1]).stdout
    check_gpu_run(torch)
    for op in ("sum", "softmax", "MSE loss", "cross-entropy loss"):
        # PyTorch's CUDA autocast list runs these in float32
        assert line(torch, f"under float16 on the GPU, {op}:") == "float32", op
    assert line(torch, "CPU tensor + GPU tensor:").startswith("RuntimeError")
    assert value(torch, "gradient dtype: float32 | loss scale:") == 2.0**16  # GradScaler's initial scale


@pytest.mark.gpu
@pytest.mark.tf
def test_gpu_tf(gpu_run):
    tf = gpu_run(GPU[0]).stdout
    check_gpu_run(tf)
    for op in ("sum", "softmax", "MSE loss", "cross-entropy loss"):
        # a Keras mixed_float16 policy keeps sum and softmax in float16, the losses in float32
        assert line(tf, f"under float16 on the GPU, {op}:") == ("float32" if "loss" in op else "float16"), op
    # no device scope: TensorFlow chose the GPU and copied the CPU operand
    assert line(tf, "CPU tensor + GPU tensor:") == "works, result on GPU:0"
    assert value(tf, "gradient dtype: float32 | loss scale:") == 2.0**15  # LossScaleOptimizer's initial scale


def test_quoted_precision_numbers(run):
    for snippet in PRECISION:
        fp32, bf16 = map(float, re.fullmatch(r"float32 (\S+), bfloat16 (\S+)",
                                             line(run(snippet).stdout, "relative error against float64:")).groups())
        # the page fills both from the output (the digits are the machine's): of the order of 10^-7 and 10^-3
        assert 1e-7 <= fp32 < 1e-6 and 1e-3 <= bf16 < 1e-2
        half_eps = value(run(snippet).stdout, "half the bfloat16 epsilon:")
        assert half_eps == 3.9e-03 and abs(half_eps - 2**-8) < 1e-4
        assert half_eps / 2 < bf16 < 2 * half_eps  # "of the order of epsilon_bf16 / 2 (between half and twice)"
