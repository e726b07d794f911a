//! Footnotes as a reader sees them, read back from the example pact's PDF by MuPDF (see
//! `page_reader`): each note on the page of its call, below the body's last line and above
//! the footer, numbered 1 and 2 in reading order; each call a raised, smaller number.

mod common;
mod page_reader;

use common::rendered;
use page_reader::{body_lines, read, Line, Page};

/// The page holding the line that starts with `start`, and that line.
fn find<'a>(pages: &'a [Page], start: &str) -> (&'a Page, &'a Line) {
    pages
        .iter()
        .find_map(|p| {
            let l = p
                .lines
                .iter()
                .find(|l| l.text.trim_start().starts_with(start))?;
            Some((p, l))
        })
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

/// The call `n` on `page`: a line of its own for MuPDF (its baseline is raised), holding
/// only the number, with the body line it stands in (the one just below it).
fn call<'a>(page: &'a Page, n: &str, word: &str) -> (&'a Line, &'a Line) {
    let body = page
        .lines
        .iter()
        .find(|l| l.text.contains(word))
        .unwrap_or_else(|| panic!("page {}: no line holds {word:?}", page.number));
    let call = page
        .lines
        .iter()
        .filter(|l| l.text.trim() == n && l.baseline < body.baseline)
        .min_by(|a, b| (body.baseline - a.baseline).total_cmp(&(body.baseline - b.baseline)))
        .unwrap_or_else(|| panic!("page {}: no call {n} above {word:?}", page.number));
    (call, body)
}

#[test]
fn notes_stand_at_the_foot_of_their_calls_page_in_order() {
    let pdf = rendered("exemple-complet");
    let pages = read(&pdf);
    let theme = pacte::Theme::default();
    let (p1, n1) = find(&pages, "1. Adopté par");
    let (p2, n2) = find(&pages, "2. Revenu de solidarité");
    let (c1, b1) = call(p1, "1", "(PDI)");
    let (c2, b2) = call(p2, "2", "RSA");
    // Each note on its call's page, in order: 1 above 2 when they share a page.
    if p1.number == p2.number {
        assert!(n1.baseline < n2.baseline, "note 1 above note 2");
    }
    assert!(p1.number <= p2.number);
    let footer = theme.page_height - theme.footer_y;
    for (page, note, call, body) in [(p1, n1, c1, b1), (p2, n2, c2, b2)] {
        // Below every body line of the page, above the footer.
        let body_size = theme.body.size;
        let last_body = body_lines(page, &theme)
            .into_iter()
            .filter(|l| (l.size - body_size).abs() < 0.05)
            .map(|l| l.baseline)
            .fold(0.0f32, f32::max);
        assert!(
            note.baseline > last_body + theme.notes.gap,
            "page {}: note at {} not below the body's last line at {last_body}",
            page.number,
            note.baseline
        );
        assert!(
            note.baseline < footer - 4.0,
            "page {}: note over the footer",
            page.number
        );
        assert!((note.size - theme.notes.text.size).abs() < 0.05, "{note:?}");
        // The call: smaller than its line, raised above its baseline, after its word.
        assert!(call.size < body.size * 0.8, "call {call:?} in {body:?}");
        let rise = body.baseline - call.baseline;
        assert!(
            rise > 1.5 && rise < body.size * 0.6,
            "call raised by {rise}"
        );
        assert!(call.x0 > body.x0, "the call follows the text");
    }
}

#[test]
fn a_note_too_long_for_a_page_fails_the_render_naming_it() {
    let mut v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("fixtures/exemple-complet.json")).unwrap(),
    )
    .unwrap();
    let long = "Une note sans fin, écrite pour ne tenir sur aucune page. ".repeat(250);
    v["preambule"]["texte"] = format!("Un appel[^long].\n\n[^long]: {long}").into();
    let dir = common::out_dir();
    let src = dir.join(format!("note-longue-{}.json", std::process::id()));
    std::fs::write(&src, serde_json::to_string(&v).unwrap()).unwrap();
    let out = dir.join(format!("note-longue-{}.pdf", std::process::id()));
    let options = pacte::RenderOptions::for_dir(&common::root().join("fixtures"));
    let e = pacte::render_file(&src, &out, &options, &pacte::io::AtomicWrites::new())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("footnotes") && e.contains("do not fit a page"),
        "{e}"
    );
    assert!(!out.exists(), "no PDF written");
}
