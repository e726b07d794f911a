//! Fixed pages and page decorations: cover, back cover, running header and footer, watermark.

use super::Composer;
use crate::font::Variant;
use crate::images::ImageRef;
use crate::layout::draw::{Draw, LinkTarget, Role};
use crate::layout::paginate::Page;
use crate::layout::paragraph::{Align, ParaStyle};
use crate::layout::tag::{Artifact, Tag};
use crate::layout::theme::TypeSize;
use crate::text::Run;

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
        let lines = self.flow.lines(runs, width, style);
        // A paragraph, or a heading when its role says so.
        out.push(Draw::Begin(match style.role {
            Role::Heading(level) => Tag::Heading(level),
            _ => Tag::Paragraph,
        }));
        let mut h = 0.0;
        for line in lines {
            for mut d in line.draws {
                d.translate(x, y + h);
                out.push(d);
            }
            h += style.leading;
        }
        out.push(Draw::End);
        h
    }

    /// The cover page.
    pub(super) fn cover(&mut self) -> Page {
        let mut d = Vec::new();
        self.cover_band(&mut d);
        self.cover_logo(&mut d);
        let bottom = self.cover_title(&mut d);
        let mut foot = Vec::new();
        let top = self.cover_foot(&mut foot);
        let top = self.cover_strip(&mut d, top);
        d.extend(foot);
        if bottom > top {
            self.overflow(
                "titre",
                "the cover's title, subtitle and period, and the strip of logos, do not fit on \
                 the cover",
            );
        }
        Page { draws: d }
    }

    /// The coloured band at the top of the cover, with the département's name and period.
    fn cover_band(&mut self, d: &mut Vec<Draw>) {
        let t = self.theme();
        let p = self.pacte;
        let c = t.cover;
        d.push(Draw::Rect {
            x: 0.0,
            y: 0.0,
            w: t.page_width,
            h: c.band,
            fill: Some(t.primary),
            stroke: None,
        });
        let white = |size: f32, leading: f32| ParaStyle {
            ascent: t.ascent,
            size,
            leading,
            color: t.cover.band_text,
            align: Align::Left,
            hyphenate: false,
            role: Role::Paragraph,
        };
        let (left, width) = (t.margins[3], t.column_width() * c.band_text_width);
        let dep = self.plain(&format!("Département {}", p.departement.de), true, false);
        let style = white(c.name.size, c.name.leading);
        self.place_text(d, &dep, left, c.name_top, width, &style);
        let period = self.plain(&p.periode.libelle(), false, false);
        let style = white(c.period.size, c.period.leading);
        self.place_text(d, &period, left, c.period_top, width, &style);
    }

    /// The pact's logo in its white box, on the band.
    fn cover_logo(&mut self, d: &mut Vec<Draw>) {
        let t = self.theme();
        let c = t.cover;
        let Some(logo) = self.pacte.logo.as_deref().and_then(|l| self.logo(l)) else {
            return;
        };
        let [top, bw, bh] = c.logo_box;
        let pad = c.logo_padding;
        let bx = t.page_width - t.margins[1] - bw;
        d.push(Draw::Rect {
            x: bx,
            y: top,
            w: bw,
            h: bh,
            fill: Some(c.logo_fill),
            stroke: None,
        });
        let (w, h) = (bw - 2.0 * pad, bh - 2.0 * pad);
        let alt = crate::text::typo::typographie_str(&self.pacte.logo_alt());
        d.push(Draw::Begin(Tag::Figure { alt }));
        d.push(self.fit_image(logo, bx + pad, top + pad, w, h, true));
        d.push(Draw::End);
    }

    /// The title, subtitle and period below the band, and the short rule under them; the
    /// bottom of the rule.
    fn cover_title(&mut self, d: &mut Vec<Draw>) -> f32 {
        let t = self.theme();
        let p = self.pacte;
        let c = t.cover;
        let (left, width) = (t.margins[3], t.column_width());
        let title_style = ParaStyle {
            size: c.title.size,
            leading: c.title.leading,
            ascent: t.ascent,
            color: t.primary,
            align: Align::Left,
            hyphenate: false,
            role: Role::Heading(1),
        };
        let title = self.plain(&p.titre, true, false);
        let mut y = c.band + c.title_top;
        y += self.place_text(d, &title, left, y, width, &title_style);
        let secondary = |size: TypeSize| ParaStyle {
            size: size.size,
            leading: size.leading,
            color: t.secondary,
            role: Role::Paragraph,
            ..title_style
        };
        if let Some(st) = &p.sous_titre {
            let s = self.plain(st, false, false);
            let gap = c.subtitle_gap;
            y += gap + self.place_text(d, &s, left, y + gap, width, &secondary(c.subtitle));
        }
        // An avenant's title already names the pact's period.
        if self.options.avenant.is_none() {
            let per = self.plain(&p.periode.libelle(), true, false);
            let gap = c.title_period_gap;
            y += gap + self.place_text(d, &per, left, y + gap, width, &secondary(c.title_period));
        }
        let [below, length, rule_width] = c.rule;
        d.push(Draw::Line {
            x1: left,
            y1: y + below,
            x2: left + length,
            y2: y + below,
            width: rule_width,
            color: t.primary,
            dashed: false,
        });
        y + below + rule_width
    }

    /// The strip of the signatories' logos (each file once, in signing order) above the
    /// foot's lines, whose top is `foot`: the logos at a common height, in centred rows
    /// wrapped to the column, in one `Div` of `Figure`s. Returns the strip's top (`foot`
    /// when there is none).
    fn cover_strip(&mut self, d: &mut Vec<Draw>, foot: f32) -> f32 {
        let t = self.theme();
        let c = t.cover;
        let height = c.logo_strip_height;
        if height.is_nan() || height <= 0.0 {
            return foot;
        }
        let logos: Vec<(ImageRef, String)> = self
            .pacte
            .bandeau_logos()
            .into_iter()
            .filter_map(|(path, alt)| Some((self.logo(path)?, alt)))
            .collect();
        if logos.is_empty() {
            return foot;
        }
        let [gap, row_gap] = c.logo_strip_gap;
        let (left, width) = (t.margins[3], t.column_width());
        let max_width = c.logo_strip_max_width.min(width);
        // Rows filled in order, each as wide as it may be; `used`, the last row's width.
        let mut rows: Vec<Vec<(ImageRef, String, f32)>> = Vec::new();
        let mut used = 0.0;
        for (logo, alt) in logos {
            let (w, _) = crate::images::fit(logo.width, logo.height, max_width, height);
            if let Some(row) = rows.last_mut().filter(|_| used + gap + w <= width) {
                used += gap + w;
                row.push((logo, alt, w));
            } else {
                used = w;
                rows.push(vec![(logo, alt, w)]);
            }
        }
        let n = rows.len() as f32;
        let top = foot - c.logo_strip_bottom - n * height - (n - 1.0) * row_gap;
        d.push(Draw::Begin(Tag::Division));
        for (i, row) in rows.into_iter().enumerate() {
            let row_width: f32 =
                row.iter().map(|(_, _, w)| w).sum::<f32>() + gap * (row.len() as f32 - 1.0);
            let mut x = left + (width - row_width) / 2.0;
            let y = top + i as f32 * (height + row_gap);
            for (logo, alt, w) in row {
                let alt = crate::text::typo::typographie_str(&alt);
                d.push(Draw::Begin(Tag::Figure { alt }));
                d.push(self.fit_image(logo, x, y, w, height, true));
                d.push(Draw::End);
                x += w + gap;
            }
        }
        d.push(Draw::End);
        top
    }

    /// The lines at the foot of the cover (issuing service, draft notice); their top.
    fn cover_foot(&mut self, d: &mut Vec<Draw>) -> f32 {
        let t = self.theme();
        let p = self.pacte;
        let c = t.cover;
        let foot = ParaStyle {
            size: c.foot.size,
            leading: c.foot.leading,
            ascent: t.ascent,
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
        let (left, width) = (t.margins[3], t.column_width());
        let top = t.page_height - t.margins[2] - lines.len() as f32 * c.foot.leading;
        let mut fy = top;
        for l in lines {
            let r = self.plain(&l, false, true);
            fy += self.place_text(d, &r, left, fy, width, &foot);
        }
        top
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
        let head = match self.options.avenant {
            Some(_) => crate::text::typo::typographie_str(&p.titre),
            None => {
                crate::text::typo::typographie_str(&format!("{} {}", p.titre, p.periode.libelle()))
            }
        };
        d.push(self.flow.text_draw(
            &head,
            left,
            t.header_y,
            Variant::Regular,
            r.size,
            r.color,
            Role::Artifact(Artifact::Header),
        ));
        let dep = crate::text::typo::typographie_str(&format!("Département {}", p.departement.de));
        let w = self
            .flow
            .cache
            .words
            .shaper
            .width(Variant::Regular, r.size, &dep);
        d.push(self.flow.text_draw(
            &dep,
            right - w,
            t.header_y,
            Variant::Regular,
            r.size,
            r.color,
            Role::Artifact(Artifact::Header),
        ));
        d.push(Draw::Line {
            x1: left,
            y1: t.header_y + t.header_rule.offset,
            x2: right,
            y2: t.header_y + t.header_rule.offset,
            width: t.header_rule.width,
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
            .words
            .shaper
            .width(Variant::Regular, r.size, &foot);
        self.flow.text_draw(
            &foot,
            (t.page_width - fw) / 2.0,
            t.page_height - t.footer_y,
            Variant::Regular,
            r.size,
            r.color,
            Role::Artifact(Artifact::Footer),
        )
    }

    /// The diagonal "PROJET" watermark, centred on the page: outlined letters (see the PDF
    /// content writer), drawn last so that nothing hides them.
    pub(super) fn watermark(&mut self) -> Draw {
        let t = self.theme();
        let size = t.watermark.size;
        let angle: f32 = t.watermark.angle;
        let w = self
            .flow
            .cache
            .words
            .shaper
            .width(Variant::Bold, size, "PROJET");
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
            t.watermark.color,
            Role::Artifact(Artifact::Watermark),
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
