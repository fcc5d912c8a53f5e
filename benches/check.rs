//! `cargo bench --bench check`: throughput of a full check on real text (the
//! corpus's drafts, when it is there) and on generated drafts; PDF reading
//! in pages per second, and a 100-page PDF read and checked.

use std::io::Write as _;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// A generated draft of about `bytes` bytes: numbered sections of prose with
/// totals and items, changes with their rates, shares, codes and dates, the
/// figures consistent but for one planted error in every tenth section.
pub fn draft(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 4096);
    let mut n = 0u64;
    while out.len() < bytes {
        n += 1;
        let staff = 100 + (n * 37) % 900; // 人员经费, in hundredths of 万元 below
        let office = 10 + (n * 13) % 90;
        let basic = staff + office;
        let project = 50 + (n * 7) % 300;
        let total = basic + project;
        let change = 1 + n % 9;
        let prior = basic - change;
        let rate = rust_decimal::Decimal::from(change * 100) / rust_decimal::Decimal::from(prior);
        let rate = if n % 10 == 0 { rate + rust_decimal::Decimal::ONE } else { rate };
        let share = rust_decimal::Decimal::from(basic * 100) / rust_decimal::Decimal::from(total);
        out.push_str(&format!(
            "{n}、第{n}项支出情况说明\n\n             本部门 2025 年支出预算合计 {total}.00 万元，其中：基本支出 {basic}.00 万元，占 {share}%；项目支出 {project}.00 万元，\n\n             占 {pshare}%。与上年相比，基本支出增加 {change}.00 万元，主要是人员经费调整。\n\n             （一）基本支出 {basic}.00 万元，比上年增加 {change}.00 万元，增长 {rate}%。主要包括：人员经费 {staff}.00 万元、\n             公用经费 {office}.00 万元等。根据某财预〔2024〕{n}号文件，自 2025 年 1 月 1 日起执行，科目编码 2080505。\n\n             （二）项目支出 {project}.00 万元，与上年持平。联系电话：0471-6281234。\n\n",
            share = share.round_dp(2),
            pshare = (rust_decimal::Decimal::ONE_HUNDRED - share.round_dp(2)),
            rate = rate.round_dp(2),
        ));
    }
    out
}

/// A generated table-heavy draft of about `bytes` bytes, as text extracted
/// from PDF: functional and economic tables with codes, rows broken over
/// lines, unit breakdowns and page breaks; every figure consistent but for
/// one planted error in every tenth table.
pub fn table_draft(bytes: usize) -> String {
    let money = |cents: u64| format!("{}.{:02}", cents / 100, cents % 100);
    let mut out = String::with_capacity(bytes + 4096);
    let mut n = 0u64;
    while out.len() < bytes {
        n += 1;
        let class = 201 + n % 30;
        let (a, b) = (10_000 + (n * 7919) % 90_000, 5_000 + (n * 104_729) % 50_000);
        let (units_a, units_b) = (a / 3, a - a / 3);
        let project = 20_000 + (n * 31) % 9_000;
        let basic = a + b;
        let total = basic + project;
        let planted = if n % 10 == 0 { 100 } else { 0 };
        out.push_str(&format!(
            "部门公开表{n}\n\n一般公共预算支出表\n单位：万元\n\n支出功能分类科目 2025年预算数\n\n科目编码 科目名称 合计 基本支出 项目支出\n\n合　计 {tp} {bs} {p}\n\n{class} 某类支出 {t} {bs} {p}\n\n{class}01 行政运行类 {t} {bs} {p}\n\n{class}0101   行政运行 {a} {a}\n\n{class}0101   行政运行 {ua} {ua}\n\n{class}0101   行政运行 {ub} {ub}\n\n{class}0102   一般行政管理事务支出的\n名称换行\n\n{b} {b}\n\n- {n} -\n\n一般公共预算支出表\n单位：万元\n科目编码 科目名称 合计 基本支出 项目支出\n\n{class}0199   其他支出 {p} {p}\n\n",
            tp = money(total + planted),
            t = money(total),
            bs = money(basic),
            p = money(project),
            a = money(a),
            ua = money(units_a),
            ub = money(units_b),
            b = money(b),
        ));
        let (wages, office) = (basic * 3 / 5, basic - basic * 3 / 5);
        out.push_str(&format!(
            "一般公共预算基本支出表\n单位：万元\n科目名称 合计 人员经费 公用经费\n\n合计 {bs} {w} {o}\n\n301 工资福利支出 {w} {w}\n\n01   基本工资 {w1} {w1}\n\n02   津贴补贴 {w2} {w2}\n\n302 商品和服务支出 {o} {o}\n\n01   办公费 {o} {o}\n\n",
            bs = money(basic),
            w = money(wages),
            o = money(office),
            w1 = money(wages / 2),
            w2 = money(wages - wages / 2),
        ));
        out.push_str(&format!("{n}、第{n}张表的说明\n\n本部门 2025 年一般公共预算支出 {} 万元，其中：基本支出 {} 万元、项目支出 {} 万元。\n\n", money(total), money(basic), money(project)));
    }
    out
}

