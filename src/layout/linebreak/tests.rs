//! Tests of `linebreak`.

use super::*;

const SPACE: Item = Item::Glue {
    width: 1.0,
    stretch: 0.5,
    shrink: 0.33,
};

/// Items for words of the given widths, with spaces and a paragraph end.
fn paragraph(words: &[f32]) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, &w) in words.iter().enumerate() {
        if i > 0 {
            items.push(SPACE);
        }
        items.push(Item::Box { width: w });
    }
    items.extend(paragraph_end());
    items
}

/// Words of a real pact paragraph, as character counts (monospace).
fn seed_words() -> Vec<f32> {
    SEED.split_whitespace()
        .map(|w| w.chars().count() as f32)
        .collect()
}

const SEED: &str =
    "Le Pacte Territorial d’Insertion est un outil de coordination des interventions \
        des différents acteurs de l’insertion sur le territoire départemental. Il définit les \
        modalités de coordination des actions entreprises par les parties pour favoriser \
        l’insertion sociale et professionnelle des bénéficiaires du revenu de solidarité active. \
        Il s’appuie sur un diagnostic partagé des besoins et de l’offre d’insertion, et fixe des \
        orientations communes déclinées en fiches-actions, évaluées chaque année par le comité \
        de pilotage réunissant l’ensemble des signataires.";

