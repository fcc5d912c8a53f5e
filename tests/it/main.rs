//! The one integration test binary: fixtures, CLI cases, the language server.

mod fixtures;
mod readme;
mod cli;
mod lsp;
mod hostile;
mod messages;
mod parallel;
mod input;
mod pdf;
mod review;
