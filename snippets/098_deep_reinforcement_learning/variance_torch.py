# %% Settings
import gymnasium as gym
import numpy as np
import torch
from torch import nn
from torch.distributions import Categorical
torch.set_num_threads(1)  # measured: a tiny network, faster on one thread
SEEDS = (0, 1, 2)  # initialisation, sampling and the episodes
RANDOM_EPISODES = 100  # the uniformly random policy: the return to beat
N_ENVS = 16  # episodes per gradient estimate
ESTIMATES = 40  # independent gradient estimates per seed
BASELINE_EPISODES = 64  # separate episodes that estimate the baseline b
GAMMA = 0.99  # discount of the returns-to-go
HIDDEN = 32  # tanh units in the (untrained) policy network
for name in [name for name in dir() if name.isupper()]:  # alphabetical
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The same rollout and returns-to-go as in the training snippet
def rollout(w, envs, seed, rng):
    obs, _ = envs.reset(seed=seed)
    alive = np.ones(envs.num_envs, bool)
    states, actions, masks = [], [], []
    while alive.any():
        logits = np.tanh(obs @ w[0] + w[1]) @ w[2] + w[3]
        p_right = 1 / (1 + np.exp(logits[:, 0] - logits[:, 1]))
        states.append(obs); masks.append(alive.astype(np.float32))
        actions.append((rng.random(len(obs)) < p_right).astype(np.int64))
        obs, _, done, cut, _ = envs.step(actions[-1])
        alive &= ~(done | cut)
    return np.array(states), np.array(actions), np.array(masks)
def returns_to_go(masks):
    g, out = np.zeros(masks.shape[1], np.float32), np.zeros_like(masks)
    for t in reversed(range(len(masks))):
        g = out[t] = masks[t] + GAMMA * g * masks[t]
    return out

# %% One policy-gradient estimate, flattened to a vector
def make_gradient(policy):
    def gradient(states, actions, masks, weight):  # weight: G_t - b
        logits = policy(torch.as_tensor(states))  # T x N x 2
        logp = Categorical(logits=logits).log_prob(torch.as_tensor(actions))
        objective = (logp * torch.as_tensor(weight * masks)).sum() / N_ENVS
        grads = torch.autograd.grad(objective, list(policy.parameters()))
        return torch.cat([g.reshape(-1) for g in grads])
    return gradient

# %% The random policy's return: the floor to beat
make = lambda n: gym.make_vec("CartPole-v1", n, "vector_entry_point")
envs, big, many = [make(n) for n in (N_ENVS, BASELINE_EPISODES,
                                      RANDOM_EPISODES)]
zeros = [np.zeros((4, 1)), 0, np.zeros((1, 2)), 0]  # p = 1/2: random
rngs = [np.random.default_rng(seed) for seed in SEEDS]
for seed, rng in zip(SEEDS, rngs):
    random_return = rollout(zeros, many, 10**5 + seed, rng)[2].sum(0).mean()
    print(f"seed {seed}: random policy return {random_return:.1f}")

# %% The gradient variance without and with a baseline b
for seed, rng in zip(SEEDS, rngs):
    torch.manual_seed(seed)
    policy = nn.Sequential(nn.Linear(4, HIDDEN), nn.Tanh(),
                           nn.Linear(HIDDEN, 2))
    w = [p.detach().numpy().T for p in policy.parameters()]
    gradient = make_gradient(policy)
    extra = rollout(w, big, 10**6 + seed, rng)[2]
    b = returns_to_go(extra)[extra > 0].mean()  # separate episodes: unbiased
    plain, based = [], []
    for k in range(ESTIMATES):
        s, a, m = rollout(w, envs, seed * 1000 + k, rng)
        g = returns_to_go(m)
        plain.append(gradient(s, a, m, g).numpy())
        based.append(gradient(s, a, m, g - b).numpy())
    var = [np.var(x, axis=0).sum() for x in (plain, based)]  # trace of cov
    print(f"seed {seed}: b = {b:.1f}, variance without b {var[0]:.3g}, "
          f"with b {var[1]:.3g}, ratio {var[0] / var[1]:.1f}")
