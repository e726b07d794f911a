//! Fixed pages and page decorations: cover, back cover, running header and footer, watermark.

use super::Composer;
use crate::font::Variant;
use crate::images::ImageRef;
use crate::layout::draw::{Draw, LinkTarget, Role};
use crate::layout::paginate::Page;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::theme::{mm, Rgb};
use crate::text::Run;

const WHITE: Rgb = Rgb(1.0, 1.0, 1.0);
// Theme: the back cover's band, at least, mm.
const BACK_BAND: f32 = 60.0;
// Theme: the space above and below the contact block in that band, mm.
const BACK_PAD: f32 = 14.0;
// Theme: the room kept at the top of the back cover for its title, mm.
const BACK_TITLE_ROOM: f32 = 20.0;
// Theme: colour of the PROJET watermark's outline (drawn over everything, white pages and
// the cover's band alike).
const WATERMARK: Rgb = Rgb(0.70, 0.72, 0.77);

impl Composer<'_, '_> {
    /// The logo loaded from `path`.
    pub(super) fn logo(&self, path: &std::path::Path) -> Option<ImageRef> {
        self.images.find(path)
    }

    /// An image fitted (aspect kept) in a box, centred horizontally if `center`.
    pub(super) fn fit_image(
        &self,
        logo: ImageRef,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        center: bool,
    ) -> Draw {
        let (iw, ih) = crate::images::fit(logo.width, logo.height, w, h);
        let ix = if center { x + (w - iw) / 2.0 } else { x };
        Draw::Image {
            image: logo.index,
            x: ix,
            y: y + (h - ih) / 2.0,
            w: iw,
            h: ih,
        }
    }

