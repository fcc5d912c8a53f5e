use super::{declare_rule, Context};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::message::Message;
use crate::profile::{Scope, Title};
use crate::text::Span;

declare_rule! {
    /// ## What it does
    /// Flags a 单位 disclosure (`某区档案馆2026年单位预算公开`) that calls
    /// itself a department: `本部门`, `我部门`. One finding, on the first,
    /// with the others linked.
    ///
    /// ## Why is this bad?
    /// A unit's disclosure drafted from its department's, or from the
    /// department template, and not read again: the reader cannot tell
    /// whether the figures are the unit's or the whole department's.
    /// Inspections grade a disclosure whose 部门/单位 wording does not match
    /// its title as not prepared with care.
    ///
    /// ## Not flagged
    /// Other departments (`主管部门`, `财政部门`, `有关部门`), the budget
    /// system's words (`部门预算`, `部门决算`), and a 部门 or 部门（单位）
    /// disclosure that says `本单位` (a department speaks of itself so, and
    /// its units are part of it).
    ///
    /// ## Example
    /// ```text
    /// 某区档案馆2026年单位预算公开
    /// …
    /// 本部门2026年收入预算合计 126.40 万元。
    /// ```
    /// Use instead: `本单位2026年收入预算合计 126.40 万元。`
    ///
    /// ## Fix
    /// `部门` is replaced by `单位` in the first, for review.
    WRONG_SCOPE, "wrong-scope", Warning, "a unit's disclosure that calls itself a department",
    zh: "单位公开中自称“本部门”，部门与单位口径不一致"
}

/// How a disclosure names itself as a department.
const SELF_AS_DEPARTMENT: &[&str] = &["本部门", "我部门"];

pub fn check(cx: &Context, title: &Title, out: &mut Vec<Diagnostic>) {
    if title.scope != Some(Scope::Unit) {
        return;
    }
    let mut found: Vec<Span> = SELF_AS_DEPARTMENT
        .iter()
        .flat_map(|w| cx.text.match_indices(w))
        .map(|(at, w)| {
            // `部门`, the word to change.
            let from = at + w.len() - "部门".len();
            Span::new(from, from + "部门".len())
        })
        .filter(|s| !title.span.range().contains(&s.start))
        .collect();
    found.sort_by_key(|s| s.start);
    let Some((&first, others)) = found.split_first() else { return };
    let fix = Fix::replace(first, "单位".to_string(), Message::ReplaceWith { value: "单位".to_string() }, Applicability::Unsafe);
    let written = cx.text[first.start - "本".len()..first.end].to_string();
    out.push(Diagnostic::new(&WRONG_SCOPE, first, Message::WrongScope { written, others: others.len() }).fix(Some(fix)).same_wording(others.iter().copied()));
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn check(text: &str) -> Vec<Diagnostic> {
        crate::analyze(text).diagnostics.into_iter().filter(|d| d.code == "wrong-scope").collect()
    }

    #[test]
    fn a_unit_calling_itself_a_department_is_one_finding() {
        let t = "某区档案馆2026年单位预算公开\n\n本部门2026年收入预算合计 126.40 万元。\n我部门严格执行预算。本部门无政府性基金预算。\n";
        let d = check(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&t[d[0].span.range()], "部门");
        assert_eq!(d[0].related.len(), 2);
    }

    #[test]
    fn other_departments_and_department_disclosures_are_not() {
        assert!(check("某区档案馆2026年单位预算公开\n\n按照主管部门和财政部门要求，编制本单位部门预算。\n").is_empty());
        assert!(check("某区档案局2026年部门预算公开\n\n本部门及所属单位收入预算合计 126.40 万元。\n").is_empty());
        assert!(check("2026年度某镇人民政府部门（单位）预算公开\n\n本部门收入预算合计 126.40 万元。\n").is_empty());
        assert!(check("本部门收入预算合计 126.40 万元。\n").is_empty());
    }
}
