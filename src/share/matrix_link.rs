//! Links to a view of the public matrix: filters and the selected cell, never
//! any user data. `#view=matrix&vendors=aws,openai&standards=iso42001&disputed=1&cell=aws.iso42001`

use crate::domain::Standard;

/// What a matrix link shows. `None` means "all" for a filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatrixLink {
    pub vendors: Option<Vec<String>>,
    pub standards: Option<Vec<Standard>>,
    pub disputed_only: bool,
    pub cell: Option<(String, Standard)>,
}

/// What precedes a matrix view in the fragment.
pub const VIEW_KEY: &str = "view=matrix";

impl MatrixLink {
    /// The fragment, without `#`.
    pub fn to_fragment(&self) -> String {
        let mut out = String::from(VIEW_KEY);
        if let Some(v) = &self.vendors {
            out.push_str("&vendors=");
            out.push_str(&v.iter().map(|s| clean_id(s)).collect::<Vec<_>>().join(","));
        }
        if let Some(s) = &self.standards {
            out.push_str("&standards=");
            out.push_str(&s.iter().map(|s| s.id()).collect::<Vec<_>>().join(","));
        }
        if self.disputed_only {
            out.push_str("&disputed=1");
        }
        if let Some((v, s)) = &self.cell {
            out.push_str(&format!("&cell={}.{}", clean_id(v), s.id()));
        }
        out
    }

    /// Reads a fragment (with or without `#`). `None` when it is not a
    /// matrix view link. Unknown standards, and vendors not in
    /// `known_vendors`, are dropped rather than refused: the view still opens.
    pub fn parse(fragment: &str, known_vendors: &[&str]) -> Option<MatrixLink> {
        let rest = fragment.strip_prefix('#').unwrap_or(fragment);
        let rest = rest.strip_prefix(VIEW_KEY)?;
        if !(rest.is_empty() || rest.starts_with('&')) {
            return None;
        }
        let mut link = MatrixLink::default();
        for pair in rest.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "vendors" => {
                    link.vendors = Some(
                        value
                            .split(',')
                            .filter(|v| known_vendors.contains(v))
                            .map(str::to_string)
                            .collect(),
                    )
                }
                "standards" => {
                    link.standards = Some(value.split(',').filter_map(Standard::from_id).collect())
                }
                "disputed" => link.disputed_only = value == "1",
                "cell" => {
                    link.cell = value.rsplit_once('.').and_then(|(v, s)| {
                        let s = Standard::from_id(s)?;
                        known_vendors.contains(&v).then(|| (v.to_string(), s))
                    })
                }
                _ => {}
            }
        }
        Some(link)
    }
}

/// Vendor ids are `[a-z0-9-]`; anything else is dropped so a link stays a link.
fn clean_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
