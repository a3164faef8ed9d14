//! warta turns scraped news articles into clean text and a graph of who said what about which
//! dispute.
//!
//! The stages, each a module with a small surface: [`source`] reads a corpus, [`clean`] keeps an
//! article's own text and reads its metadata ([`html`] for web pages), [`extract`] finds what
//! the text says, [`eval`] scores all of it against gold files. [`pipeline`] runs the stages in
//! parallel and [`commands`] is what the command line calls.

mod budget;
pub mod clean;
pub mod commands;
pub mod dates;
pub mod disputes;
pub mod entities;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod html;
mod join;
pub mod lang;
mod names;
pub mod ner;
pub mod output;
pub mod pipeline;
mod prefilter;
pub mod record;
pub mod resolve;
pub mod sentences;
pub mod source;
pub mod statements;
