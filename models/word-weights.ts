// How much a word counts in a SIF sentence vector (Arora, Liang & Ma, 2017): a / (a + p(w)), with p(w)
// estimated from GloVe's frequency rank by Zipf's law, p(rank) = 1 / (rank * H(V)).
export const SIF_A = 1e-3;

export function zipfProbability(rank: number, corpusVocabulary: number): number {
  const harmonic = Math.log(corpusVocabulary) + 0.5772156649;
  return 1 / (rank * harmonic);
}

/** A word's SIF weight a / (a + p(w)): frequent words count little, rare words fully. */
export const sifWeight = (rank: number, corpusVocabulary: number) => SIF_A / (SIF_A + zipfProbability(rank, corpusVocabulary));
