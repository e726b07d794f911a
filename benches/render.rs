//! Rendering benchmarks: each fixture end to end, and each stage on its own (parse, layout,
//! PDF writing), plus layout on twice the text to show that its cost is linear.
//!
//! Run: `cargo bench --bench render`.

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::internals as stages;
use pacte::{RenderOptions, Renderer};
use std::hint::black_box;
use std::path::Path;

// No global allocator is set: the figures are what an embedder gets with the system
// allocator (the `pacte` binary uses mimalloc, which is faster still).

fn fixture(name: &str) -> (String, pacte::Pacte) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.json"));
    let json = std::fs::read_to_string(&path).expect("fixture");
    let pacte = pacte::Pacte::from_json(&json).expect("valid fixture");
    (json, pacte)
}

/// The same pact with every partner twice: the copies have their letters shifted (a → b,
/// …, z → a), so that they are new words (no cache can serve them) of the same lengths and
/// shapes: about twice the text, all of it to be set.
fn doubled(json: &str) -> pacte::Pacte {
    fn shift(s: &str) -> String {
        let mut in_tag = false; // HTML tags (<sup>) stay as they are
        s.chars()
            .map(|c| {
                in_tag = (in_tag || c == '<') && c != '>';
                match c {
                    _ if in_tag => c,
                    'a'..='y' | 'A'..='Y' => char::from(c as u8 + 1),
                    'z' => 'a',
                    'Z' => 'A',
                    c => c,
                }
            })
            .collect()
    }
    fn walk(v: &mut serde_json::Value, key: &str) {
        match v {
            serde_json::Value::String(s) if key != "nature" => *s = shift(s),
            serde_json::Value::Array(a) => a.iter_mut().for_each(|x| walk(x, key)),
            serde_json::Value::Object(o) => o.iter_mut().for_each(|(k, x)| walk(x, k)),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(json).expect("fixture JSON");
    let mut copies = v["partenaires"].clone();
    walk(&mut copies, "");
    if let (Some(all), Some(extra)) = (v["partenaires"].as_array_mut(), copies.as_array()) {
        all.extend(extra.iter().cloned());
    }
    pacte::Pacte::from_json(&v.to_string()).expect("the doubled pact is valid")
}

fn benches(c: &mut Criterion) {
    let options = RenderOptions {
        base_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        ..RenderOptions::default()
    };
    for name in ["vaucluse-2017-2020", "allier-2018-2021"] {
        let (json, pacte) = fixture(name);
        c.bench_function(&format!("{name}/render"), |b| {
            b.iter(|| pacte::render_pdf(black_box(&pacte), &options).expect("render"))
        });
        // A renderer kept across renders, as `pacte batch` keeps one per thread.
        let mut renderer = Renderer::new();
        c.bench_function(&format!("{name}/render-warm"), |b| {
            b.iter(|| {
                renderer
                    .render(black_box(&pacte), &options)
                    .expect("render")
            })
        });
        c.bench_function(&format!("{name}/parse"), |b| {
            b.iter(|| pacte::Pacte::from_json(black_box(&json)).expect("parse"))
        });
        let images = stages::load_images(&pacte, &options).expect("images");
        c.bench_function(&format!("{name}/layout"), |b| {
            b.iter(|| stages::layout(black_box(&pacte), &options, &images))
        });
        c.bench_function(&format!("{name}/layout-warm"), |b| {
            b.iter(|| renderer.layout(black_box(&pacte), &options, &images))
        });
        let doc = stages::layout(&pacte, &options, &images);
        c.bench_function(&format!("{name}/write"), |b| {
            b.iter(|| stages::write_pdf(black_box(&pacte), &doc, &images, &options).expect("write"))
        });
    }
    let (json, _) = fixture("vaucluse-2017-2020");
    let twice = doubled(&json);
    c.bench_function("vaucluse-2017-2020/layout-x2", |b| {
        b.iter(|| stages::layout(black_box(&twice), &options, &stages::Images::default()))
    });
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
