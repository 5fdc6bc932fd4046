# %% Settings
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

DATA_SEED = 0  # the ring data
SEEDS = (0, 1, 2)  # the untrained generator and the discriminator
MODES = 8
RADIUS = 2.0
STD = 0.05
LATENT = 2
HIDDEN = 64
BATCH_SIZE = 256
D_STEPS = 200  # the discriminator trains alone against a fixed generator
LEARNING_RATE = 0.001
LOGITS = (-8.0, -4.0, -2.0, 0.0, 2.0)  # D's logit a on a fake sample
for name in ["DATA_SEED", "SEEDS", "MODES", "RADIUS", "STD", "LATENT",
             "HIDDEN", "BATCH_SIZE", "D_STEPS", "LEARNING_RATE", "LOGITS"]:
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")

# %% The two generator losses as functions of D's logit a
def saturating(a):  # log(1 - sigmoid(a)), which G minimises
    return -tf.math.softplus(a)
def non_saturating(a):  # -log sigmoid(a), which G minimises instead
    return tf.math.softplus(-a)
a = tf.constant(LOGITS)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(a)
    loss_sat, loss_ns = saturating(a), non_saturating(a)
grad_sat, grad_ns = tape.gradient(loss_sat, a), tape.gradient(loss_ns, a)
print("logit a   D(G(z))   d saturating/da   d non-saturating/da")
for row in zip(LOGITS, tf.sigmoid(a), grad_sat, grad_ns):
    print(f"{row[0]:7.1f}   {row[1]:.5f}   {row[2]:15.5f}   {row[3]:19.5f}")

# %% A confident discriminator against an untrained generator
rng = np.random.default_rng(DATA_SEED)
angles = 2 * np.pi * rng.integers(MODES, size=BATCH_SIZE) / MODES
real = RADIUS * np.stack([np.cos(angles), np.sin(angles)], 1)
real = tf.constant(real + STD * rng.normal(size=real.shape),
                   dtype=tf.float32)
def mlp(n_in, n_out):
    layers = tf.keras.layers
    return tf.keras.Sequential([
        tf.keras.Input((n_in,)), layers.Dense(HIDDEN, activation="relu"),
        layers.Dense(HIDDEN, activation="relu"), layers.Dense(n_out)])
bce = tf.keras.losses.BinaryCrossentropy(from_logits=True)
def d_steps(D, opt_d, fake):  # D_STEPS updates of D, run as a tf.function
    for _ in tf.range(D_STEPS):
        with tf.GradientTape() as tape:
            d_loss = (bce(tf.ones((BATCH_SIZE, 1)), D(real))
                      + bce(tf.zeros((BATCH_SIZE, 1)), D(fake)))
        grads = tape.gradient(d_loss, D.trainable_variables)
        opt_d.apply_gradients(zip(grads, D.trainable_variables))
def grad_norm(tape, loss, G):  # the norm of the gradient over G's weights
    return tf.linalg.global_norm(tape.gradient(loss, G.trainable_variables))

# %% The generator's gradient under each loss, per seed
for seed in SEEDS:
    tf.keras.utils.set_random_seed(seed)
    G, D = mlp(LATENT, 2), mlp(2, 1)
    opt_d = tf.keras.optimizers.Adam(LEARNING_RATE)
    z = tf.random.normal((BATCH_SIZE, LATENT))
    fake = G(z)
    opt_d.build(D.trainable_variables)  # Adam's moments, before the trace
    tf.function(d_steps)(D, opt_d, fake)  # one graph per seed
    with tf.GradientTape(persistent=True) as tape:
        logits = D(G(z))
        loss_sat = tf.reduce_mean(saturating(logits))
        loss_ns = tf.reduce_mean(non_saturating(logits))
    sat, ns = grad_norm(tape, loss_sat, G), grad_norm(tape, loss_ns, G)
    print(f"seed {seed}: mean D(G(z)) "
          f"{tf.reduce_mean(tf.sigmoid(logits)):.4f}, grad norm: "
          f"saturating {sat:.1e}, non-saturating {ns:.2f}")

# %% The gradients' size against D(G(z)), by autograd on a grid of logits
grid = tf.linspace(-8.0, 8.0, 200)
with tf.GradientTape(persistent=True) as tape:
    tape.watch(grid)
    loss_sat, loss_ns = saturating(grid), non_saturating(grid)
g_sat, g_ns = tape.gradient(loss_sat, grid), tape.gradient(loss_ns, grid)
fig, ax = plt.subplots(figsize=(5, 3))
p = tf.sigmoid(grid).numpy()
ax.plot(p, np.abs(g_sat.numpy()), label="saturating")
ax.plot(p, np.abs(g_ns.numpy()), label="non-saturating")
ax.set(xlabel="D(G(z))", ylabel="|gradient| on the logit")
ax.set_title("TensorFlow: the generator's gradient as D(G(z)) varies")
ax.legend()
plt.show()
