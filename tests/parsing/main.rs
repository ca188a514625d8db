//! Reading answers, in one test binary: the realistic cases each answer
//! must parse to (`cases`), the fresh and held-out corpora with their
//! floors (`corpus`), number words in every script (`number_words`), and
//! the properties that hold for any input (`properties`).

mod cases;
mod corpus;
mod number_words;
mod properties;