/// Natural width of a line (content, plus the hyphen when it ends at a penalty).
fn natural(items: &[Item], l: &Line) -> (f32, f32, f32) {
    let (mut w, mut y, mut z) = (0.0, 0.0, 0.0);
    for it in &items[l.start..l.end.min(items.len())] {
        match *it {
            Item::Box { width } => w += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                w += width;
                if stretch.is_finite() {
                    y += stretch;
                }
                z += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    if let Some(Item::Penalty { width, .. }) = items.get(l.end) {
        w += width;
    }
    (w, y, z)
}

/// Width of the line as set with its ratio and its letter spacing.
fn set_width(items: &[Item], l: &Line) -> f32 {
    let (w, y, z) = natural(items, l);
    let boxes: f32 = items[l.start..l.end.min(items.len())]
        .iter()
        .map(|it| match *it {
            Item::Box { width } => width,
            _ => 0.0,
        })
        .sum();
    let w = w + l.tracking * boxes;
    if l.ratio >= 0.0 {
        w + l.ratio * y
    } else {
        w + l.ratio * z
    }
}

fn check_cover(items: &[Item], lines: &[Line]) {
    assert!(!lines.is_empty());
    assert_eq!(lines[0].start, 0);
    for pair in lines.windows(2) {
        assert!(pair[0].end < pair[1].start);
        // Only glue and penalties skipped between lines.
        for it in &items[pair[0].end + 1..pair[1].start] {
            assert!(!matches!(it, Item::Box { .. }));
        }
    }
    assert_eq!(lines.last().unwrap().end, items.len() - 1);
}

#[test]
fn lines_fit_their_width() {
    for items in [paragraph(&seed_words()), seed_items(&Params::default())] {
        for width in [20.0, 30.0, 45.0, 60.0] {
            let lines = break_lines(&items, |_| width, &Params::default());
            check_cover(&items, &lines);
            assert!(lines.len() > 2);
            for (i, l) in lines.iter().enumerate() {
                assert!(!l.overfull);
                assert!(l.ratio >= -1.0);
                let set = set_width(&items, l);
                let stretch = natural(&items, l).1;
                if i + 1 < lines.len() && stretch > 0.0 {
                    assert!(
                        (set - width).abs() < 1e-3,
                        "line {i} set at {set} for {width}"
                    );
                } else {
                    assert!(set <= width + 1e-3);
                }
            }
            assert_eq!(lines.last().unwrap().ratio, 0.0, "last line is ragged");
        }
    }
}

/// A line whose spaces alone would stretch past `letters_stretch_above` is letter-spaced:
/// its spaces stop at that ratio, its boxes take the rest up to `letter_stretch`; the
/// breaks are those chosen without letter spacing.
#[test]
fn letters_stretch_only_past_their_ratio() {
    // « 10 10 » then « 5 » on a last line: the first line has one space (stretch 0.5).
    let items = paragraph(&[10.0, 10.0, 5.0]);
    let no_letters = Params {
        letter_stretch: 0.0,
        ..Params::default()
    };
    let params = Params::default();
    let first = |width: f32, params: &Params| break_lines(&items, |_| width, params)[0];
    // 21 + 1.5 × 0.5 = 21.75: no letter spacing up to there.
    let l = first(21.7, &params);
    assert_eq!(l.end, 3);
    assert!(l.tracking == 0.0 && (l.ratio - 1.4).abs() < 1e-4, "{l:?}");
    // 22.25 needs 0.5 more: the boxes (20) take it (2.5 %), the space stays at 1.5.
    let l = first(22.25, &params);
    assert_eq!(l.end, 3);
    assert!(
        (l.tracking - 0.025).abs() < 1e-5 && (l.ratio - 1.5).abs() < 1e-5,
        "{l:?}"
    );
    assert!((set_width(&items, &l) - 22.25).abs() < 1e-4);
    // Past the letters' 4 % (0.8), the space stretches again: (2 - 0.8) / 0.5.
    let l = first(23.0, &params);
    assert!(
        (l.tracking - 0.04).abs() < 1e-5 && (l.ratio - 2.4).abs() < 1e-4,
        "{l:?}"
    );
    assert!((set_width(&items, &l) - 23.0).abs() < 1e-4);
    let l = first(23.0, &no_letters);
    assert!(l.tracking == 0.0 && (l.ratio - 4.0).abs() < 1e-4, "{l:?}");
    // The same breaks, with or without letters, on a real paragraph.
    let seed = seed_items(&params);
    for width in [20.0, 30.0, 45.0, 60.0] {
        let ends = |p: &Params| -> Vec<usize> {
            break_lines(&seed, |_| width, p)
                .iter()
                .map(|l| l.end)
                .collect()
        };
        assert_eq!(ends(&params), ends(&no_letters), "width {width}");
    }
}

#[test]
fn variable_line_widths() {
    let items = paragraph(&seed_words());
    let widths = |i: usize| if i < 2 { 25.0 } else { 40.0 };
    let lines = break_lines(&items, widths, &Params::default());
    check_cover(&items, &lines);
    for (i, l) in lines.iter().enumerate().take(lines.len() - 1) {
        assert!((set_width(&items, l) - widths(i)).abs() < 1e-3);
    }
}

#[test]
fn forced_break_splits() {
    let mut items = paragraph(&[3.0, 4.0, 5.0]);
    items.truncate(items.len() - 3);
    items.extend(paragraph_end());
    let mid = items.len() - 1;
    items.extend(paragraph(&[2.0, 2.0]));
    let lines = break_lines(&items, |_| 100.0, &Params::default());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].end, mid);
    assert_eq!(lines[1].start, mid + 1);
    assert_eq!(lines[0].ratio, 0.0);
    check_cover(&items, &lines);
}

#[test]
fn infinite_penalty_never_breaks() {
    // Ten words; every glue preceded by a "no break" penalty is not a break.
    let mut items = Vec::new();
    for i in 0..10 {
        if i > 0 {
            if i % 2 == 1 {
                items.push(Item::no_break());
                items.push(Item::Glue {
                    width: 1.0,
                    stretch: 0.5,
                    shrink: 0.33,
                });
            } else {
                items.push(SPACE);
            }
        }
        items.push(Item::Box { width: 3.0 });
    }
    items.extend(paragraph_end());
    for width in [5.0, 9.0, 12.0, 20.0] {
        let lines = break_lines(&items, |_| width, &Params::default());
        check_cover(&items, &lines);
        for l in &lines[..lines.len() - 1] {
            assert!(
                !matches!(items[l.end - 1], Item::Penalty { penalty, .. } if penalty >= INFINITY),
                "broke at a glue behind an infinite penalty"
            );
            if let Item::Penalty { penalty, .. } = items[l.end] {
                assert!(penalty < INFINITY);
            }
        }
    }
    // A penalty of INFINITY as the only opportunity: never taken, even if overfull.
    let items = vec![
        Item::Box { width: 5.0 },
        Item::Penalty {
            width: 0.0,
            penalty: INFINITY,
            flagged: false,
        },
        Item::Box { width: 5.0 },
        Item::forced_break(),
    ];
    let lines = break_lines(&items, |_| 6.0, &Params::default());
    assert_eq!(lines.len(), 1);
    assert!(lines[0].overfull);
}