/// A generated disclosure of about `bytes` bytes whose accounts are each
/// stated three times: in the 支出总表, in the 一般公共预算支出表 and in the
/// text, class to item; one statement in fifty drifts. Thousands of
/// subjects, each tied across places.
pub fn tied_draft(bytes: usize) -> String {
    const CLASSES: &[(u32, &str)] = &[(201, "一般公共服务支出"), (205, "教育支出"), (206, "科学技术支出"), (207, "文化旅游体育与传媒支出"), (208, "社会保障和就业支出"), (210, "卫生健康支出"), (211, "节能环保支出"), (212, "城乡社区支出"), (213, "农林水支出"), (214, "交通运输支出")];
    const SYLLABLES: &[char] = &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉'];
    let name = |n: usize, len: usize| -> String { (0..len).map(|k| SYLLABLES[(n / SYLLABLES.len().pow(k as u32)) % SYLLABLES.len()]).collect() };
    let money = |cents: u64| format!("{}.{:02}", cents / 100, cents % 100);
    let (mut all, mut general, mut text) = (String::new(), String::new(), String::new());
    let mut n = 0usize;
    while all.len() + general.len() + text.len() < bytes {
        let (code, class) = CLASSES[n % CLASSES.len()];
        let (kuan, item) = (1 + (n / CLASSES.len()) % 99, 1 + (n / CLASSES.len() / 99) % 99);
        let (kuan_name, item_name) = (format!("{}事务", name(kuan, 2)), format!("{}服务", name(item + 100 * kuan, 3)));
        let cents = 1_000 + (n as u64 * 7_919) % 900_000;
        let drift = if n % 50 == 49 { cents + 100 } else { cents };
        all.push_str(&format!("{code} {class} {v} {v} 0.00\n{code}{kuan:02} {kuan_name} {v} {v} 0.00\n{code}{kuan:02}{item:02} {item_name} {v} {v} 0.00\n", v = money(cents)));
        general.push_str(&format!("{code} {class} {v} {v}\n{code}{kuan:02} {kuan_name} {v} {v}\n{code}{kuan:02}{item:02} {item_name} {v} {v}\n", v = money(cents)));
        text.push_str(&format!("{}、{class}（类）{kuan_name}（款）{item_name}（项）2025年预算数为{}万元。\n\n", n + 1, money(drift)));
        n += 1;
    }
    format!(
        "部门公开表3\n\n支出总表\n单位：万元\n\n科目编码 科目名称 合计 基本支出 项目支出\n{all}\n部门公开表5\n\n一般公共预算支出表\n单位：万元\n\n科目编码 科目名称 合计 基本支出 项目支出\n{general}\n一、关于某局2025年一般公共预算当年拨款情况说明\n\n{text}"
    )
}

/// Real text: the drafts of `../shared/corpus` (its `*.txt`) concatenated
/// to about `bytes` bytes, as `scripts/bench-real.sh` builds them; `None`
/// when the corpus is absent.
pub fn real_draft(bytes: usize) -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir).ok()?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    paths.sort();
    let drafts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    if drafts.iter().all(String::is_empty) {
        return None;
    }
    let mut out = String::with_capacity(bytes + 65536);
    while out.len() < bytes {
        for d in &drafts {
            out.push_str(d);
            out.push_str("\n\n");
        }
    }
    Some(out)
}

