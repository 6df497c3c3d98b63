//! The web app's entry point: it only mounts the UI.

fn main() {
    certcheck::ui::start();
}
