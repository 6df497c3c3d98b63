//! A build step: renders the shell's first screen (the standards matrix,
//! from the same components and data the app uses) into the built
//! `index.html`, so the page shows the matrix before any WebAssembly runs,
//! and reads it without JavaScript. The shell then takes over that HTML.
//!
//! Trunk runs it after each build (`Trunk.toml`), natively, with the
//! `ssr` feature:
//!
//! ```sh
//! cargo run --no-default-features --features ssr --bin scopewise-prerender -- dist/index.html
//! ```
//!
//! Without an argument it reads `$TRUNK_STAGING_DIR/index.html`.

use scopewise::ui::{fill_app_slot, APP_SLOT};
use std::process::ExitCode;

fn main() -> ExitCode {
    let path = match std::env::args_os().nth(1) {
        Some(p) => std::path::PathBuf::from(p),
        None => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(dir) => std::path::Path::new(&dir).join("index.html"),
            None => {
                eprintln!("scopewise-prerender: name the built index.html");
                return ExitCode::from(2);
            }
        },
    };
    let page = match std::fs::read_to_string(&path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("scopewise-prerender: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    match fill_app_slot(&page, &scopewise::ui::prerender()) {
        Some(filled) => match std::fs::write(&path, filled) {
            Ok(()) => {
                println!("scopewise-prerender: the matrix is in {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("scopewise-prerender: {}: {e}", path.display());
                ExitCode::from(2)
            }
        },
        None => {
            eprintln!(
                "scopewise-prerender: {} has no empty {APP_SLOT} (exactly one)",
                path.display()
            );
            ExitCode::from(2)
        }
    }
}
