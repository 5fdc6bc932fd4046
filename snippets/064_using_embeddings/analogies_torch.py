# %% Settings
import re
import zlib

import torch
import torch.nn.functional as F
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
ids = torch.tensor([[wv.key_to_index[w] for w in q] for q in questions])
a, b, c, d = ids.unbind(dim=1)
# %% b - a + c against every word at once; the three inputs excluded
def masked_scores(unit, target):  # (questions, V) cosines
    scores = F.normalize(target, dim=1) @ unit.T
    rows = torch.arange(len(ids))[:, None]
    scores[rows, ids[:, :3]] = -2.0  # a, b and c can never be the answer
    return scores

def ranks_of_answer(unit, target):  # 1 = the answer is the best word
    scores = masked_scores(unit, target)
    answer = scores.gather(1, d[:, None])
    return (scores > answer).sum(dim=1) + 1
# %% Three seeds: hits at rank 1 and within the best TOP_K
print("seed: analogy top-1, top-5 | nearest neighbour of c top-1, top-5")
results, models = [], {SEEDS[0]: wv}
for seed in SEEDS:
    if seed not in models:  # seed 0's model is already trained
        models[seed] = train(seed)
    unit = F.normalize(torch.tensor(models[seed].vectors), dim=1)
    offset = unit[b] - unit[a] + unit[c]
    ranks = [ranks_of_answer(unit, offset).numpy(),  # the analogy
             ranks_of_answer(unit, unit[c]).numpy()]  # the baseline
    results.append(ranks)
    print(f"{seed:4d}: " + " | ".join(f"{(r == 1).sum():3d} "
          f"{(r <= TOP_K).sum():3d}" for r in ranks) + f"  (of {len(ids)})")
alone = [(((r == 1) & (r0 > 1)).sum(), ((r0 == 1) & (r > 1)).sum())
         for r, r0 in results]  # questions one method gets and the other not
print(f"hits only the analogy gets, per seed: {[int(x) for x, _ in alone]}; "
      f"only the baseline: {[int(y) for _, y in alone]}")
# %% Hit rates over the seeds, and gensim's own answers for seed 0
rate = torch.tensor([[(r == 1).mean() for r in ranks] for ranks in results])
print(f"top-1 hit rate, mean over seeds: analogy {rate[:, 0].mean():.3f} "
      f"(sd {rate[:, 0].std(correction=0):.3f}), "
      f"baseline {rate[:, 1].mean():.3f}")
wv, unit = models[SEEDS[0]], F.normalize(torch.tensor(models[SEEDS[0]].vectors))
gensim = [wv.most_similar(positive=[q[1], q[2]], negative=[q[0]],
                          topn=1)[0][0] for q in questions]  # 3CosAdd
offset = unit[b] - unit[a] + unit[c]
best = masked_scores(unit, offset).argmax(dim=1).numpy()
print(f"same answers as gensim's most_similar: "
      f"{sum(wv.index_to_key[i] == g for i, g in zip(best, gensim))} of "
      f"{len(questions)}")
# %% Seed 0's hits, by the arithmetic and by the baseline
for q, r, r0 in zip(questions, *results[0]):
    if 1 in (r, r0):
        print(f"  {q[1]} - {q[0]} + {q[2]} = {q[3]}: analogy "
              f"{'hit' if r == 1 else 'miss'}, baseline "
              f"{'hit' if r0 == 1 else 'miss'}")
