//! Scopewise: tells a buyer, rule by rule, whether an AI vendor's ISO evidence
//! meets their policy, without that evidence ever leaving the browser.
//!
//! The core (`domain`, `matrix`, `policy`) is pure Rust and tested natively;
//! `ui` holds the Leptos components and the browser glue.

// The prerender build (feature "ssr") renders view trees natively, with
// their full types: deep enough to need more than the default limit.
#![recursion_limit = "256"]

pub mod certificate;
pub mod documents;
pub mod domain;
pub mod error;
pub mod matrix;
pub mod policy;
pub mod share;
pub mod store;
pub mod ui;
