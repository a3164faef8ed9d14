//! What a thread keeps of the words it has tagged, so that a word met again costs one look-up.
//!
//! News repeats its words: most tokens of an article were tagged before. A word's own features
//! (bias, word, shape, affixes) read it alone, so their weights are summed once; the features
//! that read a neighbour alone ("w-1", ...) are found in the weight table once; the features
//! that read two words start from the first word's hash state. The features with a few values
//! (title flags, word-list codes) are found once per model. A token's score adds the same
//! weights in the same order as summing all its features would, so it is the same to the bit.

use super::{
    add, Fnv, Found, Gazetteer, Model, Token, LISTS, LISTS1, LISTS2, LISTS_1, LISTS_2,
    LISTS_AROUND, N, SHAPE1, SHAPE_1, SHAPE_W1, TITLE_AROUND, TITLE_FIRST, W1, W2, W_1, W_1_SHAPE,
    W_1_W, W_1_W1, W_2, W_W1,
};
use foldhash::HashMap;
use std::cell::RefCell;

/// Words a thread keeps per model; past it, the thread starts afresh.
const WORDS_KEPT: usize = 1 << 16;
/// Models whose words a thread keeps at once.
const MODELS_KEPT: usize = 4;

thread_local! {
    static MEMOS: RefCell<Vec<Memo>> = const { RefCell::new(Vec::new()) };
}

/// Each token's score for each tag: the sum of its features' weights, in feature order.
pub(super) fn scores(model: &Model, tokens: &[impl AsRef<str>]) -> Vec<[f32; N]> {
    MEMOS.with(|memos| {
        let mut memos = memos.borrow_mut();
        let memo = memo_of(&mut memos, model);
        let ids = memo.ids(model, tokens);
        memo.scores(model, &ids)
    })
}

/// Forgets what this thread kept, so that a measure of the tagger's speed starts cold.
pub fn forget_kept_scores() {
    MEMOS.with(|memos| memos.borrow_mut().clear());
}

fn memo_of<'a>(memos: &'a mut Vec<Memo>, model: &Model) -> &'a mut Memo {
    let at = match memos.iter().position(|m| m.model == model.id) {
        Some(at) => at,
        None => {
            if memos.len() >= MODELS_KEPT {
                memos.remove(0);
            }
            memos.push(Memo::new(model));
            memos.len() - 1
        }
    };
    &mut memos[at]
}

/// What the tagger reads from a word wherever it stands.
struct Word {
    lower: Box<str>,
    shape: Box<str>,
    title: bool,
    /// The word lists it is on, one bit a list.
    lists: usize,
    /// The summed weights of its own features.
    own: [f32; N],
    /// "w-1", "w-2", "w+1", "w+2" with this word there.
    neighbour: [Found; 4],
    /// The features of two words, hashed as far as this word takes them.
    starts: Starts,
}

/// Hash states of the two-word features after this word's part and the separator.
struct Starts {
    /// This word before the token: "shape-1", "w-1,w", "w-1,shape", "w-1,w+1".
    shape_1: Fnv,
    w_1_w: Fnv,
    w_1_shape: Fnv,
    w_1_w1: Fnv,
    /// This word the token: "shape+1", "w,w+1", "shape,w+1".
    shape1: Fnv,
    w_w1: Fnv,
    shape_w1: Fnv,
}

impl Word {
    fn new(token: &Token, lists: usize, model: &Model) -> Word {
        let mut feats = Vec::with_capacity(super::OWN_FEATURES);
        super::own_features(token, &mut feats);
        let mut own = [0f32; N];
        model.add_weights(&mut own, &feats);
        let (lower, shape) = (&*token.lower, token.shape.as_str());
        let find = |name: Fnv| model.weights.find(name.part(lower).0);
        Word {
            lower: lower.into(),
            shape: shape.into(),
            title: token.title,
            lists,
            own,
            neighbour: [find(W_1), find(W_2), find(W1), find(W2)],
            starts: Starts {
                shape_1: SHAPE_1.part(shape).next(),
                w_1_w: W_1_W.part(lower).next(),
                w_1_shape: W_1_SHAPE.part(lower).next(),
                w_1_w1: W_1_W1.part(lower).next(),
                shape1: SHAPE1.part(shape).next(),
                w_w1: W_W1.part(lower).next(),
                shape_w1: SHAPE_W1.part(shape).next(),
            },
        }
    }
}

