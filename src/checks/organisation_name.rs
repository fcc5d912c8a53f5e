use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::profile::Title;
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags the organisation named in another form than its title's: a
    /// title of `某县林业局` and a sentence of `某县林业和草原局`, or
    /// `某市医疗保障局` and `某市医保局`. A name is taken for another form of
    /// the title's when it starts with the same place (`某县`), ends with the
    /// same word of an organisation (`局`), and the words between, one's are
    /// the other's with characters left out (`林业` in `林业和草原`, `医保` in
    /// `医疗保障`). One finding, on the first, with the others linked.
    ///
    /// ## Why is this bad?
    /// A disclosure states one organisation's accounts; its name in two forms
    /// (an old name after a reform, a short name, a neighbour's draft copied)
    /// makes a reader wonder whose figures these are, and inspections grade
    /// it as not prepared with care.
    ///
    /// ## Not flagged
    /// Other organisations of the same place (`某县财政局` in the draft of
    /// `某县林业局`: no word in common), units with the title's name in them
    /// (`某县林业局林业工作站`), bodies of their own under a name like the
    /// title's (`某县林业公安局`, `某县林业执法局`), and a title whose organisation is not named
    /// with its place.
    ///
    /// ## Example
    /// ```text
    /// 2025年某县林业局部门预算公开
    /// …
    /// 某县林业和草原局2025年收入预算合计 812.40 万元。
    /// ```
    /// Use the title's name, or correct the title.
    ///
    /// ## Fix
    /// The name is replaced by the title's, for review: the title may be the
    /// one that is out of date.
    ORGANISATION_NAME, "organisation-name", Warning, "the organisation named in another form than in the title",
    zh: "单位名称与标题不一致（同一单位前后写法不同）"
}

/// Characters that end a place's name: the organisation's name starts after it.
const PLACE_ENDS: &[char] = &['省', '市', '县', '区', '旗', '州', '盟', '镇', '乡'];
/// A place's name is at most this many characters.
const PLACE_MAX_CHARS: usize = 8;
/// A name in the text is at most this many characters after its place.
const NAME_MAX_CHARS: usize = 14;

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    let Some(organisation) = title.organisation.as_deref() else { return };
    let Some(name) = Name::of(organisation) else { return };
    let text = cx.text;
    let mut found: Vec<(Span, &str)> = Vec::new();
    for (at, _) in text.match_indices(name.place) {
        let from = at + name.place.len();
        if title.span.range().contains(&at) {
            continue;
        }
        // The shortest run of words after the place that ends with the
        // organisation's word.
        let end = text[from..]
            .char_indices()
            .take(NAME_MAX_CHARS)
            .take_while(|&(_, c)| crate::message::has_cjk(c.encode_utf8(&mut [0; 4])) && !is_mark(c))
            .find(|&(i, _)| text[from + i..].starts_with(name.kind))
            .map(|(i, _)| from + i + name.kind.len());
        let Some(end) = end else { continue };
        let core = &text[from..end - name.kind.len()];
        if core != name.core && another_form(core, name.core) {
            found.push((Span::new(at, end), &text[at..end]));
        }
    }
    let Some((&(first, written), others)) = found.split_first() else { return };
    let fix = Fix::replace(first, organisation.to_string(), Message::ReplaceWith { value: organisation.to_string() }, Applicability::Unsafe);
    let d = Diagnostic::new(&ORGANISATION_NAME, first, Message::OrganisationNamedOtherwise { written: written.to_string(), title: organisation.to_string(), others: others.len() })
        .fix(Some(fix))
        .related(title.span, Message::TheTitle)
        .same_wording(others.iter().map(|&(s, _)| s));
    out.push(d);
}

/// An organisation's name in parts: `某县` `林业` `局`.
struct Name<'a> {
    place: &'a str,
    core: &'a str,
    kind: &'a str,
}

impl<'a> Name<'a> {
    fn of(name: &'a str) -> Option<Name<'a>> {
        let (i, c) = name.char_indices().take(PLACE_MAX_CHARS).find(|&(_, c)| PLACE_ENDS.contains(&c))?;
        let (place, rest) = name.split_at(i + c.len_utf8());
        let last = rest.chars().next_back()?;
        let (core, kind) = rest.split_at(rest.len() - last.len_utf8());
        (core.chars().count() >= 2).then_some(Name { place, core, kind })
    }
}

/// Words that make a longer name a body of its own under the shorter's
/// (`林业公安局` under `林业局`), not another form of it.
const OWN_BODY_WORDS: &[&str] = &["公安", "执法", "稽查", "监察", "事务", "服务", "管理", "保护", "监测", "检测", "考试", "督导", "机关", "派出"];

/// Is `a` another form of `b` (or `b` of `a`): the shorter's characters, in
/// order, in the longer, two at least, and the longer no body of its own?
fn another_form(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() { (a, b) } else { (b, a) };
    if short.chars().count() < 2 || OWN_BODY_WORDS.iter().any(|w| long.contains(w) && !short.contains(w)) {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

fn is_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '、' | '（' | '）' | '“' | '”' | '《' | '》')
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "organisation-name").collect()
    }

    #[test]
    fn another_form_of_the_title_name_is_one_finding() {
        let t = "2025年某县林业局部门预算公开\n\n某县林业和草原局2025年收入预算合计 812.40 万元。\n某县林业局负责全县林业工作。某县林业和草原局无政府性基金预算。\n";
        let d = check(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].span.range()], "某县林业和草原局");
        let t = "2026年某市医疗保障局部门预算公开\n\n某市医保局负责全市医疗保障工作。\n";
        assert_eq!(check(t).len(), 1);
    }

    #[test]
    fn other_organisations_and_units_are_not() {
        for line in ["按照某县财政局的要求编制。", "某县林业局林业工作站收入预算 20.00 万元。", "某县人民政府批准。", "某县农业农村局划转人员 2 名。", "某县林业公安局另行编制预算。"] {
            assert!(check(&format!("2025年某县林业局部门预算公开\n\n某县林业局负责全县林业工作。{line}\n")).is_empty(), "{line}");
        }
        // No place in the title's name.
        assert!(check("2025年林业局部门预算公开\n\n林业和草原局负责林业工作。\n").is_empty());
    }
}
