use std::io::{self, IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gouji::cli::{self, CheckOptions, Format};
use gouji::Lang;

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
    /// Check drafts: files, folders (their .txt, .md, .docx, .xlsx and .xls files) or - for stdin.
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
        /// Language of messages: zh (default) or en; over `lang` in gouji.toml and LC_ALL/LANG.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// List the rules.
    Rules {
        /// Language: zh (default) or en.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Print a rule's documentation.
    Explain {
        rule: String,
        /// Language: zh (default) or en.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Print a draft's text exactly as check reads it (Word and Excel files
    /// included), to see what was checked.
    Extract {
        path: PathBuf,
        /// Language of messages: zh (default) or en.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
    },
    /// Serve the Language Server Protocol on stdin and stdout.
    Lsp,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("`{s}`: zh or en"))
}

/// The language of the environment: `LC_ALL`, `LC_MESSAGES`, then `LANG`.
pub fn env_lang() -> Lang {
    let var = |name: &str| std::env::var(name).ok();
    Lang::from_env(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref())
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
        return match gouji::lsp::run(env_lang()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                let _ = writeln!(io::stderr(), "gouji lsp: {e}");
                ExitCode::from(cli::EXIT_TROUBLE as u8)
            }
        };
    }
    let (mut out, mut err) = (io::stdout().lock(), io::stderr().lock());
    let status = match args.command {
        Command::Check { paths, format, color, config, fix, diff, coverage, lang } => {
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
            cli::check(&CheckOptions { paths, format, color, config, fix, diff, coverage, lang, env_lang: env_lang() }, &mut out, &mut err)
        }
        Command::Rules { lang } => cli::rules(lang.unwrap_or_else(env_lang), &mut out),
        Command::Explain { rule, lang } => cli::explain(&rule, lang.unwrap_or_else(env_lang), &mut out, &mut err),
        Command::Extract { path, lang } => cli::extract(&path, lang.unwrap_or_else(env_lang), &mut out, &mut err),
        Command::Lsp => unreachable!("served above"),
    };
    ExitCode::from(status as u8)
}
