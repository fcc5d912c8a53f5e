use std::io::{self, IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gouji::cli::{self, CheckOptions, Format};

mod console;

/// gouji (勾稽): find the figures that disagree in a budget disclosure.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts: files, folders (their .txt and .md files) or - for stdin.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
        #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
        color: String,
        /// Use this configuration file instead of the nearest gouji.toml.
        #[arg(long, value_name = "PATH")]
        config: Option<PathBuf>,
        /// Apply every safe fix in place (atomically, keeping encoding and line ends).
        #[arg(long, conflicts_with = "diff")]
        fix: bool,
        /// Show the safe fixes as a unified diff without writing anything.
        #[arg(long)]
        diff: bool,
        /// List, per file, the standard ties between tables that were
        /// verified and those skipped with the reason (human and json formats).
        #[arg(long)]
        coverage: bool,
    },
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain { rule: String },
    /// Serve the Language Server Protocol on stdin and stdout.
    Lsp,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { cli::EXIT_TROUBLE as u8 } else { 0 });
        }
    };
    // The server writes to stdout itself, so it runs before stdout is locked.
    if let Command::Lsp = args.command {
        return match gouji::lsp::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(io::stderr(), "gouji lsp: {e}");
                ExitCode::from(cli::EXIT_TROUBLE as u8)
            }
        };
    }
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    let status = match args.command {
        Command::Check { paths, format, color, config, fix, diff, coverage } => {
            let color = match color.as_str() {
                "always" => {
                    console::ansi_colours();
                    true
                }
                "never" => false,
                _ => {
                    io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && console::ansi_colours()
                }
            };
            cli::check(&CheckOptions { paths, format, color, config, fix, diff, coverage }, &mut out, &mut err)
        }
        Command::Rules => cli::rules(&mut out),
        Command::Explain { rule } => cli::explain(&rule, &mut out, &mut err),
        Command::Lsp => unreachable!("served above"),
    };
    ExitCode::from(status as u8)
}
