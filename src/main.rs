use std::io::{self, IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use gouji::cli::{self, CheckOptions, Format};
use gouji::{Lang, Message};

mod console;
mod help;

use help::CliText;

/// See `Cargo.toml`: mimalloc on Linux, the system's allocator elsewhere.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands back to the system what mimalloc keeps of the memory freed so
/// far, on every thread of the pool that read the blocks (each keeps its
/// own) and on this one (see [`gouji::on_freed`]): on 9 MB of real text the
/// check's peak is about 4 MB lower.
#[cfg(target_os = "linux")]
fn give_back() {
    extern "C" {
        /// mimalloc's: frees the calling thread's empty pages and hands
        /// back the memory no longer used.
        fn mi_collect(force: bool);
    }
    // SAFETY: mi_collect only frees what the calling thread's heap holds
    // unused; it may be called at any time from any thread.
    rayon::spawn_broadcast(|_| unsafe { mi_collect(true) });
    // SAFETY: as above.
    unsafe { mi_collect(true) };
}

/// gouji (勾稽): find the figures that disagree in a budget disclosure.
#[derive(Parser)]
#[command(version, about, disable_help_subcommand = true)]
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
        /// Write the report to this file instead of standard output.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
        /// Last year's disclosure, to check this year's 上年 figures against
        /// (over [[previous]] in gouji.toml).
        #[arg(long, value_name = "PATH")]
        previous: Option<PathBuf>,
        /// The same year's 预算公开, to check a 决算's 年初预算 figures against.
        #[arg(long, value_name = "PATH")]
        budget: Option<PathBuf>,
        /// Language of messages: zh (default) or en; over `lang` in gouji.toml and LC_ALL/LANG.
        #[arg(long, value_parser = parse_lang, value_name = "LANG")]
        lang: Option<Lang>,
    },
    /// List the rules.
    Rules {
        /// Language: zh (default) or en.
        #[arg(long, value_parser = parse_lang, value_name = "LANG")]
        lang: Option<Lang>,
    },
    /// Print a rule's documentation.
    Explain {
        rule: String,
        /// Language: zh (default) or en.
        #[arg(long, value_parser = parse_lang, value_name = "LANG")]
        lang: Option<Lang>,
    },
    /// Print a draft's text exactly as check reads it (Word and Excel files
    /// included), to see what was checked.
    Extract {
        path: PathBuf,
        /// Language of messages: zh (default) or en.
        #[arg(long, value_parser = parse_lang, value_name = "LANG")]
        lang: Option<Lang>,
    },
    /// Serve the Language Server Protocol on stdin and stdout.
    Lsp,
    /// Print this message or the help of the given subcommand.
    Help {
        command: Option<String>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| Message::BadLang.text(Lang::En))
}

/// The language the command line itself speaks in, read before clap
/// parses (so that its help is in it): `--lang` among the arguments, else
/// the environment's.
fn asked_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        let value = match word.strip_prefix("--lang") {
            Some("") => words.next().map(|w| w.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(lang) = value.as_deref().and_then(Lang::parse) {
            return lang;
        }
    }
    env_lang()
}

