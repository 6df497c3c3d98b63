//! Reading order for text placed on a page. A PDF draws its text in any
//! order it likes; certificate designers' tools often draw a two-column page
//! by fields, not by columns. A recursive XY-cut recovers the order a reader
//! sees: a block is split at its widest whitespace gap, across (top part
//! first) or down (left part first), whichever gap is wider, until no gap is
//! left; what remains is read line by line. A header spanning both columns
//! has no gap beside it, so it is cut off first and comes first.
//!
//! The result does not depend on the order the runs arrive in: they are put
//! in a canonical order before anything else.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// A piece of text as drawn: the start of its baseline, its advance width
/// and its font size, in page units (points, y upwards).
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub size: f64,
    pub text: String,
}

/// A line of text in reading order, with where it sits on the page (the
/// field reader looks to the right of a label for its value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Where the line ends on the right.
    pub right: f64,
    pub size: f64,
    /// Where pieces of the line sit across a wide gap (table cells, a
    /// label and its value): the byte offset in `text` where each later
    /// piece starts, and its x.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<(usize, f64)>,
}

impl Line {
    /// The line's pieces across wide gaps: (x, text).
    pub fn pieces(&self) -> Vec<(f64, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut x = self.x;
        for &(at, next_x) in &self.cells {
            if let Some(t) = self.text.get(start..at) {
                out.push((x, t.trim()));
            }
            start = at;
            x = next_x;
        }
        out.push((x, self.text.get(start..).unwrap_or_default().trim()));
        out.retain(|(_, t)| !t.is_empty());
        out
    }
}

/// A gap this much wider than the font size separates cells, not words.
const CELL_GAP: f64 = 1.2;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Deeper than this, a block is read line by line as it is.
const MAX_DEPTH: usize = 64;

fn canonical(a: &TextRun, b: &TextRun) -> Ordering {
    b.y.total_cmp(&a.y)
        .then(a.x.total_cmp(&b.x))
        .then_with(|| a.text.cmp(&b.text))
        .then(a.width.total_cmp(&b.width))
        .then(a.size.total_cmp(&b.size))
}

fn bottom(r: &TextRun) -> f64 {
    r.y - 0.2 * r.size
}
fn top(r: &TextRun) -> f64 {
    r.y + 0.8 * r.size
}
fn right(r: &TextRun) -> f64 {
    r.x + r.width.max(0.0)
}

/// The runs of a page as lines in reading order.
pub fn order_runs(mut runs: Vec<TextRun>) -> Vec<Line> {
    runs.retain(|r| {
        r.x.is_finite() && r.y.is_finite() && r.width.is_finite() && r.size.is_finite()
    });
    runs.sort_by(canonical);
    let mut leaves = Vec::new();
    let all: Vec<usize> = (0..runs.len()).collect();
    cut(&runs, all, 0, &mut leaves);
    let mut lines: Vec<Line> = Vec::new();
    for leaf in leaves {
        for line in leaf_lines(&runs, leaf) {
            // Two one-line blocks side by side on one baseline are one line
            // of the page ("Certificate number:" ... "AB-123").
            if let Some(prev) = lines.last_mut() {
                let tol = 0.3 * prev.size.min(line.size);
                if (prev.y - line.y).abs() <= tol && line.x >= prev.right - tol {
                    prev.text.push(' ');
                    let offset = prev.text.len();
                    prev.cells.push((offset, line.x));
                    prev.cells
                        .extend(line.cells.iter().map(|(o, x)| (o + offset, *x)));
                    prev.text.push_str(&line.text);
                    prev.right = line.right;
                    continue;
                }
            }
            lines.push(line);
        }
    }
    lines
}

/// Widest gap in a set of 1-D intervals sorted by start: (gap, split index).
fn widest_gap(intervals: &[(f64, f64, usize)]) -> Option<(f64, usize)> {
    let mut reach = intervals.first()?.1;
    let mut best: Option<(f64, usize)> = None;
    for (k, iv) in intervals.iter().enumerate().skip(1) {
        let gap = iv.0 - reach;
        if gap > 0.0 && best.is_none_or(|(g, _)| gap > g) {
            best = Some((gap, k));
        }
        reach = reach.max(iv.1);
    }
    best
}

fn cut(runs: &[TextRun], block: Vec<usize>, depth: usize, leaves: &mut Vec<Vec<usize>>) {
    if block.len() <= 1 || depth >= MAX_DEPTH {
        leaves.push(block);
        return;
    }
    let mut sizes: Vec<f64> = block
        .iter()
        .filter_map(|&i| runs.get(i))
        .map(|r| r.size)
        .collect();
    sizes.sort_by(f64::total_cmp);
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(1.0);

    // Across: intervals on a downward axis (-top .. -bottom), top first.
    let mut across: Vec<(f64, f64, usize)> = block
        .iter()
        .filter_map(|&i| runs.get(i).map(|r| (-top(r), -bottom(r), i)))
        .collect();
    across.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    let h = widest_gap(&across).filter(|(g, _)| *g > 0.05 * median);

    let mut down: Vec<(f64, f64, usize)> = block
        .iter()
        .filter_map(|&i| runs.get(i).map(|r| (r.x, right(r), i)))
        .collect();
    down.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    // A word gap is not a column gutter.
    let v = widest_gap(&down).filter(|(g, _)| *g >= median);

    let (sorted, k) = match (h, v) {
        (Some((hg, _)), Some((vg, k))) if vg >= hg => (down, k),
        (Some((_, k)), _) => (across, k),
        (None, Some((_, k))) => (down, k),
        (None, None) => {
            leaves.push(block);
            return;
        }
    };
    let first: Vec<usize> = sorted.iter().take(k).map(|t| t.2).collect();
    let second: Vec<usize> = sorted.iter().skip(k).map(|t| t.2).collect();
    cut(runs, keep_canonical(first), depth + 1, leaves);
    cut(runs, keep_canonical(second), depth + 1, leaves);
}