/// The features with few values, found once per model: by title flags, and by a word-list
/// code and the token's title flag.
struct Fixed {
    title_first: [[Found; 2]; 2],
    title_around: [[[Found; 2]; 2]; 2],
    /// "lists", "lists-1", "lists+1", "lists-2", "lists+2".
    lists: [Vec<[Found; 2]>; 5],
}

impl Fixed {
    fn new(model: &Model, codes: &[String]) -> Fixed {
        let table = &model.weights;
        let flags = [false, true];
        let title_first =
            flags.map(|w| flags.map(|first| table.find(TITLE_FIRST.flag(w).next().flag(first).0)));
        let title_around = flags.map(|p| {
            flags.map(|w| {
                let state = TITLE_AROUND.flag(p).next().flag(w);
                flags.map(|n| table.find(state.next().flag(n).0))
            })
        });
        let by_code = |name: Fnv| -> Vec<[Found; 2]> {
            codes
                .iter()
                .map(|code| flags.map(|w| table.find(name.part(code).next().flag(w).0)))
                .collect()
        };
        Fixed {
            title_first,
            title_around,
            lists: [LISTS, LISTS_1, LISTS1, LISTS_2, LISTS2].map(by_code),
        }
    }
}

/// A word's text as the index keeps it: most words short enough to sit in the index itself,
/// so that comparing a token with them reads no other memory.
#[derive(Debug)]
enum WordText {
    Short {
        len: u8,
        bytes: [u8; WordText::SHORT],
    },
    Long(Box<str>),
}

impl WordText {
    const SHORT: usize = 22;

    fn new(text: &str) -> WordText {
        if text.len() > WordText::SHORT {
            return WordText::Long(text.into());
        }
        let mut bytes = [0; WordText::SHORT];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        WordText::Short {
            len: text.len() as u8,
            bytes,
        }
    }

    /// The text's bytes: the index compares and hashes bytes, so that a look-up need not
    /// check again that a copied `str` is UTF-8.
    fn as_bytes(&self) -> &[u8] {
        match self {
            WordText::Short { len, bytes } => &bytes[..usize::from(*len)],
            WordText::Long(text) => text.as_bytes(),
        }
    }
}

impl std::borrow::Borrow<[u8]> for WordText {
    fn borrow(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl PartialEq for WordText {
    fn eq(&self, other: &WordText) -> bool {
        self.as_bytes() == other.as_bytes()
    }
}

impl Eq for WordText {}

impl std::hash::Hash for WordText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_bytes().hash(state);
    }
}

/// One thread's words for one model.
struct Memo {
    model: u64,
    gazetteer: &'static Gazetteer,
    index: HashMap<WordText, u32>,
    words: Vec<Word>,
    /// What stands beyond either end of a sentence.
    outside: Word,
    fixed: Fixed,
}

/// The id of `Memo::outside`.
const OUTSIDE: u32 = u32::MAX;

impl Memo {
    fn new(model: &Model) -> Memo {
        let gazetteer = Gazetteer::get(model.language);
        Memo {
            model: model.id,
            gazetteer,
            index: HashMap::default(),
            words: Vec::new(),
            outside: Word::new(super::outside(), 0, model),
            fixed: Fixed::new(model, &gazetteer.codes),
        }
    }

    fn word(&self, id: u32) -> &Word {
        match id {
            OUTSIDE => &self.outside,
            id => &self.words[id as usize],
        }
    }