/// "aaaa bbbbbb cc|ddd" style paragraph with a hyphenation point inside each long word.
fn hyphenated(words: &[(f32, f32)], params: &Params) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, &(a, b)) in words.iter().enumerate() {
        if i > 0 {
            items.push(SPACE);
        }
        items.push(Item::Box { width: a });
        if b > 0.0 {
            items.push(params.hyphen_item(1.0));
            items.push(Item::Box { width: b });
        }
    }
    items.extend(paragraph_end());
    items
}

#[test]
fn hyphenation_used_when_needed_and_consecutive_hyphens_avoided() {
    let params = Params::default();
    // Lines of 10: "aaaa bbbbb" cannot be set without hyphenating long words.
    let words = [
        (6.0, 6.0),
        (6.0, 6.0),
        (6.0, 6.0),
        (6.0, 6.0),
        (6.0, 6.0),
        (6.0, 6.0),
    ];
    let items = hyphenated(&words, &params);
    let lines = break_lines(&items, |_| 9.0, &params);
    check_cover(&items, &lines);
    assert!(lines.iter().any(|l| l.hyphenated));
    for l in &lines[..lines.len() - 1] {
        assert!(!l.overfull);
    }
    // Words fitting well without hyphens: first pass succeeds, no hyphen.
    let words = [
        (2.0, 2.0),
        (1.0, 2.0),
        (3.0, 0.0),
        (2.0, 2.0),
        (3.0, 0.0),
        (2.0, 1.0),
        (3.0, 0.0),
        (2.0, 2.0),
    ];
    let items = hyphenated(&words, &params);
    let lines = break_lines(&items, |_| 9.0, &params);
    assert!(lines.iter().all(|l| !l.hyphenated), "{lines:?}");
}

/// Best demerits of pass 2 found by dynamic programming over every break (no active
/// list, no pruning): the oracle for [`break_lines`]. `forbid_pairs`: skip breakings
/// with two flagged breaks in a row. Breakings with more than
/// [`Params::max_consecutive_hyphens`] flagged breaks in a row are skipped.
fn oracle(items: &[Item], width: f32, params: &Params, forbid_pairs: bool) -> Option<f64> {
    let lw = move |_: usize| width;
    let p = Paragraphe::new(items, &lw);
    let costs = Costs::new(params, false);
    let tol = f64::from(params.tolerance);
    let mut memo = std::collections::HashMap::new();
    #[allow(clippy::too_many_arguments)]
    fn rec(
        p: &Paragraphe,
        c: &Costs,
        tol: f64,
        forbid: bool,
        memo: &mut std::collections::HashMap<(usize, usize, u8, u8), Option<f64>>,
        start: usize,
        line: usize,
        streak: u8,
        fit: u8,
    ) -> Option<f64> {
        let flagged = streak > 0;
        if let Some(v) = memo.get(&(start, line, streak, fit)) {
            return *v;
        }
        let n = p.its.len();
        let mut best: Option<f64> = None;
        for b in start..n {
            if !p.legal(b, true) {
                continue;
            }
            let w = p.width(line);
            let r = p.measure(start, b, w).raw;
            let f = p.its[b].kind == Kind::Penalty && p.its[b].flagged;
            let next_streak = if f { streak.saturating_add(1) } else { 0 };
            if (-1.0..=tol).contains(&r) && !(forbid && flagged && f) && next_streak <= c.max_streak
            {
                let (d, fitb) = p.demerits(c, start, b, w, r, flagged, fit);
                let total = if b + 1 == n {
                    Some(d)
                } else {
                    rec(
                        p,
                        c,
                        tol,
                        forbid,
                        memo,
                        p.next_start[b + 1],
                        line + 1,
                        next_streak,
                        fitb,
                    )
                    .map(|x| x + d)
                };
                if let Some(t) = total {
                    best = Some(best.map_or(t, |x: f64| x.min(t)));
                }
            }
            if p.its[b].forced() {
                break;
            }
        }
        memo.insert((start, line, streak, fit), best);
        best
    }
    rec(&p, &costs, tol, forbid_pairs, &mut memo, 0, 0, 0, 1)
}

