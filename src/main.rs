//! The web app's entry point: it only mounts the UI.

fn main() {
    scopewise::ui::start();
}
