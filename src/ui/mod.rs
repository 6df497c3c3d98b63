//! The Leptos components and the browser glue.

pub fn start() {}
