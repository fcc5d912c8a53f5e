//! `cargo bench --bench check`: throughput of a full check on generated drafts.

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

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for mb in [1usize, 10] {
        let text = draft(mb << 20);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("analyze", format!("{mb}MB")), &text, |b, t| b.iter(|| gouji::analyze(t)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
