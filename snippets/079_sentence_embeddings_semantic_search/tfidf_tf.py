# %% Settings
import numpy as np
import tensorflow as tf
from gensim.test.utils import datapath
from sklearn.feature_extraction.text import TfidfVectorizer
N_SENTENCES = 100  # the first sentences of the first 100 paragraphs
# %% The corpus: the first sentence of each Lee paragraph (lower-cased)
with open(datapath("lee_background.cor"), encoding="utf-8") as f:
    lines, seen = [p.strip().lower() for p in f if p.strip()], set()
paragraphs = [p for p in lines if not (p[:60] in seen or seen.add(p[:60]))]
corpus = [p.split(". ")[0] for p in paragraphs[:N_SENTENCES]]  # 1st sentence
print(f"sentences: {len(corpus)}")
# %% Queries that paraphrase one sentence each, sharing few content words
QUERIES = {1: "troops killed several alleged insurgents in a night gunfight",
           4: "nurses who deliver babies were stood down over laughing gas",
           11: "a south american nation grieves after a blaze in its capital",
           18: "the filmmaker behind the tolkien movies was honoured at home",
           23: "a traveller took a pistol onto two planes without being caught",
           31: "climate change may make the oceans swell sharply this century",
           32: "a mild quake jolted grain-growing country in the west",
           42: "a budget airline sells very cheap tickets to fight a new rival",
           45: "the star of a classic political comedy series has passed away",
           54: "a young man drove off in a vehicle with a toddler in the back"}
# %% Search by shared words: TF-IDF vectors (English stop words dropped)
def search(vectorizer):  # cosine scores, and each target's rank
    vectorizer.fit(corpus)  # ties count against the target: >=
    Q, C = (tf.constant(vectorizer.transform(texts).toarray())
            for texts in (QUERIES.values(), corpus))
    scores = tf.matmul(Q, C, transpose_b=True).numpy()  # rows: unit length
    ranks = [int((row >= row[t]).sum()) for row, t in zip(scores, QUERIES)]
    return scores, ranks
tfidf = TfidfVectorizer(stop_words="english")
scores, ranks = search(tfidf)
print(f"TF-IDF: recall@1 {np.mean(np.array(ranks) == 1):.3f}, "
      f"ranks {ranks}")
shared = [scores[q, t] > 0 for q, t in enumerate(QUERIES)]
print(f"queries sharing a word with their target: {sum(shared)} of "
      f"{len(shared)}")
print(f"vocabulary: {len(tfidf.vocabulary_)} words")
# %% Parts of words: character 3- to 5-grams match "quake" in "earthquake"
scores, ranks = search(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)))
print(f"character n-grams: recall@1 "
      f"{np.mean(np.array(ranks) == 1):.3f}, ranks {ranks}")
