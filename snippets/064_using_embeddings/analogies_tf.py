# %% Settings
import re
import zlib

import tensorflow as tf
from gensim.models import Word2Vec
from gensim.test.utils import datapath

SEEDS = (0, 1, 2)  # gensim's initial vectors, negatives and subsampling
VECTOR_SIZE = 50
WINDOW = 5  # context words on each side
MIN_COUNT = 5  # rarer words are dropped from the vocabulary
NEGATIVE = 5  # negative samples per context word
EPOCHS = 10
TOP_K = 5  # an answer among the best TOP_K also counts, separately
for name in ["SEEDS", "VECTOR_SIZE", "WINDOW", "MIN_COUNT", "NEGATIVE",
             "EPOCHS", "TOP_K"]:  # the settings
    print(f"{name.lower().replace('_', ' ')}: {globals()[name]!r}")
# %% The corpus and gensim's skip-gram, as in the similarity snippet
def tokenize(text):  # day 58's tokenizer: lower-case words
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())

def crc32(text):  # a fixed hash; gensim's default, hash(), varies per run
    return zlib.crc32(text.encode())

with open(datapath("lee_background.cor"), encoding="latin-1") as f:
    lines, seen = [p.lower() for p in f if p.strip()], set()
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
sentences = [tokenize(p) for p in paragraphs]
def train(seed):
    return Word2Vec(sentences, vector_size=VECTOR_SIZE, window=WINDOW, sg=1,
                    min_count=MIN_COUNT, negative=NEGATIVE, epochs=EPOCHS,
                    seed=seed, workers=1, hashfxn=crc32).wv
# %% Questions: Mikolov et al.'s set, kept if all four words are known
wv = train(SEEDS[0])  # the vocabulary is the same for every seed
questions, total = [], 0
with open(datapath("questions-words.txt")) as f:
    for row in f:
        if not row.startswith(":"):  # ": section" lines name a section
            total += 1
            quad = tuple(row.lower().split())  # a : b as c : d
            if all(w in wv.key_to_index for w in quad):
                questions.append(quad)
questions = list(dict.fromkeys(questions))  # a few appear in two sections
pairs = {p for q in questions for p in (q[:2], q[2:])}  # a : b and c : d
print(f"questions: {total}, all four words in the vocabulary: "
      f"{len(questions)} ({len(pairs)} word pairs)")
ids = tf.constant([[wv.key_to_index[w] for w in q] for q in questions])
a, b, c, d = tf.unstack(ids, axis=1)
# %% b - a + c against every word at once; the three inputs excluded
def masked_scores(unit, target):  # (questions, V) cosines
    scores = tf.matmul(tf.math.l2_normalize(target, axis=1), unit,
                       transpose_b=True)
    inputs = tf.reduce_any(  # a, b and c can never be the answer
        tf.one_hot(ids[:, :3], unit.shape[0]) > 0, axis=1)
    return tf.where(inputs, -2.0, scores)

def ranks_of_answer(unit, target):  # 1 = the answer is the best word
    scores = masked_scores(unit, target)
    answer = tf.gather(scores, d, batch_dims=1)[:, None]
    return tf.reduce_sum(tf.cast(scores > answer, tf.int32), axis=1) + 1
# %% Three seeds: hits at rank 1 and within the best TOP_K
print("seed: analogy top-1, top-5 | nearest neighbour of c top-1, top-5")
results, models = [], {SEEDS[0]: wv}
for seed in SEEDS:
    if seed not in models:  # seed 0's model is already trained
        models[seed] = train(seed)
    unit = tf.math.l2_normalize(tf.constant(models[seed].vectors), axis=1)
    offset = tf.gather(unit, b) - tf.gather(unit, a) + tf.gather(unit, c)
    ranks = [ranks_of_answer(unit, offset).numpy(),  # the analogy
             ranks_of_answer(unit, tf.gather(unit, c)).numpy()]  # baseline
    results.append(ranks)
    print(f"{seed:4d}: " + " | ".join(f"{(r == 1).sum():3d} "
          f"{(r <= TOP_K).sum():3d}" for r in ranks) + f"  (of {len(ids)})")
alone = [(((r == 1) & (r0 > 1)).sum(), ((r0 == 1) & (r > 1)).sum())
         for r, r0 in results]  # questions one method gets and the other not
print(f"hits only the analogy gets, per seed: {[int(x) for x, _ in alone]}; "
      f"only the baseline: {[int(y) for _, y in alone]}")
# %% Hit rates over the seeds, and gensim's own answers for seed 0
rate = tf.constant([[(r == 1).mean() for r in ranks] for ranks in results])
print(f"top-1 hit rate, mean over seeds: analogy "
      f"{tf.reduce_mean(rate[:, 0]):.3f} (sd "
      f"{tf.math.reduce_std(rate[:, 0]):.3f}), "
      f"baseline {tf.reduce_mean(rate[:, 1]):.3f}")
wv, unit = models[SEEDS[0]], tf.math.l2_normalize(models[SEEDS[0]].vectors, 1)
gensim = [wv.most_similar(positive=[q[1], q[2]], negative=[q[0]],
                          topn=1)[0][0] for q in questions]  # 3CosAdd
offset = tf.gather(unit, b) - tf.gather(unit, a) + tf.gather(unit, c)
best = tf.argmax(masked_scores(unit, offset), axis=1).numpy()
print(f"same answers as gensim's most_similar: "
      f"{sum(wv.index_to_key[i] == g for i, g in zip(best, gensim))} of "
      f"{len(questions)}")
# %% Seed 0's hits, by the arithmetic and by the baseline
for q, r, r0 in zip(questions, *results[0]):
    if 1 in (r, r0):
        print(f"  {q[1]} - {q[0]} + {q[2]} = {q[3]}: analogy "
              f"{'hit' if r == 1 else 'miss'}, baseline "
              f"{'hit' if r0 == 1 else 'miss'}")
