//! The page's coordinate system, and the one place where its y axis turns over.
//!
//! Layout places everything from the page's top-left corner, y growing downwards (a line
//! after another has a larger y). PDF measures from the bottom-left corner, y growing
//! upwards. Every conversion from the first to the second goes through [`PageSpace`].

/// A page's PDF coordinates, given its height, pt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct PageSpace {
    height: f32,
}

impl PageSpace {
    /// The coordinates of a page `page_height` points tall.
    pub(crate) fn new(page_height: f32) -> PageSpace {
        PageSpace {
            height: page_height,
        }
    }

    /// The PDF y of the layout y `y`.
    pub(crate) fn y(self, y: f32) -> f32 {
        self.height - y
    }

    /// The PDF y of the bottom edge of a box `h` tall whose top edge is at the layout y `y`.
    pub(crate) fn bottom(self, y: f32, h: f32) -> f32 {
        self.height - y - h
    }

    /// The PDF rectangle `[x1, y1, x2, y2]` (lower-left, upper-right) of the box `w` × `h`
    /// whose top-left corner is at the layout point (`x`, `y`).
    pub(crate) fn rect(self, x: f32, y: f32, w: f32, h: f32) -> [f32; 4] {
        [x, self.bottom(y, h), x + w, self.y(y)]
    }
}

#[cfg(test)]
mod tests {
    use super::PageSpace;

    #[test]
    fn the_top_of_the_page_is_its_height_and_rectangles_grow_upwards() {
        let page = PageSpace::new(800.0);
        assert_eq!(page.y(0.0), 800.0);
        assert_eq!(page.y(800.0), 0.0);
        assert_eq!(page.bottom(700.0, 100.0), 0.0);
        // A box 50 × 20 whose top-left corner is 100 pt below the top, 10 pt from the left.
        assert_eq!(
            page.rect(10.0, 100.0, 50.0, 20.0),
            [10.0, 680.0, 60.0, 700.0]
        );
    }
}