/// The command line with its help in `lang`: every text from the
/// catalogue, and in Chinese clap's own headings and placeholders too.
fn command(lang: Lang) -> clap::Command {
    let mut cmd = Args::command();
    let zh = lang == Lang::Zh;
    // clap's own -h and -V, and its help command, have their texts fixed
    // until the command is built: gouji brings its own.
    let flags = |c: clap::Command, version: bool| {
        let help = clap::Arg::new("help").short('h').long("help").action(clap::ArgAction::Help).help(CliText::HelpFlag.text(lang));
        let c = c.disable_help_flag(true).arg(help);
        if version {
            c.disable_version_flag(true).arg(clap::Arg::new("version").short('V').long("version").action(clap::ArgAction::Version).help(CliText::VersionFlag.text(lang)))
        } else {
            c
        }
    };
    let template = |c: clap::Command, usage: &'static str, positionals: bool| {
        if !zh {
            return c;
        }
        let args = if positionals { "参数：\n{positionals}\n\n选项：\n{options}" } else { "选项：\n{options}" };
        c.override_usage(usage).help_template(format!("{{about-with-newline}}\n用法：{{usage}}\n\n{args}{{after-help}}"))
    };
    let lang_arg = move |a: clap::Arg, help: CliText| {
        let a = a.help(help.text(lang)).value_parser(move |s: &str| Lang::parse(s).ok_or_else(|| Message::BadLang.text(lang)));
        // Options keep ASCII placeholders: clap aligns the help by characters, not columns.
        a
    };
    let value_name = |a: clap::Arg, name: &'static str| if zh { a.value_name(name) } else { a };
    cmd = flags(cmd, true).about(CliText::About.text(lang));
    if zh {
        cmd = cmd
            .override_usage("gouji <命令>")
            .help_template("{about-with-newline}\n用法：{usage}\n\n命令：\n{subcommands}\n\n选项：\n{options}{after-help}");
    }
    cmd.mut_subcommand("check", |c| {
        let c = flags(c, false)
            .about(CliText::Check.text(lang))
            .mut_arg("paths", |a| value_name(a.help(CliText::CheckPaths.text(lang)), "路径"))
            .mut_arg("format", |a| value_name(a.help(CliText::Format.text(lang)).hide_possible_values(true).hide_default_value(true), "FORMAT"))
            .mut_arg("color", |a| value_name(a.help(CliText::Color.text(lang)).hide_possible_values(true).hide_default_value(true), "COLOR"))
            .mut_arg("config", |a| a.help(CliText::Config.text(lang)))
            .mut_arg("fix", |a| a.help(CliText::Fix.text(lang)))
            .mut_arg("diff", |a| a.help(CliText::Diff.text(lang)))
            .mut_arg("coverage", |a| a.help(CliText::Coverage.text(lang)))
            .mut_arg("output", |a| a.help(CliText::Output.text(lang)))
            .mut_arg("previous", |a| a.help(CliText::Previous.text(lang)))
            .mut_arg("budget", |a| a.help(CliText::Budget.text(lang)))
            .mut_arg("lang", |a| lang_arg(a, CliText::Lang));
        template(c, "gouji check [选项] <路径>...", true)
    })
    .mut_subcommand("rules", |c| template(flags(c, false).about(CliText::Rules.text(lang)).mut_arg("lang", |a| lang_arg(a, CliText::RulesLang)), "gouji rules [选项]", false))
    .mut_subcommand("explain", |c| {
        let c = flags(c, false).about(CliText::Explain.text(lang)).mut_arg("rule", |a| value_name(a.help(CliText::ExplainRule.text(lang)), "规则")).mut_arg("lang", |a| lang_arg(a, CliText::RulesLang));
        template(c, "gouji explain [选项] <规则>", true)
    })
    .mut_subcommand("extract", |c| {
        let c = flags(c, false).about(CliText::Extract.text(lang)).mut_arg("path", |a| value_name(a.help(CliText::ExtractPath.text(lang)), "文件")).mut_arg("lang", |a| lang_arg(a, CliText::Lang));
        template(c, "gouji extract [选项] <文件>", true)
    })
    .mut_subcommand("lsp", |c| template(flags(c, false).about(CliText::Lsp.text(lang)), "gouji lsp", false))
    .mut_subcommand("help", |c| {
        let c = flags(c, false).about(CliText::HelpSubcommand.text(lang)).mut_arg("command", |a| value_name(a.help(CliText::HelpOfCommand.text(lang)), "命令"));
        template(c, "gouji help [命令]", true)
    })
}

/// The language of the environment: `LC_ALL`, `LC_MESSAGES`, then `LANG`.
pub fn env_lang() -> Lang {
    let var = |name: &str| std::env::var(name).ok();
    Lang::from_env(var("LC_ALL").as_deref(), var("LC_MESSAGES").as_deref(), var("LANG").as_deref())
}

fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = asked_lang(raw.get(1..).unwrap_or_default());
    let parsed = command(lang).try_get_matches_from(raw).and_then(|m| Args::from_arg_matches(&m));
    // `gouji help [command]`: that command's help, or gouji's.
    if let Ok(Args { command: Command::Help { command: name } }) = &parsed {
        let mut cmd = command(lang);
        let printed = match name {
            Some(name) => match cmd.find_subcommand_mut(name) {
                Some(sub) => sub.print_help(),
                None => {
                    let _ = writeln!(io::stderr(), "{}", help::no_command(name, lang));
                    return ExitCode::from(cli::EXIT_TROUBLE as u8);
                }
            },
            None => cmd.print_help(),
        };
        return ExitCode::from(if printed.is_ok() { 0 } else { cli::EXIT_TROUBLE as u8 });
    }
    let args = match parsed {
        Ok(a) => a,
        Err(e) => {
            match help::error_zh(&e).filter(|_| lang == Lang::Zh) {
                Some(text) => {
                    let _ = write!(io::stderr(), "{text}");
                }
                None => {
                    let _ = e.print();
                }
            }
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
    // Standard error is not held locked: the progress bar draws on it from
    // the threads that check the files.
    let (mut out, mut err) = (io::stdout().lock(), io::stderr());
    #[cfg(target_os = "linux")]
    gouji::on_freed(give_back);
    let status = match args.command {
        Command::Check { paths, format, color, config, fix, diff, coverage, output, previous, budget, lang } => {
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
            let progress = io::stderr().is_terminal();
            cli::check(&CheckOptions { paths, format, color, config, fix, diff, coverage, previous, budget, lang, env_lang: env_lang(), output, progress }, &mut out, &mut err)
        }
        Command::Rules { lang } => cli::rules(lang.unwrap_or_else(env_lang), &mut out),
        Command::Explain { rule, lang } => cli::explain(&rule, lang.unwrap_or_else(env_lang), &mut out, &mut err),
        Command::Extract { path, lang } => cli::extract(&path, lang.unwrap_or_else(env_lang), &mut out, &mut err),
        Command::Lsp | Command::Help { .. } => unreachable!("served above"),
    };
    ExitCode::from(status as u8)
}
