//! The 101-département batch, in process: the national template resolved, rendered and
//! written for every département, on one thread and on all threads.
//!
//! Run with `cargo bench --bench batch`. The numbers mean something only with the real
//! renderer behind `pacte::batch::render_all`.

use criterion::{criterion_group, criterion_main, Criterion};
use pacte::batch::{self, Job, Overrides};
use pacte::template::Template;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

fn lot(modele: &Arc<Template>) -> Vec<Job> {
    pacte::registry::departements()
        .iter()
        .map(|d| Job::template(modele.clone(), &d.code, &Overrides::none()).expect("a known code"))
        .collect()
}

fn bench_batch(c: &mut Criterion) {
    let modele = Arc::new(
        Template::load(Path::new("fixtures/modele-national.json")).expect("national template"),
    );
    let sortie = tempfile::tempdir().expect("temporary folder");
    let mut groupe = c.benchmark_group("batch_101_departements");
    groupe
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let coeurs = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    for threads in [1, coeurs] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        groupe.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                let bilan = pool.install(|| {
                    batch::render_all(
                        lot(&modele),
                        sortie.path(),
                        &pacte::RenderOptions::for_dir(Path::new(".")),
                        &pacte::io::AtomicWrites::new(),
                        |_| {},
                    )
                });
                assert!(bilan.success(), "{bilan}");
                black_box(bilan.rendered())
            })
        });
    }
    groupe.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