/// A PDF of `pages` pages: the pages of our long draft
/// (`tests/fixtures/input/long.pdf`, LibreOffice's export) over and over,
/// each copy a page of its own that shares the original's content and
/// fonts, as a long disclosure repeats its typesetting.
pub fn long_pdf(pages: usize) -> Vec<u8> {
    use lopdf::{Document, Object};
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/input/long.pdf");
    let Ok(mut pdf) = Document::load(&path) else { panic!("{}: not read", path.display()) };
    let originals: Vec<_> = pdf.get_pages().into_values().collect();
    let mut count = originals.len();
    while count < pages {
        let original = originals[count % originals.len()];
        let Ok(page) = pdf.get_object(original).cloned() else { panic!("page {original:?}") };
        let Ok(parent) = page.as_dict().and_then(|d| d.get(b"Parent")).and_then(Object::as_reference) else { panic!("page {original:?} without parent") };
        let copy = pdf.add_object(page);
        // The copy joins its original's parent, and every node above counts it.
        let mut node = Some(parent);
        let mut first = true;
        while let Some(id) = node {
            let Ok(dict) = pdf.get_object_mut(id).and_then(Object::as_dict_mut) else { break };
            if first {
                if let Ok(kids) = dict.get_mut(b"Kids").and_then(Object::as_array_mut) {
                    kids.push(Object::Reference(copy));
                }
                first = false;
            }
            let n = dict.get(b"Count").and_then(Object::as_i64).unwrap_or(0);
            dict.set("Count", n + 1);
            node = dict.get(b"Parent").and_then(Object::as_reference).ok();
        }
        count += 1;
    }
    let mut out = Vec::new();
    if let Err(e) = pdf.save_to(&mut out) {
        panic!("saving the {pages}-page PDF: {e}");
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for mb in [1usize, 9] {
        match real_draft(mb * 1_000_000) {
            Some(real) => {
                group.throughput(Throughput::Bytes(real.len() as u64));
                group.bench_with_input(BenchmarkId::new("analyze_real", format!("{mb}MB")), &real, |b, t| b.iter(|| gouji::analyze(t)));
            }
            None => {
                let _ = writeln!(std::io::stderr(), "check/analyze_real: no drafts in ../shared/corpus; skipped");
            }
        }
    }
    for mb in [1usize, 10] {
        let text = draft(mb << 20);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("analyze", format!("{mb}MB")), &text, |b, t| b.iter(|| gouji::analyze(t)));
        let tables = table_draft(mb << 20);
        group.throughput(Throughput::Bytes(tables.len() as u64));
        group.bench_with_input(BenchmarkId::new("analyze_tables", format!("{mb}MB")), &tables, |b, t| b.iter(|| gouji::analyze(t)));
        let tied = tied_draft(mb << 20);
        group.throughput(Throughput::Bytes(tied.len() as u64));
        group.bench_with_input(BenchmarkId::new("analyze_ties", format!("{mb}MB")), &tied, |b, t| b.iter(|| gouji::analyze(t)));
    }
    group.finish();

    // PDF: reading (pages per second), and reading then checking, as
    // `gouji check 预算公开.pdf` does.
    let mut group = c.benchmark_group("pdf");
    group.sample_size(10);
    for pages in [9usize, 100] {
        let pdf = long_pdf(pages);
        let read = |bytes: &[u8]| match gouji::input::read(gouji::input::Kind::Pdf, bytes) {
            Ok(doc) => doc,
            Err(e) => panic!("{}", e.text(gouji::Lang::En)),
        };
        assert_eq!(read(&pdf).places.iter().map(|p| match p.1 {
            gouji::input::Place::Page { page, .. } => page,
            _ => 0,
        }).max(), Some(pages), "the PDF has {pages} pages of text");
        group.throughput(Throughput::Elements(pages as u64));
        group.bench_with_input(BenchmarkId::new("read", format!("{pages}pages")), &pdf, |b, pdf| b.iter(|| read(pdf)));
        group.bench_with_input(BenchmarkId::new("read_and_check", format!("{pages}pages")), &pdf, |b, pdf| b.iter(|| gouji::analyze(&read(pdf).text)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