/// Total pass-2 demerits of a breaking.
fn total_demerits(items: &[Item], width: f32, params: &Params, lines: &[Line]) -> f64 {
    let lw = move |_: usize| width;
    let p = Paragraphe::new(items, &lw);
    let costs = Costs::new(params, false);
    let (mut flagged, mut fit, mut total) = (false, 1, 0.0);
    for l in lines {
        let r = p.measure(l.start, l.end, f64::from(width)).raw;
        let (d, f) = p.demerits(&costs, l.start, l.end, f64::from(width), r, flagged, fit);
        total += d;
        fit = f;
        flagged = l.hyphenated;
    }
    total
}

/// Sub-paragraphs of the seed, hyphenated: (items, width).
fn samples(params: &Params) -> Vec<(Vec<Item>, f32)> {
    let words: Vec<&str> = SEED.split_whitespace().collect();
    let mut out = Vec::new();
    for (k, len) in [(0, 9), (5, 12), (17, 14), (30, 10), (44, 16), (60, 11)] {
        let text = words[k..(k + len).min(words.len())].join(" ");
        for width in [14.0, 17.0, 20.0, 23.0, 27.0, 31.0, 36.0, 42.0] {
            out.push((items_for(&text, params), width));
        }
    }
    out
}

#[test]
fn total_fit_is_optimal() {
    let params = Params {
        pretolerance: -1.0,
        ..Params::default()
    };
    let mut compared = 0;
    for (items, width) in samples(&params) {
        let lines = break_lines(&items, |_| width, &params);
        check_cover(&items, &lines);
        if let Some(best) = oracle(&items, width, &params, false) {
            compared += 1;
            let got = total_demerits(&items, width, &params, &lines);
            assert!(
                (got - best).abs() <= 1e-6 * best.max(1.0),
                "width {width}: {got} vs optimum {best}"
            );
        }
    }
    assert!(compared >= 24, "only {compared} samples feasible");
}

#[test]
fn flagged_pair_avoided_when_possible() {
    let consecutive = |ls: &[Line]| ls.windows(2).any(|p| p[0].hyphenated && p[1].hyphenated);
    let mut free = Params {
        pretolerance: -1.0,
        flagged_demerits: 0.0,
        final_hyphen_demerits: 0.0,
        max_consecutive_hyphens: u8::MAX,
        ..Params::default()
    };
    free.hyphen_penalty = 0.0;
    let strict = Params {
        flagged_demerits: 1e9,
        ..free.clone()
    };
    let mut premise = 0;
    // Every width from 10 to 44 em: narrow measures are where hyphens pile up.
    let widths = samples(&free)
        .into_iter()
        .step_by(8)
        .flat_map(|(items, _)| (10..=44).map(move |w| (items.clone(), w as f32)));
    for (items, width) in widths {
        let a = break_lines(&items, |_| width, &free);
        let b = break_lines(&items, |_| width, &strict);
        check_cover(&items, &b);
        if oracle(&items, width, &strict, true).is_some() {
            assert!(!consecutive(&b), "width {width}: {b:?}");
            premise += usize::from(consecutive(&a));
        }
    }
    assert!(
        premise > 0,
        "test premise: some sample hyphenates twice in a row when free"
    );
}

