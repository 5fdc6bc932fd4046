# %% Settings
import gymnasium as gym
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.distributions import Categorical
torch.set_num_threads(1)  # measured: a tiny network, faster on one thread
SEEDS = (0, 1, 2)  # initialisation, sampling and the training episodes
N_ENVS = 16  # episodes per update, stepped together
UPDATES = 20  # policy-gradient updates: 320 training episodes per seed
LEARNING_RATE = 0.01  # Adam
GAMMA = 0.99  # discount of the returns-to-go
HIDDEN = 32  # tanh units in the policy network
EVAL_EPISODES = 20  # greedy evaluation on fresh environment seeds
for name in [name for name in dir() if name.isupper()]:  # alphabetical
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% Roll out a batch of episodes together, acting with a NumPy copy
make = lambda n: gym.make_vec("CartPole-v1", n, "vector_entry_point")
train_envs, eval_envs = make(N_ENVS), make(EVAL_EPISODES)
def numpy_weights(policy):  # kernels as (inputs, outputs), then biases
    return [p.detach().numpy().T.copy() for p in policy.parameters()]
def rollout(w, envs, seed, rng, greedy=False):
    obs, _ = envs.reset(seed=seed)  # CartPole's numpy-vectorised version
    alive = np.ones(envs.num_envs, bool)
    states, actions, masks = [], [], []
    while alive.any():  # one forward pass per step serves every env
        logits = np.tanh(obs @ w[0] + w[1]) @ w[2] + w[3]
        p_right = 1 / (1 + np.exp(logits[:, 0] - logits[:, 1]))
        a = (p_right > 0.5 if greedy else rng.random(len(obs)) < p_right)
        states.append(obs); actions.append(a.astype(np.int64))
        masks.append(alive.astype(np.float32))
        obs, _, done, cut, _ = envs.step(actions[-1])
        alive &= ~(done | cut)  # a finished env restarts: masked out
    return np.array(states), np.array(actions), np.array(masks)  # T x N

# %% Returns-to-go, and the batch mean as the baseline
def returns_to_go(masks):  # reward 1 for every step the pole is up
    g, out = np.zeros(masks.shape[1], np.float32), np.zeros_like(masks)
    for t in reversed(range(len(masks))):
        g = out[t] = masks[t] + GAMMA * g * masks[t]
    return out
def advantages(masks):
    g = returns_to_go(masks)
    valid = masks > 0  # baseline: the batch mean; then scale to unit std
    return (g - g[valid].mean()) / (g[valid].std() + 1e-8)

# %% The REINFORCE update: one step on the advantage-weighted log-probs
def make_update(policy, adam):
    def step(states, actions, masks, adv):
        logits = policy(torch.as_tensor(states))  # T x N x 2
        logp = Categorical(logits=logits).log_prob(torch.as_tensor(actions))
        loss = -(logp * torch.as_tensor(adv) * torch.as_tensor(masks)).sum()
        adam.zero_grad(); (loss / N_ENVS).backward(); adam.step()
    return lambda states, actions, masks: step(states, actions, masks,
                                               advantages(masks))

# %% Train each seed, then evaluate the greedy policy on fresh seeds
curves, evals = [], []
for seed in SEEDS:
    torch.manual_seed(seed); rng = np.random.default_rng(seed)
    policy = nn.Sequential(nn.Linear(4, HIDDEN), nn.Tanh(),
                           nn.Linear(HIDDEN, 2))
    update = make_update(policy, torch.optim.Adam(policy.parameters(),
                                                  LEARNING_RATE))
    curve = []
    for u in range(UPDATES):
        w = numpy_weights(policy)  # the current policy, copied once
        batch = rollout(w, train_envs, seed * 1000 + u, rng)
        curve.append(batch[2].sum(0).mean())  # mean return of the batch
        update(*batch)
    test = rollout(numpy_weights(policy), eval_envs, 10**6 + seed, rng,
                   greedy=True)[2].sum(0)
    curves.append(curve); evals.append(test)
    print(f"seed {seed}: updates 1-5 {np.mean(curve[:5]):.1f}, 16-20 "
          f"{np.mean(curve[-5:]):.1f}; greedy eval {test.mean():.1f} "
          f"(min {test.min():.0f})")
print(f"mean greedy eval: {np.mean(evals):.1f}")

# %% Learning curves
fig, ax = plt.subplots(figsize=(6, 3.5))
for seed, curve in zip(SEEDS, curves):
    ax.plot(np.arange(1, UPDATES + 1) * N_ENVS, curve, label=f"seed {seed}")
ax.axhline(475, color="gray", ls="--", label="475: solved (v1)")
ax.set(xlabel="training episodes", ylabel="mean return of the batch",
       title="REINFORCE with a baseline on CartPole-v1 (PyTorch)")
ax.legend(); plt.show()

# %% Check: the NumPy copy computes the network's logits
w, x = numpy_weights(policy), batch[0].reshape(-1, 4)  # last seed, batch
gap = np.abs(np.tanh(x @ w[0] + w[1]) @ w[2] + w[3]
             - policy(torch.as_tensor(x)).detach().numpy()).max()
assert gap < 1e-5, gap  # float32 rounding only
print(f"NumPy copy vs network, {len(x)} states: logits agree to 1e-5")