    /// Lays out text at a fixed place; returns the height used.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn place_text(
        &mut self,
        out: &mut Vec<Draw>,
        runs: &[Run],
        x: f32,
        y: f32,
        width: f32,
        style: &ParaStyle,
    ) -> f32 {
        let lines = self.flow.cache.lines(runs, width, style);
        let mut h = 0.0;
        for line in lines {
            for mut d in line.draws {
                d.translate(x, y + h);
                out.push(d);
            }
            h += style.leading;
        }
        h
    }

    /// The cover page.
    pub(super) fn cover(&mut self) -> Page {
        let t = self.theme();
        let p = self.pacte;
        let mut d = Vec::new();
        let band = mm(100.0);
        d.push(Draw::Rect {
            x: 0.0,
            y: 0.0,
            w: t.page_width,
            h: band,
            fill: Some(t.primary),
            stroke: None,
        });
        let left = t.margins[3];
        let width = t.column_width();
        let white = |size: f32, leading: f32, align| ParaStyle {
            size,
            leading,
            color: WHITE,
            align,
            hyphenate: false,
            role: Role::Heading(1),
        };
        let dep = self.plain(&format!("Département {}", p.departement.de), true, false);
        self.place_text(
            &mut d,
            &dep,
            left,
            mm(38.0),
            width * 0.62,
            &white(20.0, 25.0, Align::Left),
        );
        let period = self.plain(&p.periode.libelle(), false, false);
        self.place_text(
            &mut d,
            &period,
            left,
            mm(62.0),
            width * 0.62,
            &white(15.0, 19.0, Align::Left),
        );
        if let Some(logo) = p.logo.as_deref().and_then(|l| self.logo(l)) {
            let (bw, bh) = (mm(56.0), mm(40.0));
            let bx = t.page_width - t.margins[1] - bw;
            d.push(Draw::Rect {
                x: bx,
                y: mm(30.0),
                w: bw,
                h: bh,
                fill: Some(WHITE),
                stroke: None,
            });
            d.push(self.fit_image(
                logo,
                bx + mm(4.0),
                mm(34.0),
                bw - mm(8.0),
                bh - mm(8.0),
                true,
            ));
        }
        let title_style = ParaStyle {
            size: 30.0,
            leading: 36.0,
            color: t.primary,
            align: Align::Left,
            hyphenate: false,
            role: Role::Heading(1),
        };
        let title = self.plain(&p.titre, true, false);
        let mut y = band + mm(32.0);
        y += self.place_text(&mut d, &title, left, y, width, &title_style);
        if let Some(st) = &p.sous_titre {
            let s = self.plain(st, false, false);
            let style = ParaStyle {
                size: 16.0,
                leading: 21.0,
                color: t.secondary,
                ..title_style
            };
            y += mm(3.0) + self.place_text(&mut d, &s, left, y + mm(3.0), width, &style);
        }
        let per = self.plain(&p.periode.libelle(), true, false);
        let style = ParaStyle {
            size: 22.0,
            leading: 28.0,
            color: t.secondary,
            ..title_style
        };
        y += mm(6.0) + self.place_text(&mut d, &per, left, y + mm(6.0), width, &style);
        d.push(Draw::Line {
            x1: left,
            y1: y + mm(6.0),
            x2: left + mm(40.0),
            y2: y + mm(6.0),
            width: 2.0,
            color: t.primary,
            dashed: false,
        });
        let foot = ParaStyle {
            size: 10.0,
            leading: 13.0,
            color: t.text,
            align: Align::Left,
            hyphenate: false,
            role: Role::Paragraph,
        };
        let mut lines: Vec<String> = Vec::new();
        if let Some(s) = &p.metadonnees.service_emetteur {
            lines.push(s.clone());
        }
        if p.statut == crate::model::Statut::Projet {
            lines.push(
                "Document de travail — projet soumis à la concertation des partenaires".into(),
            );
        }
        let mut fy = t.page_height - t.margins[2] - lines.len() as f32 * 13.0;
        for l in lines {
            let r = self.plain(&l, false, true);
            fy += self.place_text(&mut d, &r, left, fy, width, &foot);
        }
        Page { draws: d }
    }

    /// The back cover, with the contact block in the band at its foot. A band too short for
    /// the block grows upwards; a block taller than a page goes on as many back pages as it
    /// needs, so nothing is cut.
    pub(super) fn back_cover(&mut self) -> Vec<Page> {
        let t = self.theme();
        let p = self.pacte;
        let left = t.margins[3];
        let width = t.column_width();
        let style = ParaStyle {
            size: 10.0,
            leading: 14.0,
            color: WHITE,
            align: Align::Left,
            hyphenate: false,
            role: Role::Paragraph,
        };
        let mut lines: Vec<Vec<Draw>> = Vec::new();
        if let Some(c) = &p.contact {
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
            // "Téléphone … — site": the site alone is the link.
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
            for runs in paras {
                let set = self.flow.cache.lines(&runs, width, &style);
                lines.extend(set.into_iter().map(|l| l.draws));
            }
        }
        // Below the title at the top, the band may take the whole page.
        let most = ((t.page_height - t.margins[0] - mm(BACK_TITLE_ROOM) - 2.0 * mm(BACK_PAD))
            / style.leading)
            .floor()
            .max(1.0) as usize;
        let mut pages = Vec::new();
        let mut rest: &[Vec<Draw>] = &lines;
        loop {
            let (now, later) = rest.split_at(rest.len().min(most));
            let text = now.len() as f32 * style.leading;
            let band = mm(BACK_BAND).max(text + 2.0 * mm(BACK_PAD));
            let mut d = vec![Draw::Rect {
                x: 0.0,
                y: t.page_height - band,
                w: t.page_width,
                h: band,
                fill: Some(t.primary),
                stroke: None,
            }];
            let mut y = t.page_height - band + mm(BACK_PAD);
            for line in now {
                for mut draw in line.iter().cloned() {
                    draw.translate(left, y);
                    d.push(draw);
                }
                y += style.leading;
            }
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
                size: 9.0,
                leading: 12.0,
                color: t.secondary,
                align: Align::Left,
                hyphenate: false,
                role: Role::Paragraph,
            };
            self.place_text(&mut d, &title, left, t.margins[0], width, &st);
            pages.push(Page { draws: d });
            if later.is_empty() {
                break pages;
            }
            rest = later;
        }
    }

    /// The running header, the same on every page: the pact's title and period on the left,
    /// the département on the right, a rule below.
    pub(super) fn running_header(&mut self) -> Vec<Draw> {
        let t = self.theme();
        let p = self.pacte;
        let r = t.running;
        let left = t.margins[3];
        let right = t.page_width - t.margins[1];
        let mut d = Vec::new();
        let head =
            crate::text::typo::typographie_str(&format!("{} {}", p.titre, p.periode.libelle()));
        d.push(self.flow.text_draw(
            &head,
            left,
            t.header_y,
            Variant::Regular,
            r.size,
            r.color,
            Role::Artifact,
        ));
        let dep = crate::text::typo::typographie_str(&format!("Département {}", p.departement.de));
        let w = self.flow.cache.shaper.width(Variant::Regular, r.size, &dep);
        d.push(self.flow.text_draw(
            &dep,
            right - w,
            t.header_y,
            Variant::Regular,
            r.size,
            r.color,
            Role::Artifact,
        ));
        d.push(Draw::Line {
            x1: left,
            y1: t.header_y + 4.0,
            x2: right,
            y2: t.header_y + 4.0,
            width: 0.4,
            color: r.color,
            dashed: false,
        });
        d
    }

    /// The running footer of page `n` of `total` (1-based): "Page n / total", centred.
    pub(super) fn running_footer(&mut self, n: usize, total: usize) -> Draw {
        let t = self.theme();
        let r = t.running;
        let foot = format!("Page {n} / {total}");
        let fw = self
            .flow
            .cache
            .shaper
            .width(Variant::Regular, r.size, &foot);
        self.flow.text_draw(
            &foot,
            (t.page_width - fw) / 2.0,
            t.page_height - t.footer_y,
            Variant::Regular,
            r.size,
            r.color,
            Role::Artifact,
        )
    }

    /// The diagonal "PROJET" watermark, centred on the page: outlined letters (see the PDF
    /// content writer), drawn last so that nothing hides them.
    pub(super) fn watermark(&mut self) -> Draw {
        let t = self.theme();
        let size = 110.0;
        let angle: f32 = 55.0;
        let w = self.flow.cache.shaper.width(Variant::Bold, size, "PROJET");
        let (s, c) = angle.to_radians().sin_cos();
        let (cx, cy) = (t.page_width / 2.0, t.page_height / 2.0);
        let x = cx - w / 2.0 * c + 0.36 * size * s;
        let y = cy + w / 2.0 * s + 0.36 * size * c;
        let mut d = self.flow.text_draw(
            "PROJET",
            x,
            y,
            Variant::Bold,
            size,
            WATERMARK,
            Role::Artifact,
        );
        if let Draw::Text { angle: a, .. } = &mut d {
            *a = angle;
        }
        d
    }

    /// A link to an anchor over an area.
    pub(super) fn anchor_link(x: f32, y: f32, w: f32, h: f32, anchor: &str) -> Draw {
        Draw::Link {
            x,
            y,
            w,
            h,
            target: LinkTarget::Anchor(anchor.to_string()),
        }
    }
}