#[test]
fn never_more_than_two_hyphenated_lines_in_a_row() {
    let run = |ls: &[Line]| ls.windows(3).any(|p| p.iter().all(|l| l.hyphenated));
    let mut free = Params {
        pretolerance: -1.0,
        flagged_demerits: 0.0,
        final_hyphen_demerits: 0.0,
        max_consecutive_hyphens: u8::MAX,
        ..Params::default()
    };
    free.hyphen_penalty = -500.0;
    let capped = Params {
        max_consecutive_hyphens: 2,
        ..free.clone()
    };
    let mut premise = 0;
    // Every width from 10 to 44 em: narrow measures are where hyphens pile up.
    let widths = samples(&free)
        .into_iter()
        .step_by(8)
        .flat_map(|(items, _)| (10..=44).map(move |w| (items.clone(), w as f32)));
    for (items, width) in widths {
        let a = break_lines(&items, |_| width, &free);
        let b = break_lines(&items, |_| width, &capped);
        check_cover(&items, &b);
        assert!(!run(&b), "width {width}: {b:?}");
        premise += usize::from(run(&a));
        // The cap holds in every pass, the emergency one included.
        let tight = break_lines(&items, |_| width / 3.0, &capped);
        assert!(!run(&tight), "width {}: {tight:?}", width / 3.0);
    }
    assert!(
        premise > 0,
        "test premise: some sample hyphenates three times in a row when free"
    );
}

/// The seed paragraph as items, widths in characters, with real French hyphenation points.
fn seed_items(params: &Params) -> Vec<Item> {
    items_for(SEED, params)
}

/// `text` as items, widths in characters, with real French hyphenation points.
fn items_for(text: &str, params: &Params) -> Vec<Item> {
    let mut items = Vec::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            items.push(SPACE);
        }
        let mut d = 0;
        for p in crate::text::hyphen::points(word) {
            items.push(Item::Box {
                width: word[d..p].chars().count() as f32,
            });
            items.push(params.hyphen_item(1.0));
            d = p;
        }
        items.push(Item::Box {
            width: word[d..].chars().count() as f32,
        });
    }
    items.extend(paragraph_end());
    items
}

#[test]
fn box_wider_than_line_is_alone_and_overfull() {
    let items = paragraph(&[3.0, 3.0, 50.0, 3.0, 3.0]);
    let lines = break_lines(&items, |_| 10.0, &Params::default());
    check_cover(&items, &lines);
    let wide: Vec<&Line> = lines.iter().filter(|l| l.overfull).collect();
    assert_eq!(wide.len(), 1, "{lines:?}");
    let l = wide[0];
    assert_eq!(&items[l.start..l.end], &[Item::Box { width: 50.0 }]);
    assert_eq!(l.ratio, -1.0);
    for l in lines.iter().filter(|l| !l.overfull) {
        assert!(set_width(&items, l) <= 10.0 + 1e-3);
    }
}

#[test]
fn degenerate_inputs_never_panic() {
    let p = Params::default();
    assert!(break_lines(&[], |_| 10.0, &p).is_empty());
    assert!(greedy(&[], |_| 10.0).is_empty());
    let items = paragraph(&[3.0, 4.0, 5.0]);
    for w in [0.0, -5.0, f32::NAN, f32::INFINITY, f32::NEG_INFINITY] {
        let lines = break_lines(&items, |_| w, &p);
        check_cover(&items, &lines);
        assert!(lines.iter().all(|l| l.ratio.is_finite() && l.ratio >= -1.0));
    }
    // Zero width: every word alone, overfull.
    let lines = break_lines(&items, |_| 0.0, &p);
    assert_eq!(lines.len(), 3);
    assert!(lines.iter().all(|l| l.overfull));
    // NaN everywhere.
    let nan = [
        Item::Box { width: f32::NAN },
        Item::Glue {
            width: f32::NAN,
            stretch: f32::NAN,
            shrink: f32::NAN,
        },
        Item::Box { width: 2.0 },
        Item::Penalty {
            width: f32::NAN,
            penalty: f32::NAN,
            flagged: true,
        },
        Item::Box {
            width: f32::INFINITY,
        },
    ];
    let lines = break_lines(&nan, |_| 5.0, &p);
    assert!(!lines.is_empty());
    assert_eq!(lines.last().unwrap().end, nan.len());
    assert!(lines.iter().all(|l| l.ratio.is_finite()));
    // Glue and penalties only; a lone forced break; no final break.
    for items in [
        vec![SPACE, SPACE],
        vec![Item::forced_break()],
        vec![Item::forced_break(), Item::forced_break()],
        vec![Item::Box { width: 3.0 }, SPACE, Item::Box { width: 3.0 }],
        vec![Item::Penalty {
            width: 0.0,
            penalty: -INFINITY,
            flagged: true,
        }],
    ] {
        for lines in [break_lines(&items, |_| 5.0, &p), greedy(&items, |_| 5.0)] {
            assert!(!lines.is_empty());
            let last = lines.last().unwrap().end;
            assert!(last == items.len() || last == items.len() - 1);
            assert!(lines
                .iter()
                .all(|l| l.start <= items.len() && l.end <= items.len()));
        }
    }
    // Weird params.
    let weird = Params {
        tolerance: f32::NAN,
        pretolerance: f32::INFINITY,
        line_penalty: f32::NAN,
        ..p
    };
    check_cover(&items, &break_lines(&items, |_| 8.0, &weird));
}

