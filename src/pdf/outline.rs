//! The document outline (bookmarks).
//!
//! Every item is open, so the outline panel shows the whole tree: an item with children has
//! a positive `/Count`, the number of its descendants, and the outline root's `/Count` is the
//! number of items. Each item jumps to `[page /XYZ 0 y null]`: the left edge of the page,
//! `y` at the top of the window, the zoom unchanged. With an outline the document opens
//! with the outline panel shown (`/PageMode /UseOutlines`), else with none (`/UseNone`).

use super::annotations::xyz;
use super::meta_text::clean_text;
use super::{Bookmark, Ids, PdfError};
use pdf_writer::types::{PageLayout, PageMode};
use pdf_writer::writers::Catalog;
use pdf_writer::{Name, Pdf, Ref, TextStr};

/// Refuses bookmarks that point past the last page or to a non-finite height.
///
/// # Errors
/// [`PdfError::PageOutOfRange`], [`PdfError::InvalidBookmark`].
pub(crate) fn check(bookmarks: &[Bookmark], pages: usize) -> Result<(), PdfError> {
    for b in bookmarks {
        if b.page >= pages {
            return Err(PdfError::PageOutOfRange {
                what: format!("bookmark {:?}", b.title),
                page: b.page,
                pages,
            });
        }
        if !b.y.is_finite() {
            return Err(PdfError::InvalidBookmark {
                title: b.title.clone(),
                reason: format!("its height {} is not a finite number", b.y),
            });
        }
        check(&b.children, pages)?;
    }
    Ok(())
}

/// Writes the outline of `bookmarks` (checked by [`check`]); returns its root, `None`
/// without bookmarks.
pub(crate) fn write(
    pdf: &mut Pdf,
    ids: &mut Ids,
    bookmarks: &[Bookmark],
    pages: &[Ref],
) -> Option<Ref> {
    if bookmarks.is_empty() {
        return None;
    }
    let root = ids.next();
    let (first, last, count) = level(pdf, ids, pages, bookmarks, root);
    pdf.outline(root)
        .first(first)
        .last(last)
        .count(i32::try_from(count).unwrap_or(i32::MAX));
    Some(root)
}

/// Writes the items of one level (non-empty) under `parent`; returns the first and last
/// item and the number of items at this level and below.
fn level(
    pdf: &mut Pdf,
    ids: &mut Ids,
    pages: &[Ref],
    items: &[Bookmark],
    parent: Ref,
) -> (Ref, Ref, usize) {
    let refs: Vec<Ref> = items.iter().map(|_| ids.next()).collect();
    let mut count = 0;
    for (i, item) in items.iter().enumerate() {
        count += 1;
        let below =
            (!item.children.is_empty()).then(|| level(pdf, ids, pages, &item.children, refs[i]));
        let mut o = pdf.outline_item(refs[i]);
        o.title(TextStr(&clean_text(&item.title))).parent(parent);
        if i > 0 {
            o.prev(refs[i - 1]);
        }
        if let Some(&next) = refs.get(i + 1) {
            o.next(next);
        }
        if let Some((first, last, n)) = below {
            o.first(first)
                .last(last)
                .count(i32::try_from(n).unwrap_or(i32::MAX));
            count += n;
        }
        // `check` ensured the page exists; fall back to the first page all the same.
        if let Some(&page) = pages.get(item.page).or(pages.first()) {
            xyz(o.insert(Name(b"Dest")).array(), page, item.y);
        }
    }
    (refs[0], refs[refs.len() - 1], count)
}

/// The catalog's `/Outlines`, `/PageMode` and `/PageLayout`.
pub(crate) fn catalog_entries(catalog: &mut Catalog<'_>, root: Option<Ref>) {
    catalog.page_layout(PageLayout::OneColumn);
    match root {
        Some(root) => {
            catalog.outlines(root).page_mode(PageMode::UseOutlines);
        }
        None => {
            catalog.page_mode(PageMode::UseNone);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bm(title: &str, page: usize, children: Vec<Bookmark>) -> Bookmark {
        Bookmark {
            title: title.into(),
            page,
            y: 800.0,
            children,
        }
    }

    #[test]
    fn bad_bookmarks_are_refused() {
        let deep = vec![bm("A", 0, vec![bm("B", 2, vec![])])];
        assert!(matches!(
            check(&deep, 2),
            Err(PdfError::PageOutOfRange {
                page: 2,
                pages: 2,
                ..
            })
        ));
        let nan = vec![Bookmark {
            title: "N".into(),
            page: 0,
            y: f32::NAN,
            children: vec![],
        }];
        assert!(matches!(
            check(&nan, 2),
            Err(PdfError::InvalidBookmark { .. })
        ));
        assert!(check(&deep, 3).is_ok());
    }

    #[test]
    fn counts_include_every_descendant() {
        let tree = vec![
            bm("Préambule", 0, vec![]),
            bm(
                "Article 1",
                1,
                vec![
                    bm("1.1", 1, vec![]),
                    bm("1.2", 2, vec![bm("1.2.a", 2, vec![])]),
                ],
            ),
        ];
        let mut pdf = Pdf::new();
        let mut ids = Ids(0);
        let pages = [Ref::new(100), Ref::new(101), Ref::new(102)];
        let root = write(&mut pdf, &mut ids, &tree, &pages).unwrap();
        assert_eq!(root, Ref::new(1));
        assert_eq!(ids.0, 6, "root and five items");
        let text = String::from_utf8_lossy(pdf.as_bytes()).into_owned();
        // Root: five visible items; "Article 1" (object 3): three below it.
        assert!(text.contains("/Count 5"), "{text}");
        assert!(text.contains("/Count 3"), "{text}");
        assert!(text.contains("/Dest [102 0 R /XYZ 0 800 null]"), "{text}");
    }
}
