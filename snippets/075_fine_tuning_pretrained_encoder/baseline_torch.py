# %% Settings
import numpy as np
import torch
import torch.nn.functional as F
from sklearn.feature_extraction.text import CountVectorizer
from torch import nn
LEARNING_RATE, STEPS, SEEDS = 0.1, 100, (0, 1, 2)  # as for the probe
print(f"learning rate: {LEARNING_RATE}, steps: {STEPS}, seeds: {SEEDS}")
# %% Data: sentiment from templates; the test words never occur in training
TEMPLATES = ["the {} was {}.", "i found the {} {}.", "to me the {} felt {}."]
NOUNS = ["film", "meal", "hotel", "book", "concert", "service", "game", "trip"]
TRAIN_WORDS = ["bad", "poor", "terrible", "good", "great", "excellent"]
TEST_WORDS = ["dreadful", "horrible", "awful", "superb", "lovely", "fine"]
train_text, test_text = ([t.format(n, w) for w in words for t in TEMPLATES
                          for n in NOUNS]
                         for words in (TRAIN_WORDS, TEST_WORDS))
y_train = y_test = np.repeat([0, 1], 72)  # 3 negative words, 3 positive
print(f"sentences: {len(train_text)} train, {len(test_text)} test")
# %% A bag of words: counts of the words seen in training
vectorizer = CountVectorizer().fit(train_text)
X_train, X_test = (vectorizer.transform(text).toarray().astype("float32")
                   for text in (train_text, test_text))
known = [w for w in TEST_WORDS if w in vectorizer.vocabulary_]
same = (X_test[:72] == X_test[72:]).all(1)  # a negative sentence, its twin
print(f"vocabulary: {len(vectorizer.vocabulary_)} words, test words in it: "
      f"{len(known)}\nnegative test sentences with the same counts as their "
      f"positive twin: {same.sum()} of {len(same)}")
# %% The same linear classifier on the counts, for each seed
X_train, X_test = map(torch.from_numpy, (X_train, X_test))
def probe(seed):  # full-batch Adam on the cross-entropy
    torch.manual_seed(seed)
    head = nn.Linear(X_train.shape[1], 2)
    optimizer = torch.optim.Adam(head.parameters(), lr=LEARNING_RATE)
    for _ in range(STEPS):
        optimizer.zero_grad()
        F.cross_entropy(head(X_train), torch.from_numpy(y_train)).backward()
        optimizer.step()
    return head(X_test).argmax(1).numpy() == y_test  # right or wrong
for seed in SEEDS:
    right = probe(seed).reshape(len(TEST_WORDS), -1).mean(1)  # by word
    print(f"seed {seed}: test accuracy {right.mean():.3f}, by word",
          *np.round(right, 2))
