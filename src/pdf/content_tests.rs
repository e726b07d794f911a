//! Tests of `content`.

use super::*;

fn num(v: i64, d: u32) -> String {
    let mut out = Vec::new();
    push_fixed(&mut out, v, d);
    String::from_utf8(out).unwrap()
}

#[test]
fn numbers_are_short_and_exact() {
    assert_eq!(num(0, 2), "0");
    assert_eq!(num(7370, 2), "73.7");
    assert_eq!(num(7371, 2), "73.71");
    assert_eq!(num(-5, 2), "-0.05");
    assert_eq!(num(-762, 1), "-76.2");
    assert_eq!(num(216, 3), "0.216");
    assert_eq!(num(1000, 3), "1");
    assert_eq!(num(84189, 2), "841.89");
    assert_eq!(num(i64::MIN, 2), "-92233720368547758.08");
    assert_eq!(
        (round(2.5), round(-2.5), round(-0.4), round(0.49)),
        (3, -3, 0, 0)
    );
    assert_eq!((round(f32::NAN), round(f32::INFINITY)), (0, i64::MAX));
}

fn glyph(gid: u16, text: &str, advance: f32, nominal: f32) -> PlacedGlyph {
    PlacedGlyph {
        gid,
        text: text.into(),
        advance,
        nominal,
    }
}

fn text(x: f32, y: f32, variant: Variant, glyphs: Vec<PlacedGlyph>) -> Draw {
    Draw::Text {
        x,
        y,
        variant,
        size: 10.0,
        color: Rgb(0.0, 0.216, 0.42),
        glyphs,
        role: crate::layout::draw::Role::Paragraph,
        angle: 0.0,
    }
}

/// A page with two lines of text, a rule, hidden text, a rectangle and an image.
fn sample() -> Page {
    let g = |gid| glyph(gid, "a", 5.0, 5.0);
    Page {
        draws: vec![
            text(
                50.0,
                100.0,
                Variant::Regular,
                vec![g(68), glyph(69, "b", 4.0, 5.0), g(40), g(68)],
            ),
            text(50.0, 114.5, Variant::Regular, vec![g(69)]),
            Draw::Anchor {
                id: "h1".into(),
                y: 90.0,
            },
            text(60.0, 130.0, Variant::Bold, vec![g(68)]),
            Draw::Line {
                x1: 50.0,
                y1: 140.0,
                x2: 300.0,
                y2: 140.0,
                width: 0.4,
                color: Rgb(0.4, 0.4, 0.45),
                dashed: true,
            },
            Draw::HiddenText {
                x: 50.0,
                y: 160.0,
                size: 2.0,
                glyphs: vec![g(68)],
            },
            text(50.0, 170.0, Variant::Regular, vec![g(68)]),
            Draw::Rect {
                x: 10.0,
                y: 20.0,
                w: 30.0,
                h: 40.0,
                fill: Some(Rgb(1.0, 1.0, 1.0)),
                stroke: None,
            },
            Draw::Image {
                image: 0,
                x: 10.0,
                y: 20.0,
                w: 30.0,
                h: 15.0,
            },
            Draw::Image {
                image: 5,
                x: 10.0,
                y: 20.0,
                w: 30.0,
                h: 15.0,
            },
            Draw::Link {
                x: 50.0,
                y: 90.0,
                w: 100.0,
                h: 12.0,
                target: LinkTarget::Uri("https://example.org".into()),
            },
        ],
    }
}

fn document(page: Page) -> Document {
    Document::of_page(page)
}

#[test]
fn operators_are_compact_and_state_is_set_once() {
    let doc = document(sample());
    let glyphs = UsedGlyphs::collect(&doc);
    let (raw, links) = page(&doc.pages[0], PageSpace::new(800.0), &glyphs, 1, 1.5, &[]);
    // Regular: 68 → 1, 69 → 2, 40 → 3 (0 is .notdef); Bold: 68 → 1.
    let expected: &[u8] =
        b"BT\n/F1 10 Tf\n0 0.216 0.42 rg\n50 700 Td\n[(\x01\x02)100(\x03\x01)]TJ\n\
0 -14.5 Td\n[(\x02)]TJ\n\
/F2 10 Tf\n10 -15.5 Td\n[(\x01)]TJ\nET\n\
0.4 0.4 0.45 RG\n0.4 w\n[3 2]0 d\n50 660 m\n300 660 l\nS\n\
BT\n/F1 2 Tf\n3 Tr\n50 640 Td\n[(\x01)]TJ\n\
/F1 10 Tf\n0 Tr\n0 -10 Td\n[(\x01)]TJ\nET\n\
1 1 1 rg\n10 740 30 40 re\nf\n\
q\n30 0 0 15 10 765 cm\n/Im1 Do\nQ\n";
    assert_eq!(
        String::from_utf8_lossy(&raw),
        String::from_utf8_lossy(expected)
    );
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].rect, [50.0, 698.0, 150.0, 710.0]);
}

