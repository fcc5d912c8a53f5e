//! The command line's own texts (help, usage, its errors), typed as the
//! message catalogue is: each with its Chinese and English side by side in
//! one exhaustive `match`. Chinese unless English is asked for.

use gouji::Lang;

/// A text of the command line's help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliText {
    About,
    Check,
    CheckPaths,
    Format,
    Color,
    Config,
    Fix,
    Diff,
    Coverage,
    Output,
    Previous,
    Budget,
    Lang,
    Rules,
    RulesLang,
    Explain,
    ExplainRule,
    Extract,
    ExtractPath,
    Lsp,
    HelpFlag,
    VersionFlag,
    HelpSubcommand,
    HelpOfCommand,
}

impl CliText {
    #[cfg(test)]
    pub const ALL: [CliText; 24] = [
        CliText::About,
        CliText::Check,
        CliText::CheckPaths,
        CliText::Format,
        CliText::Color,
        CliText::Config,
        CliText::Fix,
        CliText::Diff,
        CliText::Coverage,
        CliText::Output,
        CliText::Previous,
        CliText::Budget,
        CliText::Lang,
        CliText::Rules,
        CliText::RulesLang,
        CliText::Explain,
        CliText::ExplainRule,
        CliText::Extract,
        CliText::ExtractPath,
        CliText::Lsp,
        CliText::HelpFlag,
        CliText::VersionFlag,
        CliText::HelpSubcommand,
        CliText::HelpOfCommand,
    ];

    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            CliText::About => lang.pick(
                "gouji（勾稽）：找出预算公开文稿中前后不符的数字。",
                "gouji (勾稽): find the figures that disagree in a budget disclosure.",
            ),
            CliText::Check => lang.pick(
                "检查文稿：文件、文件夹（其中的 .txt、.md、.docx、.xlsx 和 .xls 文件），或用 - 表示标准输入。",
                "Check drafts: files, folders (their .txt, .md, .docx, .xlsx and .xls files) or - for stdin.",
            ),
            CliText::CheckPaths => lang.pick("要检查的文件或文件夹；- 表示标准输入", "Files or folders to check; - for stdin"),
            CliText::Format => lang.pick(
                "输出格式：human（默认，带下划线标出数字的原文行）、json（每条诊断一行 JSON）、sarif（SARIF 2.1.0，供代码扫描平台使用）、github（GitHub Actions 注释）、html（全部文稿的检查报告，一个网页文件，可配合 --output）",
                "Output format: human (the default: source lines with the figures underlined), json (JSON Lines, one object per diagnostic), sarif (SARIF 2.1.0, for code-scanning dashboards), github (GitHub Actions annotations), html (one self-contained page reviewing every draft, with --output)",
            ),
            CliText::Color => lang.pick(
                "颜色：auto（默认，输出到终端且未设置 NO_COLOR 时着色）、always、never",
                "Colour: auto (the default: on a terminal, unless NO_COLOR is set), always, never",
            ),
            CliText::Config => lang.pick("使用此配置文件，而不是最近的 gouji.toml", "Use this configuration file instead of the nearest gouji.toml"),
            CliText::Fix => lang.pick(
                "就地应用所有安全修正（原子写入，保留原编码和换行符）",
                "Apply every safe fix in place (atomically, keeping encoding and line ends)",
            ),
            CliText::Diff => lang.pick("以统一差异格式显示安全修正，不写入任何文件", "Show the safe fixes as a unified diff without writing anything"),
            CliText::Coverage => lang.pick(
                "逐个文件列出表间标准勾稽关系：哪些已核对，哪些未核对及原因（human 和 json 格式）",
                "List, per file, the standard ties between tables that were verified and those skipped with the reason (human and json formats)",
            ),
            CliText::Output => lang.pick("将结果写入此文件，而不是标准输出（如 --format html --output 检查报告.html）", "Write the results to this file instead of standard output (as --format html --output review.html)"),
            CliText::Previous => lang.pick(
                "上年公开稿：将本稿的上年数（增减额、增减率、上年列所隐含的上年数）与之核对；优先于 gouji.toml 中的 [[previous]]",
                "Last year's disclosure, to check this year's 上年 figures (implied by changes, rates and 上年 columns) against; over [[previous]] in gouji.toml",
            ),
            CliText::Budget => lang.pick(
                "本年预算公开稿：将决算稿的年初预算数与之核对；优先于 gouji.toml 中 [[previous]] 的 budget",
                "The same year's 预算公开, to check a 决算's 年初预算 figures against; over `budget` in [[previous]] in gouji.toml",
            ),
            CliText::Lang => lang.pick(
                "输出语言：zh（默认）或 en；优先于 gouji.toml 中的 lang 及环境变量 LC_ALL/LANG",
                "Language of messages: zh (the default) or en; over `lang` in gouji.toml and LC_ALL/LANG",
            ),
            CliText::Rules => lang.pick("列出全部规则", "List the rules"),
            CliText::RulesLang => lang.pick("语言：zh（默认）或 en", "Language: zh (the default) or en"),
            CliText::Explain => lang.pick("显示某条规则的说明", "Print a rule's documentation"),
            CliText::ExplainRule => lang.pick("规则名，如 change-rate-mismatch", "The rule, as change-rate-mismatch"),
            CliText::Extract => lang.pick(
                "按 check 读取的方式输出文稿的文本（含 Word 和 Excel 文件），以便查看实际检查的内容",
                "Print a draft's text exactly as check reads it (Word and Excel files included), to see what was checked",
            ),
            CliText::ExtractPath => lang.pick("文稿文件；- 表示标准输入", "The draft; - for stdin"),
            CliText::Lsp => lang.pick("在标准输入输出上提供语言服务器协议（LSP）服务", "Serve the Language Server Protocol on stdin and stdout"),
            CliText::HelpFlag => lang.pick("显示帮助", "Print help"),
            CliText::VersionFlag => lang.pick("显示版本", "Print version"),
            CliText::HelpSubcommand => lang.pick("显示本帮助，或某个命令的帮助", "Print this message or the help of the given subcommand"),
            CliText::HelpOfCommand => lang.pick("要查看帮助的命令", "The command to print the help of"),
        }
    }
}

