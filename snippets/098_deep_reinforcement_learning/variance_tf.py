# %% Settings
import gymnasium as gym
import keras
import numpy as np
import tensorflow as tf
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
spec = lambda *shape, dtype=tf.float32: tf.TensorSpec(  # T x N_ENVS x ...
    (None, N_ENVS, *shape), dtype)
signature = [spec(4), spec(dtype=tf.int64), spec(), spec()]
def make_gradient(policy):
    @tf.function(input_signature=signature)  # one trace for every T
    def gradient(states, actions, masks, weight):  # weight: G_t - b
        with tf.GradientTape() as tape:
            logits = policy(tf.reshape(states, (-1, 4)))
            logp = -tf.nn.sparse_softmax_cross_entropy_with_logits(
                tf.reshape(actions, (-1,)), logits)
            logp = tf.reshape(logp, tf.shape(masks))
            objective = tf.reduce_sum(logp * weight * masks) / N_ENVS
        grads = tape.gradient(objective, policy.trainable_variables)
        return tf.concat([tf.reshape(g, (-1,)) for g in grads], 0)
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
    keras.utils.set_random_seed(seed)
    policy = keras.Sequential([keras.Input((4,)), keras.layers.Dense(
        HIDDEN, activation="tanh"), keras.layers.Dense(2)])
    w = policy.get_weights()  # kernels as (inputs, outputs), then biases
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
