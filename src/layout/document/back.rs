//! The back cover: the pact's title line at the top, the contact block in a coloured band at
//! the foot. A band too short for the block grows upwards; a block taller than a page goes
//! on as many back pages as it needs, so nothing is cut.

use super::Composer;
use crate::layout::draw::{Draw, Role};
use crate::layout::paginate::Page;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::text::Run;

impl Composer<'_, '_> {
    /// The back cover, on as many pages as its contact block needs (one, as a rule).
    pub(super) fn back_cover(&mut self) -> Vec<Page> {
        let lines = self.contact_lines();
        let most = self.back_lines_per_page();
        let mut pages = Vec::new();
        let mut rest: &[Vec<Draw>] = &lines;
        loop {
            let (now, later) = rest.split_at(rest.len().min(most));
            pages.push(self.back_page(now));
            if later.is_empty() {
                return pages;
            }
            rest = later;
        }
    }

    /// The style of the contact block, on the band.
    fn contact_style(&self) -> ParaStyle {
        let t = self.theme();
        ParaStyle {
            size: t.cover.back_text.size,
            leading: t.cover.back_text.leading,
            ascent: t.ascent,
            color: t.cover.band_text,
            align: Align::Left,
            hyphenate: false,
            role: Role::Paragraph,
        }
    }

    /// How many lines of the contact block a back page holds: below the title, the band may
    /// take the whole page.
    fn back_lines_per_page(&self) -> usize {
        let t = self.theme();
        let c = t.cover;
        let room = t.page_height - t.margins[0] - c.back_title_room - 2.0 * c.back_text_top;
        (room / c.back_text.leading).floor().max(1.0) as usize
    }

    /// The contact block set in lines: direction and service in bold, the address, then
    /// "Téléphone … — site" with the site alone as a link.
    fn contact_lines(&mut self) -> Vec<Vec<Draw>> {
        let Some(c) = &self.pacte.contact else {
            return Vec::new();
        };
        let mut paras: Vec<Vec<Run>> = Vec::new();
        for (text, bold) in [
            (&c.direction, true),
            (&c.service, true),
            (&c.adresse, false),
        ] {
            if let Some(s) = text {
                paras.push(self.plain(s, bold, false));
            }
        }
        let mut r = Vec::new();
        if let Some(tel) = &c.telephone {
            r.extend(self.plain(&format!("Téléphone {tel}"), false, false));
        }
        if let Some(w) = &c.site_web {
            if !r.is_empty() {
                r.extend(self.plain(" — ", false, false));
            }
            let url = if w.starts_with("http") {
                w.clone()
            } else {
                format!("https://{w}")
            };
            r.extend(self.plain(w, false, false).into_iter().map(|run| Run {
                link: Some(url.clone()),
                ..run
            }));
        }
        if !r.is_empty() {
            paras.push(r);
        }
        let (width, style) = (self.theme().column_width(), self.contact_style());
        paras
            .iter()
            .flat_map(|runs| self.flow.lines(runs, width, &style))
            .map(|l| l.draws)
            .collect()
    }

    /// One back page: the band sized to `lines` (at least the theme's), the lines in it, the
    /// title line at the top.
    fn back_page(&mut self, lines: &[Vec<Draw>]) -> Page {
        let t = self.theme();
        let c = t.cover;
        let left = t.margins[3];
        let text = lines.len() as f32 * c.back_text.leading;
        let band = c.back_band.max(text + 2.0 * c.back_text_top);
        let mut d = vec![Draw::Rect {
            x: 0.0,
            y: t.page_height - band,
            w: t.page_width,
            h: band,
            fill: Some(t.primary),
            stroke: None,
        }];
        let mut y = t.page_height - band + c.back_text_top;
        for line in lines {
            for mut draw in line.iter().cloned() {
                draw.translate(left, y);
                d.push(draw);
            }
            y += c.back_text.leading;
        }
        self.back_title(&mut d);
        Page { draws: d }
    }

    /// The back cover's title line: title, period, département.
    fn back_title(&mut self, d: &mut Vec<Draw>) {
        let t = self.theme();
        let p = self.pacte;
        let title = self.plain(
            &format!(
                "{} {} — Département {}",
                p.titre,
                p.periode.libelle(),
                p.departement.de
            ),
            false,
            true,
        );
        let st = ParaStyle {
            size: t.cover.back_title.size,
            leading: t.cover.back_title.leading,
            ascent: t.ascent,
            color: t.secondary,
            align: Align::Left,
            hyphenate: false,
            role: Role::Paragraph,
        };
        let (left, top, width) = (t.margins[3], t.margins[0], t.column_width());
        self.place_text(d, &title, left, top, width, &st);
    }
}
