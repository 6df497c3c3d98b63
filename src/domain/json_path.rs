//! Where in a JSON text a reader stopped, as a path a person can follow
//! (`candidates[0].records[2].layer`).
//!
//! serde_json reports a line and column; this walks the text up to that
//! point, tracking the object keys and list indexes it is inside. It reads
//! only structure, never values, and never fails: on text that is not JSON
//! it returns the best path it has.

enum Frame {
    Object {
        key: Option<String>,
        expecting_key: bool,
    },
    Array {
        index: usize,
    },
}

/// The byte offset of a 1-based line and column (column in bytes, as
/// serde_json counts), clamped to the text.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset + column).min(text.len());
        }
        offset += l.len();
    }
    text.len()
}

/// The path of the field a serde_json error is about. serde_json places an
/// error raised by a field's own reader (a bad date, say) in the last field
/// of an object after the object's closing brace; such an error is put back
/// on that field. "missing field" errors stay on the object.
pub fn error_path(text: &str, error: &serde_json::Error) -> String {
    let offset = offset_of(text, error.line(), error.column());
    let closed_here = text
        .get(..offset)
        .map(|t| t.trim_end().ends_with('}'))
        .unwrap_or(false);
    if closed_here && !error.to_string().starts_with("missing field") {
        if let Some(open) = text
            .get(..offset)
            .and_then(|t| t.trim_end().strip_suffix('}'))
        {
            return path_at(text, open.len());
        }
    }
    path_at(text, offset)
}

/// The path of the value being read at byte `offset`: empty for the top level.
pub fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let raw = text.get(start..i.min(bytes.len())).unwrap_or("");
                if let Some(Frame::Object {
                    key,
                    expecting_key: expecting @ true,
                }) = stack.last_mut()
                {
                    *key = Some(raw.replace("\\\"", "\""));
                    *expecting = false;
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                expecting_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut out = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> String {
        path_at(text, text.find(marker).expect("marker in text"))
    }

    #[test]
    fn paths_follow_keys_and_indexes() {
        let t = r#"{"a": {"b": [1, {"c": 2, "d": [true, "x,y]}"]}]}, "e": 3}"#;
        assert_eq!(at(t, "1,"), "a.b[0]");
        assert_eq!(at(t, "2,"), "a.b[1].c");
        assert_eq!(at(t, "true"), "a.b[1].d[0]");
        assert_eq!(at(t, "\"x,y"), "a.b[1].d[1]");
        assert_eq!(at(t, "3}"), "e");
        assert_eq!(path_at(t, 0), "");
        assert_eq!(path_at(t, 10_000), "");
    }

    #[test]
    fn escaped_quotes_and_odd_text_never_panic() {
        let t = r#"{"k\"ey": [ "a\"b", {"z": 1"#;
        assert_eq!(path_at(t, t.len()), "k\"ey[1].z");
        for n in 0..=t.len() {
            let _ = path_at(t, n);
        }
        let _ = path_at("\"\\", 2);
        let _ = path_at("ü{\"é\": [", 12);
    }

    #[test]
    fn offsets_come_from_lines_and_columns() {
        let t = "{\n  \"a\": 1,\n  \"b\": x\n}";
        let o = offset_of(t, 3, 7);
        assert_eq!(&t[o..o + 1], "x");
        assert_eq!(offset_of(t, 99, 1), t.len());
    }
}