fn squared_slack(items: &[Item], lines: &[Line], width: f32) -> f32 {
    lines[..lines.len() - 1]
        .iter()
        .map(|l| (width - natural(items, l).0).powi(2))
        .sum()
}

#[test]
fn total_fit_beats_first_fit() {
    // Knuth–Plass minimises demerits, not squared slack, so a single measure can come
    // out slightly worse than first-fit on slack; summed over many measures it is
    // clearly better, and no total-fit line is overfull. Hyphenation points cost TeX's 50
    // (the document's dearer ones trade slack for fewer hyphens, on purpose).
    let params = Params {
        hyphen_penalty: 50.0,
        max_consecutive_hyphens: u8::MAX,
        ..Params::default()
    };
    for items in [paragraph(&seed_words()), seed_items(&params)] {
        let (mut tf_slack, mut ff_slack) = (0.0, 0.0);
        for width in 15..70 {
            let width = width as f32;
            let tf = break_lines(&items, |_| width, &params);
            let ff = greedy(&items, |_| width);
            check_cover(&items, &tf);
            check_cover(&items, &ff);
            assert!(tf.iter().all(|l| !l.overfull), "width {width}");
            tf_slack += squared_slack(&items, &tf, width);
            ff_slack += squared_slack(&items, &ff, width);
        }
        assert!(
            tf_slack < 0.9 * ff_slack,
            "total-fit {tf_slack} vs first-fit {ff_slack}"
        );
    }
}

#[test]
fn total_fit_minimises_badness_where_first_fit_is_feasible() {
    // With every other cost at zero, pass 2 minimises the sum of squared badness
    // exactly, so it can never lose to first-fit when first-fit's lines are acceptable.
    let params = Params {
        pretolerance: -1.0,
        line_penalty: 0.0,
        flagged_demerits: 0.0,
        final_hyphen_demerits: 0.0,
        fitness_demerits: 0.0,
        hyphen_penalty: 0.0,
        max_consecutive_hyphens: u8::MAX,
        ..Params::default()
    };
    let bad2 = |items: &[Item], ls: &[Line], w: f32| -> f64 {
        let lw = move |_: usize| w;
        let p = Paragraphe::new(items, &lw);
        ls.iter()
            .map(|l| badness(p.measure(l.start, l.end, f64::from(w)).raw).powi(2))
            .sum()
    };
    let mut compared = 0;
    for items in [paragraph(&seed_words()), seed_items(&params)] {
        for width in 15..70 {
            let width = width as f32;
            let ff = greedy(&items, |_| width);
            let lw = move |_: usize| width;
            let p = Paragraphe::new(&items, &lw);
            let tol = f64::from(params.tolerance);
            if ff
                .iter()
                .any(|l| !(-1.0..=tol).contains(&p.measure(l.start, l.end, f64::from(width)).raw))
            {
                continue;
            }
            let tf = break_lines(&items, |_| width, &params);
            compared += 1;
            let (a, b) = (bad2(&items, &tf, width), bad2(&items, &ff, width));
            assert!(a <= b * (1.0 + 1e-9), "width {width}: {a} > {b}");
        }
    }
    assert!(
        compared >= 10,
        "only {compared} feasible first-fit breakings"
    );
}