/// Two justified lines of `letters` distinct glyphs each, a stretched space (Noto Sans'
/// glyph 3) every fourth glyph: 1.5 pt wider than its own 2.6 pt on the first line,
/// 0.8 pt on the second.
fn justified(letters: u16) -> (Vec<u8>, String) {
    let line = |stretch: f32, first: u16| {
        (0..letters)
            .flat_map(|k| {
                let letter = glyph(first + k, "a", 5.0, 5.0);
                let space = glyph(3, " ", 2.6 + stretch, 2.6);
                if k % 4 == 3 {
                    vec![letter, space]
                } else {
                    vec![letter]
                }
            })
            .collect()
    };
    let doc = document(Page {
        draws: vec![
            text(50.0, 100.0, Variant::Regular, line(1.5, 100)),
            text(50.0, 114.0, Variant::Regular, line(0.8, 100 + letters)),
        ],
    });
    let glyphs = UsedGlyphs::collect(&doc);
    let (raw, _) = page(&doc.pages[0], PageSpace::new(800.0), &glyphs, 0, 1.5, &[]);
    let shown = String::from_utf8_lossy(&raw).into_owned();
    (raw, shown)
}

#[test]
fn spaces_are_stretched_by_word_spacing_in_one_byte_faces() {
    let (raw, shown) = justified(40);
    // 81 glyphs with .notdef: one byte each, the space given the code 32.
    assert_eq!(shown.matches(" Tw\n").count(), 2, "{shown}");
    assert!(shown.contains("\n1.5 Tw\n") && shown.contains("\n0.8 Tw\n"));
    let first = raw.windows(4).position(|w| w == b"[(\x01\x02").unwrap();
    assert_eq!(&raw[first..first + 8], b"[(\x01\x02\x03\x04 \x06");
    // No adjustment at all: the letters have their own advance, the spaces the Tw.
    assert!(!shown.contains(")-") && !shown.contains(")1"), "{shown}");
}

#[test]
fn faces_of_more_than_256_glyphs_keep_two_byte_codes_and_adjust_each_space() {
    let (raw, shown) = justified(150);
    assert!(!shown.contains("Tw"), "{shown}");
    // Ids in order of first use: the first letters 1, 2, 3, 4, then the space 5.
    let first = raw.windows(4).position(|w| w == b"[(\x00\x01").unwrap();
    assert_eq!(
        &raw[first..first + 12],
        b"[(\x00\x01\x00\x02\x00\x03\x00\x04\x00\x05"
    );
    // Each space moved by -1.5 pt at 10 pt: -150 thousandths of an em.
    assert_eq!(shown.matches(")-150(").count(), 150 / 4, "{shown}");
}

#[test]
fn string_delimiters_are_escaped() {
    let mut out = Vec::new();
    for b in [b'(', b')', b'\\', b'\r', b'\n', 0, 0xFF] {
        push_string_byte(&mut out, b);
    }
    assert_eq!(out, b"\\(\\)\\\\\\r\\n\x00\xFF");
}

#[test]
fn rotated_text_uses_a_matrix_and_the_next_run_a_fresh_one() {
    let mut p = sample();
    p.draws.truncate(2);
    if let Draw::Text { angle, .. } = &mut p.draws[0] {
        *angle = 45.0;
    }
    let doc = document(p);
    let glyphs = UsedGlyphs::collect(&doc);
    let (raw, _) = page(&doc.pages[0], PageSpace::new(800.0), &glyphs, 0, 1.5, &[]);
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("0.7071 0.7071 -0.7071 0.7071 50 700 Tm\n"),
        "{text}"
    );
    assert!(text.contains("1 0 0 1 50 685.5 Tm\n"), "{text}");
    // The rotated run (the watermark) is outlined, and the next run filled again.
    let stroke = text.find("1.5 w\n1 Tr\n").expect("stroked text");
    let fill = text.find("0 Tr\n").expect("filled again");
    assert!(
        stroke < fill && fill < text.find("50 685.5 Tm").unwrap(),
        "{text}"
    );
}
