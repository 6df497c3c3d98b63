//! Whether the scope statement covers what the buyer uses (source A, step 3).

use super::{check, records, Ease, RecordCheck, RecordKind, Rule};
use crate::domain::{Layer, RecordField};
use crate::policy::context::{label, quoted, Ctx};
use crate::policy::report::{Name, ScopeMatch};
use crate::policy::text;
use std::borrow::Cow;

const SCOPED: &[RecordKind] = &[RecordKind::Iso, RecordKind::Soc2];

pub(super) const RULES: &[&Rule] = &[&PRODUCT_NOT_NAMED, &MISSING_STATEMENT];

pub(super) const RECORD_CHECKS: &[RecordCheck] = &[
    check(&MISSING_STATEMENT, missing_statement),
    check(&PRODUCT_NOT_NAMED, product_not_named),
];

rule! {
    /// `scope.missing-statement`: no scope statement (or SOC 2 system
    /// description).
    MISSING_STATEMENT = "scope.missing-statement", "source A (\"a logo without a scope statement\")", WarnUnlessRequired, [], records(SCOPED)
}

fn missing_statement(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    if !text::trim(&r.scope).is_empty() {
        return;
    }
    let message = format!(
        "{} has no scope statement: without one it proves nothing about the product you buy",
        label(r)
    );
    cx.on_record(i, &MISSING_STATEMENT, RecordField::Scope)
        .value("scope", "")
        .emit(
            message,
            "copy the scope statement from the certificate PDF (for SOC 2, the system description)",
        );
}

/// Works out, once per distinct scope statement, which products (model
/// layer) or which hosting service (platform layer) it names. `cx.scope`
/// is record `i`'s scope statement (see `evaluate_candidate`).
fn find_names(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    let scope = &mut cx.scopes[cx.scope];
    if r.layer == Layer::Model && !cx.product_hits_valid {
        let mut hits = std::mem::take(&mut cx.product_hits);
        hits.clear();
        for (name, forms) in &cx.products {
            hits.push(
                scope
                    .find(forms)
                    .map(|range| matched_name(&r.scope, &scope.offsets, range, name)),
            );
        }
        cx.product_hits = hits;
        cx.product_hits_valid = true;
    }
    if r.layer == Layer::Platform && cx.service_hit.is_none() {
        if let Some((name, forms)) = &cx.service {
            let hit = scope
                .find(forms)
                .map(|range| matched_name(&r.scope, &scope.offsets, range, name));
            cx.service_hit = Some(hit);
        }
    }
}

rule! {
    /// `scope.product-not-named`: each product the layer must cover is named
    /// in the scope (ignoring case and punctuation, with known aliases), or
    /// was confirmed by hand (then information).
    PRODUCT_NOT_NAMED = "scope.product-not-named", "source A, step 3", WarnUnlessRequired, [ConfirmedByHand], records(SCOPED)
}

/// Matches are kept as [`ScopeMatch`]es. A record with no scope statement
/// has `scope.missing-statement` only; a model-layer record held by the
/// platform is `layer.inherited-only`'s business.
fn product_not_named(cx: &mut Ctx, i: usize) {
    let r = cx.record(i);
    if text::trim(&r.scope).is_empty() || cx.facts[i].platform_held {
        return;
    }
    let n_products = match r.layer {
        Layer::Model => cx.products.len(),
        Layer::Platform if cx.service.is_some() => 1,
        _ => 0,
    };
    find_names(cx, i);
    for p in 0..n_products {
        let (product, forms, hit) = match (r.layer, &cx.service) {
            (Layer::Model, _) => {
                let (n, f) = &cx.products[p];
                (n, f, cx.product_hits[p].as_ref())
            }
            (_, Some((n, f))) => (n, f, cx.service_hit.as_ref().and_then(Option::as_ref)),
            (_, None) => continue,
        };
        if forms.is_empty() {
            continue;
        }
        if let Some(matched) = hit {
            let found = ScopeMatch {
                layer: r.layer,
                record: cx.ids[i].clone(),
                product: product.clone(),
                matched: matched.clone(),
                confirmed_by_hand: None,
            };
            cx.matches_at(r.layer).push(found);
            continue;
        }
        let (product, forms) = (product.clone(), forms.clone());
        let confirmation = cx.cand.scope_confirmations.iter().find(|c| {
            c.layer == r.layer
                && c.record_id.trim() == &*cx.ids[i]
                && text::normalise(&c.product) == forms[0]
        });
        let (message, next): (String, Cow<'static, str>) = match confirmation {
            Some(c) => {
                let note = c.note.trim();
                let record = cx.ids[i].clone();
                cx.matches_at(r.layer).push(ScopeMatch {
                    layer: r.layer,
                    record,
                    product: product.clone(),
                    matched: Name::from(""),
                    confirmed_by_hand: Some(Name::from(note)),
                });
                (
                    format!(
                        "{} is not named in the scope of {}; confirmed by hand: {}",
                        quoted(&product, 80),
                        label(r),
                        if note.is_empty() { "(no note)" } else { note }
                    ),
                    Cow::Borrowed("keep the document that confirms the match with the evaluation"),
                )
            }
            None => not_named(r, &product, &forms),
        };
        let mut draft = cx
            .on_record(i, &PRODUCT_NOT_NAMED, RecordField::Scope)
            .value("product", product.as_str());
        draft = match confirmation {
            Some(c) => draft.value("confirmation", c.note.trim()),
            None => draft
                .value("scope", r.scope.trim())
                .value("compared_as", compared_as(&forms)),
        };
        draft
            .ease_if(confirmation.is_some(), Ease::ConfirmedByHand)
            .emit(message, next);
    }
}

fn compared_as(forms: &[String]) -> String {
    let tried: Vec<String> = forms.iter().map(|f| quoted(f, 80)).collect();
    tried.join(", ")
}

fn not_named(
    r: &crate::domain::evaluation::EvidenceRecord,
    product: &str,
    forms: &[String],
) -> (String, Cow<'static, str>) {
    let layer_word = match r.layer {
        Layer::Platform => "the platform layer",
        _ => "the model layer",
    };
    (
        format!(
            "{} is not named in the scope statement of {} at {layer_word} (compared ignoring case and punctuation, as {})",
            quoted(product, 80),
            label(r),
            compared_as(forms)
        ),
        Cow::Owned(format!(
            "ask the vendor whether {} is in the certified scope; if the scope names it in other words, confirm the match by hand with a note. Outside both layers' scopes, it is uncertified",
            quoted(product, 80)
        )),
    )
}

/// The words of `scope` that matched, sharing the product's name when they
/// are written exactly like it.
fn matched_name(scope: &str, offsets: &[u32], range: (usize, usize), product: &Name) -> Name {
    let words = text::original_slice(scope, offsets, range);
    if words == product.as_str() {
        product.clone()
    } else {
        Name::from(words)
    }
}
