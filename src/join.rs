//! The similarity join behind "the same statement in several articles": every pair of token
//! sets whose Jaccard similarity reaches a threshold, found through an inverted index over the
//! sets' rarest tokens (a prefix-filter join in the manner of AllPairs / PPJoin) instead of by
//! comparing all pairs. The result is exactly the all-pairs result; only the work differs.

use foldhash::HashMap;

/// Token sets over one vocabulary: each set sorted by token rank (rarest first) and free of
/// repeats, so that a set's first tokens are its rarest.
pub(crate) struct TokenSets {
    pub sets: Vec<Vec<u32>>,
}

impl TokenSets {
    /// Interns the texts' tokens and ranks them rarest first (ties by spelling, so the ranks
    /// are the same in every run).
    pub(crate) fn new<S: AsRef<str>>(texts: &[Vec<S>]) -> TokenSets {
        let mut frequency: HashMap<&str, u32> = HashMap::default();
        let mut distinct: Vec<Vec<&str>> = Vec::with_capacity(texts.len());
        for tokens in texts {
            let mut set: Vec<&str> = tokens.iter().map(AsRef::as_ref).collect();
            set.sort_unstable();
            set.dedup();
            for token in &set {
                *frequency.entry(token).or_default() += 1;
            }
            distinct.push(set);
        }
        let mut vocabulary: Vec<(&str, u32)> = frequency.into_iter().collect();
        vocabulary.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(b.0)));
        let rank: HashMap<&str, u32> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, (token, _))| (*token, i as u32))
            .collect();
        let sets = distinct
            .into_iter()
            .map(|set| {
                let mut ranked: Vec<u32> = set.iter().map(|t| rank[t]).collect();
                ranked.sort_unstable();
                ranked
            })
            .collect();
        TokenSets { sets }
    }
}

/// Jaccard similarity of two sorted sets, computed as the scorer computes it (shared over all).
pub(crate) fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = overlap(a, b);
    shared as f64 / (a.len() + b.len() - shared) as f64
}

fn overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The fewest shared tokens a set of `size` needs with any set it reaches `threshold` with,
/// rounded down a hair so that floating-point error can only lengthen a prefix, never cut it.
fn required_overlap(size: usize, threshold: f64) -> usize {
    ((threshold * size as f64) - 1e-9).ceil().max(1.0) as usize
}

/// Every pair (i, j), i < j, of non-empty sets with Jaccard similarity at least `threshold`
/// (0 < threshold ≤ 1), in order. Sets are visited from the smallest up; each probes the index
/// with its prefix (all but its `required_overlap - 1` commonest tokens), keeps the candidates
/// long enough to reach the threshold, verifies them, then indexes its own prefix. Two sets
/// that reach the threshold share at least `required_overlap` tokens of either's size, so their
/// prefixes meet.
pub(crate) fn similar_pairs(sets: &[Vec<u32>], threshold: f64) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..sets.len()).filter(|&i| !sets[i].is_empty()).collect();
    order.sort_by_key(|&i| (sets[i].len(), i));
    let mut index: HashMap<u32, Vec<usize>> = HashMap::default();
    let mut seen: Vec<usize> = vec![usize::MAX; sets.len()];
    let mut candidates: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for &x in &order {
        let size = sets[x].len();
        let prefix = size - required_overlap(size, threshold) + 1;
        let shortest = required_overlap(size, threshold);
        candidates.clear();
        for token in &sets[x][..prefix] {
            for &y in index.get(token).map_or(&[][..], Vec::as_slice) {
                if seen[y] != x && sets[y].len() >= shortest {
                    seen[y] = x;
                    candidates.push(y);
                }
            }
        }
        for &y in &candidates {
            if jaccard(&sets[x], &sets[y]) >= threshold {
                pairs.push((x.min(y), x.max(y)));
            }
        }
        for token in &sets[x][..prefix] {
            index.entry(*token).or_default().push(x);
        }
    }
    pairs.sort_unstable();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator, so the test needs no crate and fails the same way twice.
    struct Xorshift(u64);

    impl Xorshift {
        fn next(&mut self, below: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % below
        }
    }

    fn all_pairs(sets: &[Vec<u32>], threshold: f64) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                if !sets[i].is_empty()
                    && !sets[j].is_empty()
                    && jaccard(&sets[i], &sets[j]) >= threshold
                {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }

    #[test]
    fn the_indexed_join_finds_exactly_the_all_pairs_result() {
        let mut random = Xorshift(0x2545_f491_4f6c_dd1d);
        for round in 0..40 {
            let vocabulary = 5 + random.next(40);
            let texts: Vec<Vec<String>> = (0..60)
                .map(|_| {
                    let length = random.next(12);
                    (0..length)
                        .map(|_| format!("w{}", random.next(vocabulary)))
                        .collect()
                })
                .collect();
            let sets = TokenSets::new(&texts).sets;
            for threshold in [0.3, 0.5, 0.6, 0.8, 1.0] {
                assert_eq!(
                    similar_pairs(&sets, threshold),
                    all_pairs(&sets, threshold),
                    "round {round}, threshold {threshold}"
                );
            }
        }
    }

    #[test]
    fn tokens_rank_rarest_first() {
        let texts = vec![vec!["a", "b"], vec!["a", "c"], vec!["a"]];
        let sets = TokenSets::new(&texts).sets;
        // "a" is in every set, so it ranks last
        assert_eq!(sets[2], [2]);
        assert!(sets[0][0] < 2 && sets[1][0] < 2);
    }
}