fn keep_canonical(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

/// A block without gaps, read line by line: runs sharing a baseline, left
/// to right, a space where the gap between them is one.
fn leaf_lines(runs: &[TextRun], block: Vec<usize>) -> Vec<Line> {
    let mut items: Vec<&TextRun> = block.iter().filter_map(|&i| runs.get(i)).collect();
    items.sort_by(|a, b| canonical(a, b));
    let mut groups: Vec<Vec<&TextRun>> = Vec::new();
    for r in items {
        match groups.last_mut() {
            Some(g)
                if g.first()
                    .is_some_and(|f| (f.y - r.y).abs() <= 0.5 * f.size.min(r.size).max(0.01)) =>
            {
                g.push(r)
            }
            _ => groups.push(vec![r]),
        }
    }
    let mut out = Vec::new();
    for mut g in groups {
        g.sort_by(|a, b| a.x.total_cmp(&b.x).then_with(|| a.text.cmp(&b.text)));
        let Some(first) = g.first() else { continue };
        let mut line = Line {
            text: String::new(),
            x: first.x,
            y: first.y,
            right: right(first),
            size: first.size,
            cells: Vec::new(),
        };
        // Wide gaps, as (x, offset in the raw text).
        let mut wide: Vec<(f64, usize)> = Vec::new();
        for r in &g {
            if !line.text.is_empty() {
                let gap = r.x - line.right;
                if gap > 0.15 * r.size && !line.text.ends_with(' ') && !r.text.starts_with(' ') {
                    line.text.push(' ');
                }
                if gap > CELL_GAP * r.size {
                    wide.push((r.x, line.text.len()));
                }
            }
            line.text.push_str(&r.text);
            line.right = line.right.max(right(r));
            line.size = line.size.max(r.size);
        }
        let collapsed = collapse(&line.text);
        if !collapsed.is_empty() {
            line.cells = wide
                .into_iter()
                .filter_map(|(x, at)| {
                    let before = collapse(line.text.get(..at)?);
                    let rest = collapse(line.text.get(at..)?);
                    (!before.is_empty() && !rest.is_empty()).then_some((before.len() + 1, x))
                })
                .collect();
            line.text = collapsed;
            out.push(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f64, y: f64, text: &str) -> TextRun {
        TextRun {
            x,
            y,
            width: text.chars().count() as f64 * 5.0,
            size: 10.0,
            text: text.into(),
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_columns_under_a_spanning_header() {
        let runs = vec![
            run(300.0, 680.0, "right one"),
            run(72.0, 668.0, "left two"),
            run(100.0, 720.0, "A header across both columns of the page"),
            run(72.0, 680.0, "left one"),
            run(300.0, 668.0, "right two"),
        ];
        assert_eq!(
            texts(&order_runs(runs)),
            [
                "A header across both columns of the page",
                "left one",
                "left two",
                "right one",
                "right two"
            ]
        );
    }

    #[test]
    fn words_of_a_line_join_with_spaces() {
        let runs = vec![run(122.0, 700.0, "world"), run(72.0, 700.0, "hello")];
        assert_eq!(texts(&order_runs(runs)), ["hello world"]);
    }

    #[test]
    fn label_and_value_on_one_baseline_are_one_line() {
        let runs = vec![
            run(
                72.0,
                700.0,
                "A paragraph that runs across the whole width of the page",
            ),
            run(250.0, 680.0, "AB-123"),
            run(72.0, 680.0, "Certificate number:"),
        ];
        assert_eq!(
            texts(&order_runs(runs)),
            [
                "A paragraph that runs across the whole width of the page",
                "Certificate number: AB-123"
            ]
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any order of the same runs reads the same.
        #[test]
        fn order_does_not_depend_on_drawing_order(
            cells in proptest::collection::vec((0u8..4, 0u8..30, "[a-z]{1,12}"), 1..40),
            seed in any::<u64>(),
        ) {
            let runs: Vec<TextRun> = cells
                .iter()
                .map(|(col, row, t)| TextRun {
                    x: 72.0 + f64::from(*col) * 130.0,
                    y: 750.0 - f64::from(*row) * 14.0,
                    width: t.len() as f64 * 5.0,
                    size: 10.0,
                    text: t.clone(),
                })
                .collect();
            let mut shuffled = runs.clone();
            // Fisher-Yates with a tiny LCG, so the permutation is arbitrary.
            let mut s = seed | 1;
            for i in (1..shuffled.len()).rev() {
                s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let j = (s >> 33) as usize % (i + 1);
                shuffled.swap(i, j);
            }
            prop_assert_eq!(order_runs(runs), order_runs(shuffled));
        }
    }
}
