//! The errors a buyer reads, in one shape, after cedar's style guide: each
//! module has one error enum, a variant per case, implementing
//! [`UserError`]. Its [`message`](UserError::message) says what is wrong
//! and nothing else (it starts in lower case, has no final full stop and no
//! advice); its [`help`](UserError::help) says what to do, when there is
//! something to do. The interface renders both with
//! [`sentence`](UserError::sentence), adding the capitals and punctuation.
//! Neither part names a Rust type, an internal id or uses backticks: user
//! input is quoted with “ ”.

/// An error a buyer may read.
pub trait UserError: std::error::Error {
    /// What is wrong.
    fn message(&self) -> String;

    /// What to do about it, as a sentence of its own.
    fn help(&self) -> Option<String> {
        None
    }

    /// The message and the help as the interface shows them.
    fn sentence(&self) -> String {
        sentence(&self.message(), self.help().as_deref())
    }
}

/// Text with its backtick-quoted parts (serde's wording, older messages)
/// quoted with “ ” instead, as a buyer reads them.
pub fn curly_quotes(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut open = false;
    for c in s.chars() {
        if c == '`' {
            out.push(if open { '”' } else { '“' });
            open = !open;
        } else {
            out.push(c);
        }
    }
    out
}

/// "this link is damaged" + "Ask the sender again." →
/// "This link is damaged. Ask the sender again."
pub fn sentence(message: &str, help: Option<&str>) -> String {
    let mut out = capitalise(message.trim());
    if !out.ends_with(['.', '?', '!', ':']) {
        out.push('.');
    }
    if let Some(help) = help.map(str::trim).filter(|h| !h.is_empty()) {
        out.push(' ');
        out.push_str(&capitalise(help));
        if !out.ends_with(['.', '?', '!']) {
            out.push('.');
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The style every [`UserError`] keeps, for the modules' tests: `Err` names
/// what is off.
pub fn check_style(e: &dyn UserError) -> Result<(), String> {
    let message = e.message();
    let mut problems = Vec::new();
    if message.trim().is_empty() {
        problems.push("the message is empty");
    }
    // An acronym ("PDF", "SOC 2") may start it; a capitalised word may not.
    let mut first_two = message.chars();
    if let (Some(a), Some(b)) = (first_two.next(), first_two.next()) {
        if a.is_uppercase() && b.is_lowercase() {
            problems.push("the message starts with a capital (the interface adds it)");
        }
    }
    if message.trim_end().ends_with('.') {
        problems.push("the message ends with a full stop (the interface adds it)");
    }
    let help = e.help().unwrap_or_default();
    for (part, text) in [("message", &message), ("help", &help)] {
        if text.contains('`') {
            problems.push(if part == "message" {
                "the message has backticks"
            } else {
                "the help has backticks"
            });
        }
        for rust in [
            "Option<", "Result<", "String", "Vec<", "::", "Err(", "Some(",
        ] {
            if text.contains(rust) {
                problems.push(if part == "message" {
                    "the message names a Rust type"
                } else {
                    "the help names a Rust type"
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: {message:?} / {help:?}", problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Demo(&'static str, Option<&'static str>);
    impl std::fmt::Display for Demo {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl std::error::Error for Demo {}
    impl UserError for Demo {
        fn message(&self) -> String {
            self.0.into()
        }
        fn help(&self) -> Option<String> {
            self.1.map(Into::into)
        }
    }

    #[test]
    fn sentences_get_capitals_and_stops() {
        let e = Demo("this link is damaged", Some("ask the sender again"));
        assert_eq!(e.sentence(), "This link is damaged. Ask the sender again.");
        assert_eq!(Demo("no help", None).sentence(), "No help.");
        assert_eq!(
            sentence("the file is 30 MB: too large", Some("Send a smaller one.")),
            "The file is 30 MB: too large. Send a smaller one."
        );
    }

    #[test]
    fn backticks_become_curly_quotes() {
        assert_eq!(
            curly_quotes("unknown field `foo`, expected one of `a`, `b`"),
            "unknown field “foo”, expected one of “a”, “b”"
        );
    }

    #[test]
    fn the_style_check_catches_each_slip() {
        assert!(check_style(&Demo("this link is damaged", Some("Ask again."))).is_ok());
        assert!(check_style(&Demo("PDF files only", None)).is_ok());
        for bad in [
            Demo("", None),
            Demo("This starts with a capital", None),
            Demo("ends with a stop.", None),
            Demo("has `backticks`", None),
            Demo("fine", Some("see Option<String>")),
        ] {
            assert!(check_style(&bad).is_err(), "{bad:?}");
        }
    }
}
