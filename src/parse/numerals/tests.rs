use super::*;
use crate::parse::normalize::normalize;

#[test]
fn every_bengali_and_hindi_number_word_maps_to_its_value() {
    for (i, word) in BENGALI.iter().enumerate() {
        assert_eq!(number_word(&normalize(word)), Some(i as u32 + 1), "{word}");
    }
    for (i, word) in HINDI.iter().enumerate() {
        assert_eq!(number_word(&normalize(word)), Some(i as u32 + 1), "{word}");
    }
}

#[test]
fn english_compounds_and_romanized_words() {
    assert_eq!(number_word("twenty-five"), Some(25));
    assert_eq!(number_word("ninety-nine"), Some(99));
    assert_eq!(number_word("dui"), Some(2));
    assert_eq!(number_word("paanch"), Some(5));
}

#[test]
fn fraction_words_survive_nfc_nukta_decomposition() {
    // ড় and ढ़ decompose under NFC; the table is normalized the same way.
    assert_eq!(fraction_word(&normalize("দেড়")), Some(Fraction::Times(1.5)));
    assert_eq!(fraction_word(&normalize("डेढ़")), Some(Fraction::Times(1.5)));
    assert_eq!(fraction_word(&normalize("साढ़े")), Some(Fraction::Plus(0.5)));
}
