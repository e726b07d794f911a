//! Rendering benchmarks: each fixture end to end, and each stage on its own (parse, layout,
//! PDF writing), plus layout on twice the text to show that its cost is linear.
//!
//! Run: `cargo bench --bench render`.

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::render::{self, RenderOptions};
use std::hint::black_box;
use std::path::Path;

fn fixture(name: &str) -> (String, pacte::Pacte) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{name}.json"));
    let json = std::fs::read_to_string(&path).expect("fixture");
    let pacte = pacte::Pacte::from_json(&json).expect("valid fixture");
    (json, pacte)
}

/// The same pact with every partner twice (ids made unique): about twice the text.
fn doubled(p: &pacte::Pacte) -> pacte::Pacte {
    let mut d = p.clone();
    let mut extra = p.partenaires.clone();
    fn rename(x: &mut pacte::model::Partenaire) {
        x.id = pacte::model::Id::new(format!("{}-bis", x.id)).expect("id");
        for s in &mut x.sous_partenaires {
            rename(s);
        }
    }
    extra.iter_mut().for_each(rename);
    d.partenaires.extend(extra);
    d.sections.extend(p.sections.clone());
    d
}

fn benches(c: &mut Criterion) {
    let options = RenderOptions {
        base_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
        ..RenderOptions::default()
    };
    for name in ["vaucluse-2017-2020", "allier-2018-2021"] {
        let (json, pacte) = fixture(name);
        c.bench_function(&format!("{name}/render"), |b| {
            b.iter(|| render::render_pdf(black_box(&pacte), &options).expect("render"))
        });
        // A renderer kept across renders, as `pacte batch` keeps one per thread.
        let mut renderer = render::Renderer::new();
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
        let (logos, images) = render::load_logos(&pacte, &options.base_dir).expect("logos");
        c.bench_function(&format!("{name}/layout"), |b| {
            b.iter(|| render::layout(black_box(&pacte), &options, &logos))
        });
        c.bench_function(&format!("{name}/layout-warm"), |b| {
            b.iter(|| renderer.layout(black_box(&pacte), &options, &logos))
        });
        let doc = render::layout(&pacte, &options, &logos);
        c.bench_function(&format!("{name}/write"), |b| {
            b.iter(|| render::write_pdf(black_box(&pacte), &doc, &images, &options).expect("write"))
        });
    }
    let (_, pacte) = fixture("vaucluse-2017-2020");
    let twice = doubled(&pacte);
    c.bench_function("vaucluse-2017-2020/layout-x2", |b| {
        b.iter(|| render::layout(black_box(&twice), &options, &[]))
    });
}

criterion_group!(render_benches, benches);
criterion_main!(render_benches);