    /// The id of each token's word, adding the words not met before.
    fn ids(&mut self, model: &Model, tokens: &[impl AsRef<str>]) -> Vec<u32> {
        if self.words.len() + tokens.len() > WORDS_KEPT {
            self.index.clear();
            self.words.clear();
        }
        tokens
            .iter()
            .map(|t| {
                let text = t.as_ref();
                if let Some(&id) = self.index.get(text.as_bytes()) {
                    return id;
                }
                let token = Token::new(text, self.gazetteer);
                let lists = self.gazetteer.lists(&token.lower);
                let id = self.words.len() as u32;
                self.words.push(Word::new(&token, lists, model));
                self.index.insert(WordText::new(text), id);
                id
            })
            .collect()
    }

    fn scores(&self, model: &Model, ids: &[u32]) -> Vec<[f32; N]> {
        let at = |i: usize, offset: isize| -> &Word {
            let j = i as isize + offset;
            match usize::try_from(j).ok().and_then(|j| ids.get(j)) {
                Some(&id) => self.word(id),
                None => &self.outside,
            }
        };
        let codes = &self.gazetteer.codes;
        // the features hashed per token, worked out first so that each token's slots can be
        // asked for while the tokens before it are summed (each look-up misses the cache)
        let hashed: Vec<[u64; 8]> = (0..ids.len())
            .map(|i| {
                // words met long ago are out of the cache: ask for the word four tokens on,
                // and for the text of the word two tokens on
                if let Some(&id) = ids.get(i + 4) {
                    super::prefetch(self.word(id));
                }
                if let Some(&id) = ids.get(i + 2) {
                    let word = self.word(id);
                    super::prefetch(word.lower.as_bytes());
                    super::prefetch(word.shape.as_bytes());
                }
                let (p1, w, n1) = (at(i, -1), at(i, 0), at(i, 1));
                let lists = LISTS_AROUND
                    .part(&codes[p1.lists])
                    .next()
                    .part(&codes[w.lists]);
                // the features that end with the same word's text or shape hash it together
                let [shape_1, w_1_shape] =
                    Fnv::parts([p1.starts.shape_1, p1.starts.w_1_shape], &w.shape);
                let [w_w1, shape_w1, w_1_w1] = Fnv::parts(
                    [w.starts.w_w1, w.starts.shape_w1, p1.starts.w_1_w1],
                    &n1.lower,
                );
                [
                    shape_1.0,
                    w.starts.shape1.part(&n1.shape).0,
                    p1.starts.w_1_w.part(&w.lower).0,
                    w_w1.0,
                    w_1_shape.0,
                    shape_w1.0,
                    w_1_w1.0,
                    lists.next().part(&codes[n1.lists]).0,
                ]
            })
            .collect();
        // each token's look-ups run ahead of its sum: its keys are asked for eight tokens
        // before, its slots found and their weights asked for four tokens before
        const KEYS_AHEAD: usize = 8;
        const WEIGHTS_AHEAD: usize = 4;
        let table = &model.weights;
        for keys in hashed.iter().take(KEYS_AHEAD) {
            keys.iter().for_each(|&k| table.prefetch(k));
        }
        let find = |i: usize| -> [Found; 8] {
            let found = hashed[i].map(|k| table.find(k));
            found.iter().for_each(|&f| table.prefetch_weights(f));
            let neighbours = [at(i, -1), at(i, -2), at(i, 1), at(i, 2)];
            for (n, word) in neighbours.iter().enumerate() {
                table.prefetch_weights(word.neighbour[n]);
            }
            found
        };
        let mut slots: Vec<[Found; 8]> = Vec::with_capacity(ids.len());
        slots.extend((0..ids.len().min(WEIGHTS_AHEAD)).map(find));
        let fixed = &self.fixed;
        (0..ids.len())
            .map(|i| {
                if let Some(keys) = hashed.get(i + KEYS_AHEAD) {
                    keys.iter().for_each(|&k| table.prefetch(k));
                }
                if i + WEIGHTS_AHEAD < ids.len() {
                    slots.push(find(i + WEIGHTS_AHEAD));
                }
                crate::budget::check();
                let (p2, p1, w, n1, n2) = (at(i, -2), at(i, -1), at(i, 0), at(i, 1), at(i, 2));
                let [shape_1, shape1, w_1_w, w_w1, w_1_shape, shape_w1, w_1_w1, lists_around] =
                    slots[i];
                let title = usize::from(w.title);
                let lists = |n: usize, of: &Word| fixed.lists[n][of.lists][title];
                // in the order of `context_features`
                let found = [
                    fixed.title_first[title][usize::from(i == 0)],
                    p1.neighbour[0],
                    p2.neighbour[1],
                    n1.neighbour[2],
                    n2.neighbour[3],
                    shape_1,
                    shape1,
                    w_1_w,
                    w_w1,
                    fixed.title_around[usize::from(p1.title)][title][usize::from(n1.title)],
                    w_1_shape,
                    shape_w1,
                    w_1_w1,
                    lists(0, w),
                    lists(1, p1),
                    lists(2, n1),
                    lists_around,
                    lists(3, p2),
                    lists(4, n2),
                ];
                let mut row = w.own;
                for found in found {
                    add(&mut row, table.weights(found));
                }
                row
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{features, prepare};
    use super::*;

    /// Every feature summed in order, the way the model was trained to be read.
    fn summed(model: &Model, sentence: &[&str], language: &str) -> Vec<[u32; N]> {
        let tokens = prepare(sentence, language);
        (0..tokens.len())
            .map(|i| {
                let mut feats = Vec::new();
                features(&tokens, i, &mut feats);
                let mut row = [0f32; N];
                model.add_weights(&mut row, &feats);
                row.map(f32::to_bits)
            })
            .collect()
    }

    fn bits(rows: Vec<[f32; N]>) -> Vec<[u32; N]> {
        rows.iter().map(|row| row.map(f32::to_bits)).collect()
    }

    #[test]
    fn word_texts_are_found_by_their_bytes_short_or_long() {
        let mut index: HashMap<WordText, u32> = HashMap::default();
        let words = [
            "",
            "KPU",
            "Asy’ari",
            &"a".repeat(WordText::SHORT),
            &"b".repeat(WordText::SHORT + 1),
        ];
        for (n, word) in words.iter().enumerate() {
            index.insert(WordText::new(word), n as u32);
        }
        for (n, word) in words.iter().enumerate() {
            assert_eq!(index.get(word.as_bytes()), Some(&(n as u32)), "{word}");
            assert_eq!(WordText::new(word).as_bytes(), word.as_bytes());
        }
        assert!(matches!(WordText::new(words[3]), WordText::Short { .. }));
        assert!(matches!(WordText::new(words[4]), WordText::Long(_)));
        assert_eq!(index.get("kpu".as_bytes()), None);
    }

    #[test]
    fn kept_words_give_the_scores_to_the_bit() {
        let sentence = [
            "Ketua",
            "KPU",
            "Hasyim",
            "Asy'ari",
            "mengatakan",
            "KPU",
            "siap",
            ".",
            "Hasyim",
            "ke",
            "Jakarta",
            "dan",
            "ke",
            "JAKARTA",
            "untuk",
            "KPU",
            "Jakarta",
            ".",
            "Ölçü",
            "2024",
        ];
        for language in ["id", "en"] {
            let model = Model::bundled(language);
            forget_kept_scores();
            // cold, warm, and with the sentence's own words met in another order first
            assert_eq!(
                bits(scores(model, &sentence)),
                summed(model, &sentence, language)
            );
            assert_eq!(
                bits(scores(model, &sentence)),
                summed(model, &sentence, language)
            );
            let shorter = &sentence[3..9];
            assert_eq!(
                bits(scores(model, shorter)),
                summed(model, shorter, language)
            );
            assert_eq!(
                bits(scores(model, &sentence[..1])),
                summed(model, &sentence[..1], language)
            );
            // one word a distinct text: "JAKARTA" is not "Jakarta", the second "KPU" the first
            let kept = MEMOS.with(|memos| {
                let memos = memos.borrow();
                memos
                    .iter()
                    .find(|m| m.model == model.id)
                    .map(|m| m.words.len())
            });
            assert_eq!(kept, Some(14));
        }
    }

    #[test]
    fn an_empty_sentence_has_no_scores() {
        let none: [&str; 0] = [];
        assert!(scores(Model::bundled("id"), &none).is_empty());
    }
}
