//! The document outline (bookmarks).
//!
//! Every item is open, so the outline panel shows the whole tree: an item with children has
//! a positive `/Count`, the number of its descendants, and the outline root's `/Count` is the
//! number of items. Each item jumps to `[page /XYZ 0 y null]`: the left edge of the page,
//! `y` at the top of the window, the zoom unchanged.

use super::strings::{clean_text, text_string};
use super::{catalog_mut, Bookmark, FinishError};
use lopdf::{dictionary, Document, Object, ObjectId};

/// Writes the outline of `bookmarks` (replacing any outline printpdf made) and sets
/// `/PageMode /UseOutlines`; without bookmarks, removes the outline and sets `/UseNone`.
///
/// # Errors
/// [`FinishError::PageOutOfRange`] for a bookmark past the last page,
/// [`FinishError::InvalidBookmark`] for a non-finite `y`, [`FinishError::Malformed`] without
/// a catalog.
pub(crate) fn apply(
    doc: &mut Document,
    pages: &[ObjectId],
    bookmarks: &[Bookmark],
) -> Result<(), FinishError> {
    check(bookmarks, pages.len())?;
    if bookmarks.is_empty() {
        let catalog = catalog_mut(doc)?;
        catalog.remove(b"Outlines");
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        return Ok(());
    }
    let root = doc.new_object_id();
    let (first, last, count) = level(doc, pages, bookmarks, root);
    doc.objects.insert(
        root,
        dictionary! { "Type" => "Outlines", "First" => first, "Last" => last, "Count" => count }
            .into(),
    );
    let catalog = catalog_mut(doc)?;
    catalog.set("Outlines", root);
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}

/// Refuses bookmarks that point past the last page or to a non-finite height.
fn check(bookmarks: &[Bookmark], pages: usize) -> Result<(), FinishError> {
    for b in bookmarks {
        if b.page >= pages {
            return Err(FinishError::PageOutOfRange {
                what: format!("bookmark {:?}", b.title),
                page: b.page,
                pages,
            });
        }
        if !b.y.is_finite() {
            return Err(FinishError::InvalidBookmark {
                title: b.title.clone(),
                reason: format!("its height {} is not a finite number", b.y),
            });
        }
        check(&b.children, pages)?;
    }
    Ok(())
}

/// Writes the items of one level (non-empty, checked) under `parent`; returns the first and
/// last item and the number of items at this level and below.
fn level(
    doc: &mut Document,
    pages: &[ObjectId],
    items: &[Bookmark],
    parent: ObjectId,
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = items.iter().map(|_| doc.new_object_id()).collect();
    let mut count = 0;
    for (i, item) in items.iter().enumerate() {
        // `check` ensured the page exists; fall back to the first page all the same.
        let page = pages
            .get(item.page)
            .or(pages.first())
            .copied()
            .unwrap_or((0, 0));
        let mut dict = dictionary! {
            "Title" => text_string(&clean_text(&item.title)),
            "Parent" => parent,
            "Dest" => vec![page.into(), "XYZ".into(), 0.into(), item.y.into(), Object::Null],
        };
        if i > 0 {
            dict.set("Prev", ids[i - 1]);
        }
        if let Some(&next) = ids.get(i + 1) {
            dict.set("Next", next);
        }
        count += 1;
        if !item.children.is_empty() {
            let (first, last, below) = level(doc, pages, &item.children, ids[i]);
            dict.set("First", first);
            dict.set("Last", last);
            dict.set("Count", below);
            count += below;
        }
        doc.objects.insert(ids[i], dict.into());
    }
    (ids[0], ids[ids.len() - 1], count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::Dictionary;

    fn bm(title: &str, page: usize, children: Vec<Bookmark>) -> Bookmark {
        Bookmark {
            title: title.into(),
            page,
            y: 800.0,
            children,
        }
    }

    fn doc_with_pages(n: u32) -> (Document, Vec<ObjectId>) {
        let mut doc = Document::with_version("1.7");
        let pages: Vec<ObjectId> = (0..n).map(|_| doc.add_object(dictionary! {})).collect();
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog" });
        doc.trailer.set("Root", catalog);
        (doc, pages)
    }

    fn titles_of_level(doc: &Document, parent: &Dictionary) -> Vec<(String, ObjectId)> {
        let mut out = Vec::new();
        let mut next = parent.get(b"First").and_then(Object::as_reference).ok();
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            out.push((
                lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap(),
                id,
            ));
            next = d.get(b"Next").and_then(Object::as_reference).ok();
        }
        out
    }

    #[test]
    fn nested_outline_links_and_counts() {
        let (mut doc, pages) = doc_with_pages(3);
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
            bm("Signatures", 2, vec![]),
        ];
        apply(&mut doc, &pages, &tree).unwrap();
        let catalog = doc.catalog().unwrap();
        assert_eq!(
            catalog.get(b"PageMode").unwrap().as_name().unwrap(),
            b"UseOutlines"
        );
        let root_id = catalog.get(b"Outlines").unwrap().as_reference().unwrap();
        let root = doc.get_dictionary(root_id).unwrap();
        assert_eq!(
            root.get(b"Count").unwrap().as_i64().unwrap(),
            6,
            "every item is visible"
        );
        let top = titles_of_level(&doc, root);
        let names: Vec<&str> = top.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(names, ["Préambule", "Article 1", "Signatures"]);
        assert_eq!(root.get(b"Last").unwrap().as_reference().unwrap(), top[2].1);
        // Prev links mirror Next links; Parent points up.
        let art = doc.get_dictionary(top[1].1).unwrap();
        assert_eq!(art.get(b"Prev").unwrap().as_reference().unwrap(), top[0].1);
        assert_eq!(art.get(b"Parent").unwrap().as_reference().unwrap(), root_id);
        assert_eq!(art.get(b"Count").unwrap().as_i64().unwrap(), 3);
        let subs = titles_of_level(&doc, art);
        assert_eq!(
            subs.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            ["1.1", "1.2"]
        );
        let sub2 = doc.get_dictionary(subs[1].1).unwrap();
        assert_eq!(
            sub2.get(b"Parent").unwrap().as_reference().unwrap(),
            top[1].1
        );
        assert_eq!(sub2.get(b"Count").unwrap().as_i64().unwrap(), 1);
        assert!(
            !doc.get_dictionary(top[0].1).unwrap().has(b"Count"),
            "leaf has no /Count"
        );
        let dest = sub2.get(b"Dest").unwrap().as_array().unwrap();
        assert_eq!(dest[0].as_reference().unwrap(), pages[2]);
        assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
        assert_eq!(dest[3].as_float().unwrap(), 800.0);
    }

    #[test]
    fn bad_bookmarks_are_refused() {
        let (mut doc, pages) = doc_with_pages(2);
        let deep = vec![bm("A", 0, vec![bm("B", 2, vec![])])];
        assert!(matches!(
            apply(&mut doc, &pages, &deep),
            Err(FinishError::PageOutOfRange {
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
            apply(&mut doc, &pages, &nan),
            Err(FinishError::InvalidBookmark { .. })
        ));
    }

    #[test]
    fn no_bookmarks_no_outline() {
        let (mut doc, pages) = doc_with_pages(1);
        apply(&mut doc, &pages, &[]).unwrap();
        let catalog = doc.catalog().unwrap();
        assert!(!catalog.has(b"Outlines"));
        assert_eq!(
            catalog.get(b"PageMode").unwrap().as_name().unwrap(),
            b"UseNone"
        );
    }
}
