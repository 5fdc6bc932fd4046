# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel

SEED = 0  # the first points and the Monte-Carlo check
LENGTH_SCALE, SIGNAL_VAR, NOISE_VAR = 0.1, 1.0, 1e-6  # the GP, fixed
N_INITIAL, N_STEPS = 3, 6  # random first points, then steps chosen by EI
XI = 0.01  # how much improvement EI asks for (exploration)
MC_SAMPLES = 200_000
for name in ("SEED LENGTH_SCALE SIGNAL_VAR NOISE_VAR N_INITIAL N_STEPS XI "
             "MC_SAMPLES").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% A 1-D problem with a decoy: a low wide bump and a high narrow one
def f(x):
    return (torch.exp(-(x - 0.75) ** 2 / 0.01)
            + 0.6 * torch.exp(-(x - 0.25) ** 2 / 0.02))
xs = torch.linspace(0, 1, 201, dtype=torch.float64)  # EI's candidates
print(f"true maximum: {f(xs).max():.3f} at x = {xs[f(xs).argmax()]:.3f}")
# %% The Gaussian-process posterior, from scratch
def kernel(a, b):  # RBF: SIGNAL_VAR * exp(-(a - b)^2 / (2 LENGTH_SCALE^2))
    return SIGNAL_VAR * torch.exp(-(a[:, None] - b[None, :]) ** 2
                                  / (2 * LENGTH_SCALE ** 2))
def posterior(X, y, x):  # mean and standard deviation at x, given (X, y)
    K = kernel(X, X) + NOISE_VAR * torch.eye(len(X), dtype=X.dtype)
    L = torch.linalg.cholesky(K)
    alpha = torch.cholesky_solve(y[:, None], L)[:, 0]  # K^-1 y
    v = torch.linalg.solve_triangular(L, kernel(X, x), upper=False)
    var = SIGNAL_VAR - (v ** 2).sum(0)  # prior variance minus what X explains
    return kernel(x, X) @ alpha, var.clamp_min(0).sqrt()
# %% Three random points, and the same posterior from scikit-learn
rng = np.random.default_rng(SEED)
X = torch.tensor(rng.uniform(0, 1, N_INITIAL))
mean, std = posterior(X, f(X), xs)
sk = GaussianProcessRegressor(ConstantKernel(SIGNAL_VAR, "fixed")
                              * RBF(LENGTH_SCALE, "fixed"),
                              alpha=NOISE_VAR, optimizer=None)
sk_mean, sk_std = sk.fit(X[:, None], f(X)).predict(xs[:, None],
                                                    return_std=True)
print(f"vs scikit-learn, max abs difference: mean "
      f"{np.abs(mean.numpy() - sk_mean).max():.1e}, "
      f"std {np.abs(std.numpy() - sk_std).max():.1e}")
# %% Expected improvement, checked by Monte Carlo
def expected_improvement(mean, std, best):  # for maximising
    gain = mean - best - XI
    z = gain / std.clamp_min(1e-12)
    pdf = torch.exp(-z ** 2 / 2) / (2 * torch.pi) ** 0.5
    cdf = 0.5 * (1 + torch.special.erf(z / 2 ** 0.5))
    return (gain * cdf + std * pdf).clamp_min(0)
ei = expected_improvement(mean, std, f(X).max())
eps = torch.tensor(rng.standard_normal((MC_SAMPLES, 1)))  # shared draws
samples = mean[::20] + std[::20] * eps  # f at 11 points, from the posterior
gains = (samples - f(X).max() - XI).clamp_min(0)  # improvement, or 0
mc = gains.mean(0)
se = gains.std(0) / MC_SAMPLES ** 0.5
diff = (ei[::20] - mc).abs()
print(f"EI vs Monte Carlo, 11 points: max abs difference "
      f"{diff.max():.1e} ({(diff / se).max():.1f} SE)")
# %% Bayesian optimisation: fit, maximise EI, evaluate, repeat
for step in range(1, N_STEPS + 1):
    y = f(X)
    mean, std = posterior(X, y, xs)
    ei = expected_improvement(mean, std, y.max())
    i = ei.argmax()  # the next point; its mean and sd say why
    x_next = xs[i]
    print(f"step {step}: best {y.max():.3f}; x {x_next:.3f}: EI {ei[i]:.4f}, "
          f"mean {mean[i]:.3f}, sd {std[i]:.3f}, f {f(x_next):.3f}")
    X = torch.cat([X, x_next[None]])
print(f"after {len(X)} evaluations: best {f(X).max():.3f} "
      f"at x = {X[f(X).argmax()]:.3f}")
# %% The posterior and EI at the last step, before its evaluation
fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 4.5), sharex=True)
top.plot(xs, f(xs), "k--", label="f (unknown to the search)")
top.plot(xs, mean, label="posterior mean")
top.fill_between(xs, mean - 2 * std, mean + 2 * std, alpha=0.3, label="± 2 sd")
top.plot(X[:-1], f(X[:-1]), "o", color="tab:red", label="evaluated")
top.legend(fontsize=7)
bottom.plot(xs, ei, color="tab:green")
bottom.set(xlabel="x", ylabel="EI")
top.set_title(f"GP posterior and expected improvement at step {N_STEPS}")
plt.show()
