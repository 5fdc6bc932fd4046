# %% Settings
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
import keras
import numpy as np
DATA_SEED, SEED = 0, 0  # the generated data; initial weights and shuffling
N, FEATURES, HIDDEN = 512, 8, 16  # examples, inputs, hidden tanh units
WORLD_SIZE, GLOBAL_BATCH = 2, 64  # worker processes; examples per step: 32 each
EPOCHS, LEARNING_RATE = 3, 0.1  # plain SGD on the mean squared error
for name in ("DATA_SEED SEED N FEATURES HIDDEN WORLD_SIZE GLOBAL_BATCH "
             "EPOCHS LEARNING_RATE").split():
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]}")
# %% Data, saved in a folder that the workers read
rng = np.random.default_rng(DATA_SEED)
X = rng.normal(size=(N, FEATURES)).astype("float32")
y = np.sin(X @ rng.normal(size=(FEATURES, 1))).astype("float32")
folder = Path(tempfile.mkdtemp())  # shared by the processes of this run
np.savez(folder / "data.npz", X=X, y=y)
(folder / "settings.json").write_text(json.dumps({k.lower(): globals()[k]
    for k in "SEED FEATURES HIDDEN GLOBAL_BATCH EPOCHS LEARNING_RATE".split()}))
# %% The worker script, part 1: join the group, wrap the model and the data
script = """import json, time
import numpy as np, tensorflow as tf, keras
s, imported = json.load(open("settings.json")), time.process_time()
strategy = tf.distribute.MultiWorkerMirroredStrategy()  # reads TF_CONFIG
keras.utils.set_random_seed(s["seed"])  # the same start as the reference
with strategy.scope():  # one copy of each variable per worker, kept in sync
    model = keras.Sequential([keras.Input((s["features"],)),
        keras.layers.Dense(s["hidden"], "tanh"), keras.layers.Dense(1)])
    sgd = keras.optimizers.SGD(s["learning_rate"])
X, y = np.load("data.npz").values()
def rows(context):  # this worker's share: every world-th row of a shuffle
    me, world = context.input_pipeline_id, context.num_input_pipelines
    order = np.concatenate([np.random.default_rng(s["seed"] + e).permutation(
        len(X))[me::world] for e in range(s["epochs"])])
    data = tf.data.Dataset.from_tensor_slices((X[order], y[order]))
    return data.batch(context.get_per_replica_batch_size(s["global_batch"]))
batches = strategy.distribute_datasets_from_function(rows)
ready = time.process_time()  # joined the cluster, model and data set up
"""
# %% The worker script, part 2: train, then save this rank's weights
script += """def replica_step(xb, yb):  # on each worker, its own half
    with tf.GradientTape() as tape:
        loss = tf.nn.compute_average_loss(tf.square(model(xb) - yb)[:, 0],
            global_batch_size=s["global_batch"])  # sum / the GLOBAL batch
    grads = tape.gradient(loss, model.trainable_variables)
    sgd.apply_gradients(zip(grads, model.trainable_variables))  # all-reduce
    return tf.shape(xb)[0]  # the rows this worker used in this step
step = tf.function(lambda xb, yb: strategy.run(replica_step, (xb, yb)))
sizes = [int(step(xb, yb)) for xb, yb in batches]  # one entry per step
env = [strategy.cluster_resolver.task_id, strategy.num_replicas_in_sync]
w = np.concatenate([v.ravel() for v in model.get_weights()])
np.savez(f"rank{env[0]}.npz", w=w, env=env, steps=[len(sizes), *set(sizes)],
         seconds=np.diff([0, imported, ready, time.process_time()]).round(1))
"""
(folder / "worker.py").write_text(script)
# %% Launch two workers, and wait for them
# verified: timing
ports = [socket.create_server(("127.0.0.1", 0)) for _ in range(WORLD_SIZE)]
cluster = {"worker": [":".join(map(str, p.getsockname())) for p in ports]}
[p.close() for p in ports]  # port 0: the system picked free ones; let go
print("TF_CONFIG cluster:", json.dumps(cluster))
start, cpu_before = time.perf_counter(), sum(os.times()[2:4])  # children's
workers = [subprocess.Popen([sys.executable, "worker.py"], cwd=folder,
    env=dict(os.environ, TF_CONFIG=json.dumps({"cluster": cluster,
    "task": {"type": "worker", "index": r}})), stderr=subprocess.STDOUT,
    stdout=open(folder / f"worker{r}.log", "w")) for r in range(WORLD_SIZE)]
if any([worker.wait() for worker in workers]):  # logs: shown on failure
    sys.exit((folder / "worker0.log").read_text()[-3000:])
wall, cpu = time.perf_counter() - start, sum(os.times()[2:4]) - cpu_before
# %% How long it took, on this machine
# verified: timing
print(f"this machine: {wall:.1f} s wall, {cpu:.1f} s CPU in all processes")
ranks = [np.load(folder / f"rank{r}.npz") for r in range(WORLD_SIZE)]
print("rank 0, CPU time (s): imports, set-up, training:", *ranks[0]["seconds"])
# %% One worker, the combined batch: the reference
def train(rows, batch):  # SGD from the initial weights, rows in this order
    keras.utils.set_random_seed(SEED)  # the same initial weights as workers
    model = keras.Sequential([keras.Input((FEATURES,)),
        keras.layers.Dense(HIDDEN, "tanh"), keras.layers.Dense(1)])
    model.compile(keras.optimizers.SGD(LEARNING_RATE), "mse")
    model.fit(X[rows], y[rows], batch, shuffle=False, verbose=0)
    return np.concatenate([v.ravel() for v in model.get_weights()])
order = np.concatenate([np.random.default_rng(SEED + e).permutation(N)
                        for e in range(EPOCHS)])  # the workers' shuffles
reference = train(order, GLOBAL_BATCH)  # step s: rows s*64 ... s*64 + 63
alone = train(order[0::WORLD_SIZE], GLOBAL_BATCH // WORLD_SIZE)  # rank 0's
# %% Two workers against one
print("TF_CONFIG task index, replicas in sync:", *[r["env"] for r in ranks])
print("steps, rows per step, rank 0 and 1:", *[r["steps"] for r in ranks])
weights = [r["w"] for r in ranks]
print("rank 0 and rank 1 bitwise equal:", np.array_equal(*weights))
for name, w in (("two workers", weights[0]), ("rank 0's half alone", alone)):
    print(f"{name} vs one worker, max abs diff: {abs(w - reference).max():.1e}")