#[test]
fn greedy_takes_as_much_as_fits() {
    let items = paragraph(&[3.0; 12]);
    // Each word 3 + space 1: "3 3 3" = 11 natural, fits 11.
    let lines = greedy(&items, |_| 11.0);
    assert_eq!(lines.len(), 4);
    assert!(lines.iter().all(|l| !l.overfull));
}

#[test]
fn fitness_and_badness() {
    assert_eq!(fitness(-0.8), 0);
    assert_eq!(fitness(0.0), 1);
    assert_eq!(fitness(0.7), 2);
    assert_eq!(fitness(1.5), 3);
    assert_eq!(badness(1.0), 100.0);
    assert_eq!(badness(-0.5), 12.5);
}

#[test]
fn long_paragraph_breaks_in_linear_time() {
    // 5 000 words; the run time is reported, not asserted.
    let base = seed_words();
    let words: Vec<f32> = base.iter().cycle().take(5000).copied().collect();
    let params = Params::default();
    let mut items = Vec::new();
    for (i, &w) in words.iter().enumerate() {
        if i > 0 {
            items.push(SPACE);
        }
        if w >= 8.0 {
            items.push(Item::Box { width: 4.0 });
            items.push(params.hyphen_item(1.0));
            items.push(Item::Box { width: w - 4.0 });
        } else {
            items.push(Item::Box { width: w });
        }
    }
    items.extend(paragraph_end());
    let t = std::time::Instant::now();
    let lines = break_lines(&items, |_| 70.0, &params);
    eprintln!("5000 words: {} lines in {:?}", lines.len(), t.elapsed());
    let t = std::time::Instant::now();
    let p2 = Params {
        pretolerance: -1.0,
        ..params.clone()
    };
    let l2 = break_lines(&items, |_| 70.0, &p2);
    eprintln!(
        "5000 words, pass 2 only: {} lines in {:?}",
        l2.len(),
        t.elapsed()
    );
    check_cover(&items, &lines);
    assert!(lines.iter().all(|l| !l.overfull));
    assert!(lines.len() > 5000 * 5 / 70);
}

#[test]
fn random_items_never_panic() {
    let mut rng = crate::test_rng::Xorshift::new(0x9E37_79B9_7F4A_7C15);
    let mut next = || rng.next();
    let values = [
        0.0,
        1.0,
        3.5,
        -2.0,
        50.0,
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        1e30,
        -1e30,
    ];
    let penalties = [
        0.0,
        50.0,
        -50.0,
        INFINITY,
        -INFINITY,
        2.0 * INFINITY,
        f32::NAN,
        1e9,
    ];
    for _ in 0..2000 {
        let len = (next() % 30) as usize;
        let mut items = Vec::with_capacity(len);
        for _ in 0..len {
            let r: Vec<u64> = (0..5).map(|_| next()).collect();
            let v = |k: usize| values[(r[k] % values.len() as u64) as usize];
            items.push(match r[0] % 3 {
                0 => Item::Box { width: v(1) },
                1 => Item::Glue {
                    width: v(1),
                    stretch: v(2),
                    shrink: v(3),
                },
                _ => Item::Penalty {
                    width: v(1),
                    penalty: penalties[(r[2] % penalties.len() as u64) as usize],
                    flagged: r[4].is_multiple_of(2),
                },
            });
        }
        let mut pick = |v: &[f32]| v[(next() % v.len() as u64) as usize];
        let w = pick(&values);
        let w2 = pick(&values);
        let width = move |i: usize| if i.is_multiple_of(2) { w } else { w2 };
        for lines in [
            break_lines(&items, width, &Params::default()),
            greedy(&items, width),
        ] {
            assert_eq!(lines.is_empty(), items.is_empty());
            for l in &lines {
                assert!(l.start <= items.len() && l.end <= items.len());
                assert!(l.ratio.is_finite() && l.ratio >= -1.0);
            }
            for pair in lines.windows(2) {
                assert!(pair[0].end < pair[1].start || pair[1].start == items.len());
            }
            if let Some(last) = lines.last() {
                assert!(last.end + 1 >= items.len());
            }
        }
    }
}
