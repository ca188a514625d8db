//! The application: the command line, the settings parsed into types once
//! at load, and start-up, which builds every part from the settings and
//! runs them until stopped. `main` only calls [`cli::run`].

pub mod cli;
pub mod settings;
pub mod startup;
