//! The README's example evaluation, read from the README itself (shared by
//! `tests/readme.rs` and `tests/golden.rs`).

/// The JSON block of the README's "The command-line checker" section.
pub fn readme_example() -> String {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## The command-line checker")
        .nth(1)
        .expect("README has the command-line checker section");
    let start = section.find("```json\n").expect("a json block") + "```json\n".len();
    let end = section[start..].find("\n```").expect("the block ends") + start;
    section[start..end].to_string()
}