/// `gouji help NAME` of a command that does not exist.
pub fn no_command(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("错误：没有 `{name}` 这个命令（可用命令：check、rules、explain、extract、lsp）"),
        Lang::En => format!("error: no command `{name}` (the commands: check, rules, explain, extract, lsp)"),
    }
}

/// A command-line error clap found, in Chinese (`None`: one clap's own
/// words say better, as help or the version).
pub fn error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let get = |kind: ContextKind| {
        e.get(kind).map(|v| match v {
            clap::error::ContextValue::String(s) => s.clone(),
            clap::error::ContextValue::Strings(s) => s.join("、"),
            other => other.to_string(),
        })
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::UnknownArgument => format!("无法识别的参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => format!("没有 `{}` 这个命令（可用命令：check、rules、explain、extract、lsp）", get(ContextKind::InvalidSubcommand).unwrap_or_default()),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = get(ContextKind::InvalidValue).unwrap_or_default();
            // A value gouji's own parser refused says why, in the language asked for.
            let why = std::error::Error::source(e).map(|why| format!("：{why}")).unwrap_or_default();
            match get(ContextKind::ValidValue) {
                Some(valid) => format!("参数 {arg} 的取值 `{value}` 无效，可用取值：{valid}"),
                None => format!("参数 {arg} 的取值 `{value}` 无效{why}"),
            }
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与 {} 同时使用", get(ContextKind::PriorArg).unwrap_or_default()),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => format!("参数 {arg} 的取值个数不对"),
        ErrorKind::NoEquals => format!("参数 {arg} 须用 = 给出取值"),
        // Help and the version, or errors clap says best.
        _ => return None,
    };
    Some(format!("错误：{what}\n\n运行 `gouji --help` 或 `gouji <命令> --help` 查看用法。\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_text_exists_in_both_languages() {
        for h in CliText::ALL {
            let (zh, en) = (h.text(Lang::Zh), h.text(Lang::En));
            assert!(gouji::message::has_cjk(zh), "{h:?}: {zh}");
            assert!(en.chars().any(|c| c.is_ascii_alphabetic()) && !en.contains('，'), "{h:?}: {en}");
            assert_ne!(zh, en);
        }
    }
}
