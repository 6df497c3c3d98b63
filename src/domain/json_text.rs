//! Indented JSON from compact JSON.
//!
//! The files a buyer saves (an evaluation, a backup) are indented, to be
//! read and compared. Writing them with `serde_json::to_string_pretty` would
//! put a second serialiser of the whole evaluation into the workspace's
//! wasm, beside the compact one the browser's storage and the share links
//! use. [`indent`] turns the compact text into the same bytes instead.

/// `compact` (JSON as `serde_json::to_string` writes it: no white space
/// outside strings) indented as `serde_json::to_string_pretty` indents it:
/// two spaces a level, `": "` after a key, `[]` and `{}` when empty.
pub fn indent(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = Vec::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut i = 0;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == b'\\' {
                escaped = true;
            } else if c == b'"' {
                in_string = false;
            }
            continue;
        }
        match c {
            b'"' => {
                in_string = true;
                out.push(c);
            }
            b'{' | b'[' => {
                out.push(c);
                let close = if c == b'{' { b'}' } else { b']' };
                if bytes.get(i) == Some(&close) {
                    out.push(close);
                    i += 1;
                } else {
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            b',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(c),
        }
    }
    // Only ASCII was added, at ASCII positions of valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::indent;
    use serde_json::{json, Value};

    pub(super) fn same_as_serde(v: &Value) {
        let compact = serde_json::to_string(v).unwrap();
        assert_eq!(indent(&compact), serde_json::to_string_pretty(v).unwrap());
    }

    #[test]
    fn indents_as_serde_json_does() {
        same_as_serde(&json!({}));
        same_as_serde(&json!([]));
        same_as_serde(&json!({"a": [], "b": {}, "c": [1, {"d": null}], "e": "x"}));
        same_as_serde(&json!([
            [[]],
            [{}],
            "[{,:}]",
            "quote \" and \\ and \\\" end"
        ]));
        same_as_serde(&json!({"ünï": "cödé ✓", "n": -1.5e10, "t": true}));
        same_as_serde(&json!("just a string"));
        same_as_serde(&json!(42));
    }

    #[test]
    fn an_evaluation_file_is_written_as_before() {
        let example = include_str!("../../examples/evaluation.json");
        let e = crate::domain::evaluation::Evaluation::from_json(example).unwrap();
        let mut copy = e.clone();
        copy.format = crate::domain::evaluation::FORMAT_VERSION;
        assert_eq!(
            e.to_json_pretty(),
            serde_json::to_string_pretty(&copy).unwrap()
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::tests::same_as_serde;
    use proptest::prelude::*;
    use serde_json::Value;

    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            "[ -~]{0,12}".prop_map(Value::from),
            any::<String>().prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[ -~]{0,8}", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn any_json_is_indented_as_serde_json_does(v in value()) {
            same_as_serde(&v);
        }
    }
}
