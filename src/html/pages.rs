//! The fixed parts: the cover, the sommaire, the signatories and the back cover.

use super::document::Page;
use super::escape;
use super::inline::{self, Sigles};
use super::logos::Logo;
use crate::model::Statut;

impl Page<'_> {
    /// An `<img>` of a logo, its intrinsic size given so that the page does not move.
    pub(super) fn img(logo: &Logo, alt: &str, class: &str) -> String {
        format!(
            "<img class=\"{class}\" src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">",
            logo.uri,
            escape::attr(&crate::text::typo::typographie_str(alt)),
            logo.width,
            logo.height
        )
    }

    /// The cover, as the page's banner: the département and its logo, the title, the
    /// subtitle and period, the strip of the signatories' logos, the issuing service, and
    /// whether it is a draft.
    pub(crate) fn cover(&self) -> String {
        let p = self.pacte;
        let none = Sigles::default();
        let mut h = String::from("<header id=\"couverture\" class=\"couverture\">\n");
        if p.statut == Statut::Projet {
            h.push_str("<p class=\"statut\"><strong>Projet</strong> — ");
            inline::plain(
                &mut h,
                "document de travail soumis à la concertation des partenaires",
                &none,
            );
            h.push_str("</p>\n");
        }
        h.push_str("<div class=\"bandeau\">\n<p class=\"departement\">");
        inline::plain(&mut h, &format!("Département {}", p.departement.de), &none);
        h.push_str("</p>\n");
        if let Some(logo) = p.logo.as_deref().and_then(|l| self.logos.get(l)) {
            h.push_str(&Self::img(logo, &p.logo_alt(), "logo"));
            h.push('\n');
        }
        h.push_str("</div>\n<h1 class=\"titre\">");
        inline::plain(&mut h, &p.titre, &none);
        h.push_str("</h1>\n");
        if let Some(st) = &p.sous_titre {
            h.push_str("<p class=\"sous-titre\">");
            inline::plain(&mut h, st, &none);
            h.push_str("</p>\n");
        }
        // An avenant's title already names the pact's period.
        if self.avenant.is_none() {
            h.push_str(&format!(
                "<p class=\"periode\">{}</p>\n",
                escape::text(&p.periode.libelle())
            ));
        }
        let strip = p.bandeau_logos();
        if !strip.is_empty() {
            h.push_str("<ul class=\"logos-partenaires\">\n");
            for (path, alt) in strip {
                if let Some(logo) = self.logos.get(path) {
                    h.push_str(&format!("<li>{}</li>\n", Self::img(logo, &alt, "logo")));
                }
            }
            h.push_str("</ul>\n");
        }
        if let Some(s) = &p.metadonnees.service_emetteur {
            h.push_str("<p class=\"emetteur\">");
            inline::plain(&mut h, s, &none);
            h.push_str("</p>\n");
        }
        h.push_str("</header>\n");
        h
    }

    /// The sommaire: the level-1 and level-2 headings, nested, each a link to its heading.
    pub(crate) fn sommaire(&self) -> String {
        // An avenant is a few pages: its articles need no sommaire, as in its PDF.
        if self.avenant.is_some() {
            return String::new();
        }
        let mut h =
            String::from("<nav id=\"sommaire\" class=\"sommaire\" aria-label=\"Sommaire\">\n<h1>");
        inline::plain(&mut h, &self.pacte.titres.sommaire, &Sigles::default());
        h.push_str("</h1>\n<ol>");
        let mut open_sub = false;
        let mut open_item = false;
        for e in &self.toc {
            let sub = e.level == 2 && open_item;
            if sub && !open_sub {
                h.push_str("\n<ol>");
                open_sub = true;
            } else if !sub {
                if open_sub {
                    h.push_str("\n</ol>");
                    open_sub = false;
                }
                if open_item {
                    h.push_str("</li>");
                }
            }
            h.push_str("\n<li>");
            h.push_str(&format!("<a href=\"#{}\">", escape::attr(&e.id)));
            if let Some(n) = &e.number {
                h.push_str(&format!("<span class=\"numero\">{n} </span>"));
            }
            h.push_str(&e.html);
            h.push_str("</a>");
            if sub {
                h.push_str("</li>");
            } else {
                open_item = true;
            }
        }
        if open_sub {
            h.push_str("\n</ol>");
        }
        if open_item {
            h.push_str("</li>");
        }
        h.push_str("\n</ol>\n</nav>\n");
        h
    }

    /// The signatories: where and when, how many originals, that the signed original is
    /// the PDF, then one item per signatory in signing order.
    pub(crate) fn signatures(&mut self) {
        let p = self.pacte;
        if p.signataires.is_empty() {
            return;
        }
        let numbered = self.avenant.is_none();
        self.heading(&p.titres.signataires, 1, numbered, true);
        let s = self.sigles.partout();
        let mut h = String::from("\n<p>");
        inline::plain(&mut h, &p.mention_fait_a(), &s);
        if let Some(exemplaires) = p.mention_exemplaires() {
            h.push_str("<br>");
            inline::plain(&mut h, &exemplaires, &s);
        }
        h.push_str("</p>\n<p class=\"note\">");
        let document = match self.avenant {
            Some(_) => "cet avenant",
            None => "ce pacte",
        };
        let original = format!(
            "L'original signé de {document} est son édition PDF, qui porte les signatures : \
             cette page n'en est que la version accessible."
        );
        inline::plain(&mut h, &original, &s);
        h.push_str("</p>\n<ol class=\"signataires\">");
        for sig in &p.signataires {
            h.push_str("\n<li>");
            if let Some(logo) = sig.logo.as_deref().and_then(|l| self.logos.get(l)) {
                h.push_str(&Self::img(logo, &p.signataire_logo_alt(sig), "logo"));
            }
            h.push_str("<p><strong>");
            inline::plain(&mut h, &sig.ligne_pour(), &s);
            h.push_str("</strong>");
            if sig.personnes.is_empty() {
                personne(&mut h, &sig.signataires()[0], &s);
                mention(&mut h, sig, &s);
                h.push_str("</p></li>");
                continue;
            }
            mention(&mut h, sig, &s);
            h.push_str("</p>\n<ul class=\"personnes\">");
            for who in &sig.personnes {
                h.push_str("\n<li><p>");
                personne(&mut h, who, &s);
                h.push_str("</p></li>");
            }
            h.push_str("\n</ul></li>");
        }
        h.push_str("\n</ol>");
        self.out.push_str(&h);
    }

    /// The back cover, as the page's footer: the contact block and the document's name.
    pub(crate) fn back_cover(&self) -> String {
        let p = self.pacte;
        let none = Sigles::default();
        let mut h = String::from("<footer class=\"quatrieme\">\n");
        if let Some(c) = &p.contact {
            h.push_str("<address>");
            let mut lignes = Vec::new();
            for (text, bold) in [
                (&c.direction, true),
                (&c.service, true),
                (&c.adresse, false),
            ] {
                if let Some(t) = text {
                    let l = inline::plain_string(t, &none);
                    lignes.push(if bold {
                        format!("<strong>{l}</strong>")
                    } else {
                        l
                    });
                }
            }
            let mut contact = Vec::new();
            if let Some(tel) = &c.telephone {
                contact.push(inline::plain_string(&format!("Téléphone {tel}"), &none));
            }
            if let Some(w) = &c.site_web {
                let url = if w.starts_with("http") {
                    w.clone()
                } else {
                    format!("https://{w}")
                };
                contact.push(format!(
                    "<a href=\"{}\">{}</a>",
                    escape::attr(&url),
                    escape::text(w)
                ));
            }
            if !contact.is_empty() {
                lignes.push(contact.join(" — "));
            }
            h.push_str(&lignes.join("<br>\n"));
            h.push_str("</address>\n");
        }
        h.push_str("<p class=\"colophon\">");
        // An avenant's title already names the pact's period.
        let periode = match self.avenant {
            Some(_) => String::new(),
            None => format!(" {}", p.periode.libelle()),
        };
        inline::plain(
            &mut h,
            &format!("{}{periode} — Département {}", p.titre, p.departement.de),
            &none,
        );
        h.push_str("</p>\n</footer>\n");
        h
    }
}

/// One signer's lines, each after a `<br>`: the quality (its line breaks kept), the name,
/// where and when they sign apart from the others.
fn personne(h: &mut String, who: &crate::model::Personne, s: &Sigles) {
    for line in who.lignes_qualite() {
        h.push_str("<br>");
        inline::plain(h, line, s);
    }
    if let Some(n) = &who.nom {
        h.push_str("<br><strong>");
        inline::plain(h, n, s);
        h.push_str("</strong>");
    }
    if let Some(fait) = who.mention_fait_a() {
        h.push_str("<br>");
        inline::plain(h, &fait, s);
    }
}

/// The block's mention, in italics after a `<br>`.
fn mention(h: &mut String, sig: &crate::model::Signataire, s: &Sigles) {
    if let Some(m) = &sig.mention {
        h.push_str("<br><em>");
        inline::plain(h, m, s);
        h.push_str("</em>");
    }
}
