//! Reading a certificate's text (groundwork for reading certificate PDFs in
//! the tab): the dates and the standards it names, in the forms
//! certificates print them. Pure Rust; nothing here guesses silently: an
//! ambiguous day-month order is flagged, and what is not found is not made up.

mod dates;
mod prefill;
mod standards;

pub use dates::{find_dates, DayMonthOrder, FoundDate};
pub use prefill::{
    build_record, read_outcome, read_outcome_json, AlsoNamed, Confirmed, Outcome, Prefill,
    ReadField, RecordField, Rejected,
};
pub use standards::{find_standards, FoundStandard};

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text: no panic, and every find points at its own text.
        #[test]
        fn finds_point_at_their_text(text in "(\\PC|[0-9/.,: -]|ISO/IEC 27001:2022|14 May 2024|0?[1-9]/1[0-2]/20[0-9]{2}){0,40}") {
            for f in find_dates(&text) {
                prop_assert_eq!(text.get(f.start..f.end), Some(f.raw.as_str()));
            }
            for f in find_standards(&text) {
                prop_assert_eq!(text.get(f.start..f.end), Some(f.raw.as_str()));
            }
        }
    }
}
