//! Step 3: the evidence records of each candidate, per layer, as read from
//! the certificate PDFs (or prefilled from the public matrix, unverified).

use super::field::{date_field, field, issue_of, kept_date_field, text_field, Kind, Shown};
use super::model::{self, add_record_id, field_id, Step};
use super::Ws;
use crate::domain::evaluation::{
    Candidate, Soc2Details, Soc2Opinion as Opinion, SubserviceMethod, SubserviceOrganisation,
};
use crate::domain::{Layer, RecordField, Standard};
use crate::error::UserError;
use crate::policy::{
    validate_record, validate_standard_input, EvidenceRecord, FieldIssue, Soc2Type, SourceKind,
    StandardRef,
};
use leptos::prelude::*;

/// Which fields a record's standard calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Iso,
    Soc2,
    Attestation,
}

fn shape(r: &EvidenceRecord) -> Shape {
    match r.standard {
        StandardRef::Iso { .. } => Shape::Iso,
        StandardRef::Soc2 => Shape::Soc2,
        StandardRef::Attestation(_) => Shape::Attestation,
    }
}

/// A record's address in the evaluation, cheap to copy into closures.
#[derive(Clone, Copy)]
struct RecKey {
    ws: Ws,
    key: StoredValue<(String, String)>,
}

impl RecKey {
    fn update(self, f: impl FnOnce(&mut EvidenceRecord)) {
        let (c, r) = self.key.get_value();
        self.ws.update(|e| {
            if let Some(x) = model::rec_mut(e, &c, &r) {
                f(x)
            }
        });
    }

    fn soc2(self, f: impl FnOnce(&mut Soc2Details)) {
        self.update(|r| f(r.soc2.get_or_insert_with(model::blank_soc2)));
    }

    fn id(self, field: &str) -> String {
        self.key.with_value(|(c, r)| field_id(c, Some(r), field))
    }
}

#[component]
pub fn EvidenceStep() -> impl IntoView {
    let ws = expect_context::<Ws>();
    let ids = Memo::new(move |_| {
        ws.eval.with(|e| {
            e.candidates
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        <p class="hint">
            "Source A, step 2: pull the current certificate PDFs from the trust portals (never a screenshot) and type in what they say: scope, dates, certification body and its accreditation. "
            "\"Prefill from the public matrix\" starts from what the vendor publicly claims; each such record stays an unverified public claim until you set its source to the PDF you read."
        </p>
        {move || {
            ids.with(|v| v.is_empty())
                .then(|| {
                    view! {
                        <p class="empty">
                            "No candidate yet. "
                            <button type="button" class="link-button" on:click=move |_| ws.go_to(Step::Candidates, "candidate-kind".into())>
                                "Add one in step 2"
                            </button>
                        </p>
                    }
                })
        }}
        <For
            each=move || ids.get()
            key=|id| id.clone()
            children=move |cid| view! { <CandidateEvidence cid=cid/> }
        />
    }
}

#[component]
fn CandidateEvidence(cid: String) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let Some(c) = eval.with_untracked(|e| model::cand(e, &cid).cloned()) else {
        return ().into_any();
    };
    let name = {
        let cid = cid.clone();
        Memo::new(move |_| {
            eval.with(|e| {
                model::cand(e, &cid)
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            })
        })
    };
    let layers: Vec<Layer> = if c.is_hosted() {
        vec![Layer::Platform, Layer::Model]
    } else {
        vec![Layer::Model]
    };
    let layer_views = layers
        .into_iter()
        .map(|l| view! { <LayerEvidence cid=cid.clone() layer=l/> })
        .collect_view();
    let key = StoredValue::new(cid.clone());
    let timeline = c.ai_timeline.clone().unwrap_or_else(model::blank_timeline);
    let set_timeline = move |f: Box<dyn FnOnce(&mut crate::domain::evaluation::AiTimeline)>| {
        let cid = key.get_value();
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                let t = c.ai_timeline.get_or_insert_with(model::blank_timeline);
                f(t);
                if t.text.trim().is_empty() && t.target_date.is_none() {
                    c.ai_timeline = None;
                }
            }
        });
    };
    view! {
        <section class="cand-evidence" aria-labelledby=format!("cand-{cid}-evidence")>
            <h4 id=format!("cand-{cid}-evidence") tabindex="-1">{move || name.get()}</h4>
            {layer_views}
            <h5>"ISO/IEC 42001: the vendor's public timeline"</h5>
            <p class="hint">
                "Without 42001 evidence, a written public timeline to certification is the least to ask for (fail for high-risk workloads, warning for regulated ones)."
            </p>
            <div class="field-grid">
                {text_field(
                    ws,
                    field_id(&cid, None, "ai_timeline"),
                    "What the vendor wrote, and where",
                    None,
                    Kind::Area,
                    timeline.text.clone(),
                    move |v| set_timeline(Box::new(move |t| t.text = v)),
                    || None,
                )}
                {date_field(
                    ws,
                    field_id(&cid, None, "ai_timeline.target_date"),
                    "Target date the vendor commits to",
                    timeline.target_date,
                    move |d| set_timeline(Box::new(move |t| t.target_date = d)),
                    || None,
                )}
            </div>
            <h5>"Your own layer"</h5>
            <div class="field-grid">
                {text_field(
                    ws,
                    field_id(&cid, None, "customer_notes"),
                    "Your own controls for this workload",
                    Some("Access to the AI endpoints, logging, human oversight; under 42001, your own AI management system as AI operator.".into()),
                    Kind::Area,
                    c.customer_notes.clone(),
                    move |v| {
                        let cid = key.get_value();
                        ws.update(|e| {
                            if let Some(c) = model::cand_mut(e, &cid) {
                                c.customer_notes = v
                            }
                        })
                    },
                    || None,
                )}
            </div>
            {confirmations(
                ws,
                key,
                "Scope matches you confirmed by hand",
                |c| {
                    c.scope_confirmations
                        .iter()
                        .map(|s| {
                            format!(
                                "“{}” is covered by record {} ({}): {}",
                                s.product,
                                s.record_id,
                                s.layer.label(),
                                s.note
                            )
                        })
                        .collect()
                },
                |c, i| {
                    if i < c.scope_confirmations.len() {
                        c.scope_confirmations.remove(i);
                    }
                },
            )}
            {confirmations(
                ws,
                key,
                "Holders you confirmed by hand",
                |c| {
                    c.holder_confirmations
                        .iter()
                        .map(|h| {
                            format!(
                                "“{}”, the holder of record {} ({}), belongs to the vendor: {}",
                                h.holder,
                                h.record_id,
                                h.layer.label(),
                                h.note
                            )
                        })
                        .collect()
                },
                |c, i| {
                    if i < c.holder_confirmations.len() {
                        c.holder_confirmations.remove(i);
                    }
                },
            )}
        </section>
    }
    .into_any()
}

/// What the buyer confirmed by hand for a candidate (scope matches, holders),
/// one sentence each with a way to withdraw it; nothing when there is none.
fn confirmations(
    ws: Ws,
    key: StoredValue<String>,
    title: &'static str,
    sentences: fn(&Candidate) -> Vec<String>,
    withdraw: fn(&mut Candidate, usize),
) -> impl IntoView {
    let list = Memo::new(move |_| {
        let cid = key.get_value();
        ws.eval
            .with(|e| model::cand(e, &cid).map(sentences).unwrap_or_default())
    });
    move || {
        let items = list.get();
        (!items.is_empty()).then(|| {
            view! {
                <h5>{title}</h5>
                <ul class="confirmations">
                    {items
                        .into_iter()
                        .enumerate()
                        .map(|(i, sentence)| {
                            view! {
                                <li>
                                    {sentence}
                                    " "
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| {
                                            let cid = key.get_value();
                                            ws.update(|e| {
                                                if let Some(c) = model::cand_mut(e, &cid) {
                                                    withdraw(c, i);
                                                }
                                            });
                                        }
                                    >
                                        "Withdraw this confirmation"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

#[component]
fn LayerEvidence(cid: String, layer: Layer) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let key = StoredValue::new(cid.clone());
    let ids = Memo::new(move |_| {
        let cid = key.get_value();
        eval.with(|e| {
            model::cand(e, &cid)
                .map(|c| {
                    c.records
                        .iter()
                        .filter(|r| r.layer == layer)
                        .map(|r| r.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // Who must cover this layer, and what its scope must name.
    let who = Memo::new(move |_| {
        let cid = key.get_value();
        eval.with(|e| {
            model::cand(e, &cid).map(|c| {
                let vendor = model::layer_vendor(c, layer).unwrap_or("").to_string();
                let must = match layer {
                    Layer::Platform => c
                        .platform
                        .as_ref()
                        .map(|p| p.service.clone())
                        .unwrap_or_default(),
                    _ => c.products.join(", "),
                };
                (vendor, must)
            })
        })
    });
    let in_matrix = move || {
        who.with(|w| {
            w.as_ref()
                .is_some_and(|(v, _)| ws.dataset.vendor(v.trim()).is_some())
        })
    };
    let prefill = move |_| {
        let cid = key.get_value();
        let recs = eval.with_untracked(|e| {
            model::cand(e, &cid)
                .map(|c| model::prefill(ws.dataset, c, layer))
                .unwrap_or_default()
        });
        let n = recs.len();
        let first = recs.first().map(|r| r.id.clone());
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                c.records.extend(recs);
            }
        });
        ws.status.set(if n == 0 {
            "Nothing to prefill: every standard the matrix claims already has a record here.".to_string()
        } else {
            format!("Added {n} records from the public matrix, each marked as an unverified public claim.")
        });
        if let Some(r) = first {
            ws.go_to(Step::Evidence, field_id(&cid, Some(&r), "holder"));
        }
    };
    let add_id = add_record_id(&cid, layer);
    let choice = RwSignal::new("27001:2022".to_string());
    let attestations = Memo::new(move |_| ws.eval.with(|e| e.sector_attestations.clone()));
    let add = move |_| {
        let cid = key.get_value();
        let Ok(standard) = validate_standard_input(&choice.get_untracked()) else {
            return;
        };
        let mut new_id = String::new();
        ws.update(|e| {
            if let Some(c) = model::cand_mut(e, &cid) {
                new_id = model::next_record_id(c);
                c.records
                    .push(model::blank_record(new_id.clone(), layer, standard));
            }
        });
        ws.status.set(format!("Added record {new_id}."));
        ws.go_to(Step::Evidence, field_id(&cid, Some(&new_id), "holder"));
    };
    let heading = move || {
        who.get()
            .map(|(v, must)| {
                let org = model::vendor_name(&v);
                match layer {
                    Layer::Platform => format!(
                        "{}: {org}, whose certificate must name “{must}”",
                        layer.label()
                    ),
                    _ if must.is_empty() => format!(
                        "{}: {org}, whose certificate must name the products you use",
                        layer.label()
                    ),
                    _ => format!(
                        "{}: {org}, whose certificate must name “{must}”",
                        layer.label()
                    ),
                }
            })
            .unwrap_or_default()
    };
    let options = model::record_templates()
        .into_iter()
        .map(|(v, l)| view! { <option value=v>{l}</option> })
        .collect_view();
    view! {
        <section class="layer" data-layer=layer.id() aria-label=heading>
            <h5>{heading}</h5>
            <div class="layer-actions">
                {move || {
                    if in_matrix() {
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                id=format!("field-{}-{}-prefill", key.get_value(), layer.id())
                                on:click=prefill
                            >
                                {format!("Prefill the {} from the public matrix", layer.label().to_lowercase())}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <span class="hint">"This vendor is not in the public matrix: add its records by hand."</span> }
                            .into_any()
                    }
                }}
            </div>
            <super::pdf::PdfDrop cid=key.get_value() layer=layer/>
            {move || ids.with(|v| v.is_empty()).then(|| view! { <p class="empty">"No evidence record at this layer yet."</p> })}
            <For
                each=move || ids.get()
                key=|id| id.clone()
                children=move |rid| view! { <RecordEditor cid=key.get_value() rid=rid/> }
            />
            <div class="inline-add">
                <label for=add_id.clone()>"New record for"</label>
                <select id=add_id.clone() prop:value=move || choice.get() on:change=move |ev| choice.set(event_target_value(&ev))>
                    {options}
                    {move || {
                        attestations
                            .get()
                            .into_iter()
                            .filter(|a| !a.trim().is_empty())
                            .map(|a| {
                                view! { <option value=format!("attestation:{}", a.trim())>{format!("Attestation: {}", a.trim())}</option> }
                            })
                            .collect_view()
                    }}
                </select>
                <button type="button" class="secondary" id=format!("{add_id}-button") on:click=add>
                    "Add record"
                </button>
            </div>
        </section>
    }
}

#[component]
fn RecordEditor(cid: String, rid: String) -> impl IntoView {
    let ws = expect_context::<Ws>();
    let eval = ws.eval;
    let Some(r) = eval.with_untracked(|e| model::rec(e, &cid, &rid).cloned()) else {
        return ().into_any();
    };
    let k = RecKey {
        ws,
        key: StoredValue::new((cid.clone(), rid.clone())),
    };
    let current = Memo::new(move |_| {
        let (c, r) = k.key.get_value();
        eval.with(|e| model::rec(e, &c, &r).cloned())
    });
    let issues: Memo<Vec<FieldIssue>> =
        Memo::new(move |_| current.with(|r| r.as_ref().map(validate_record).unwrap_or_default()));
    let shape_now =
        Memo::new(move |_| current.with(|r| r.as_ref().map(shape).unwrap_or(Shape::Iso)));
    let title = Memo::new(move |_| {
        current.with(|r| {
            r.as_ref()
                .map(|r| {
                    format!(
                        "Record {}: {}, from a {}",
                        r.id,
                        r.standard.label(),
                        r.source.label()
                    )
                })
                .unwrap_or_default()
        })
    });
    let is_claim =
        Memo::new(move |_| current.with(|r| r.as_ref().is_some_and(|r| r.is_public_claim())));
    let heading_id = k.id("heading");
    let labelled_by = heading_id.clone();

    let source_id = k.id(RecordField::Source.id());
    let source_options = SourceKind::ALL
        .into_iter()
        .map(|s| view! { <option value=s.id() selected=s == r.source>{s.label()}</option> })
        .collect_view();

    let standard_field = field(
        ws,
        k.id(RecordField::Standard.id()),
        RecordField::Standard.label().into(),
        RecordField::Standard.hint().map(Into::into),
        Kind::Text,
        r.standard.to_string(),
        |s: &str| validate_standard_input(s).map_err(|e| e.sentence()),
        move |s: StandardRef| {
            k.update(|r| {
                if matches!(s, StandardRef::Soc2) {
                    r.soc2.get_or_insert_with(model::blank_soc2);
                } else {
                    r.soc2 = None;
                }
                r.standard = s;
            })
        },
        issue_of(issues, RecordField::Standard.id()),
    );

    let shape_fields = move || {
        let r = current.get_untracked();
        let Some(r) = r else { return ().into_any() };
        match shape_now.get() {
            Shape::Iso => view! {
                {text_field(
                    ws,
                    k.id(RecordField::CertificationBody.id()),
                    RecordField::CertificationBody.label(),
                    RecordField::CertificationBody.hint().map(Into::into),
                    Kind::Text,
                    r.certification_body.clone(),
                    move |v| k.update(|r| r.certification_body = v),
                    issue_of(issues, RecordField::CertificationBody.id()),
                )}
                {text_field(
                    ws,
                    k.id(RecordField::AccreditationBody.id()),
                    RecordField::AccreditationBody.label(),
                    RecordField::AccreditationBody.hint().map(Into::into),
                    Kind::Text,
                    r.accreditation_body.clone(),
                    move |v| k.update(|r| r.accreditation_body = v),
                    issue_of(issues, RecordField::AccreditationBody.id()),
                )}
                {kept_date_field(
                    ws,
                    k.id(RecordField::OriginallyCertified.id()),
                    RecordField::OriginallyCertified.label(),
                    r.originally_certified,
                    r.drafts.get(&RecordField::OriginallyCertified).cloned(),
                    move |d| k.update(|r| r.originally_certified = d),
                    move |t| k.update(|r| set_draft(r, RecordField::OriginallyCertified, t)),
                    issue_of(issues, RecordField::OriginallyCertified.id()),                )}
                {kept_date_field(
                    ws,
                    k.id(RecordField::IssueDate.id()),
                    RecordField::IssueDate.label(),
                    r.issue_date,
                    r.drafts.get(&RecordField::IssueDate).cloned(),
                    move |d| k.update(|r| r.issue_date = d),
                    move |t| k.update(|r| set_draft(r, RecordField::IssueDate, t)),
                    issue_of(issues, RecordField::IssueDate.id()),                )}
                {kept_date_field(
                    ws,
                    k.id(RecordField::ExpiryDate.id()),
                    RecordField::ExpiryDate.label(),
                    r.expiry_date,
                    r.drafts.get(&RecordField::ExpiryDate).cloned(),
                    move |d| k.update(|r| r.expiry_date = d),
                    move |t| k.update(|r| set_draft(r, RecordField::ExpiryDate, t)),
                    issue_of(issues, RecordField::ExpiryDate.id()),                )}
                {kept_date_field(
                    ws,
                    k.id(RecordField::LastSurveillanceAudit.id()),
                    RecordField::LastSurveillanceAudit.label(),
                    r.last_surveillance_audit,
                    r.drafts.get(&RecordField::LastSurveillanceAudit).cloned(),
                    move |d| k.update(|r| r.last_surveillance_audit = d),
                    move |t| k.update(|r| set_draft(r, RecordField::LastSurveillanceAudit, t)),
                    issue_of(issues, RecordField::LastSurveillanceAudit.id()),                )}
                <BasedOn k=k issues=issues/>
            }
            .into_any(),
            Shape::Attestation => view! {
                {kept_date_field(
                    ws,
                    k.id(RecordField::IssueDate.id()),
                    "Issue date",
                    r.issue_date,
                    r.drafts.get(&RecordField::IssueDate).cloned(),
                    move |d| k.update(|r| r.issue_date = d),
                    move |t| k.update(|r| set_draft(r, RecordField::IssueDate, t)),
                    issue_of(issues, RecordField::IssueDate.id()),                )}
                {kept_date_field(
                    ws,
                    k.id(RecordField::ExpiryDate.id()),
                    RecordField::ExpiryDate.label(),
                    r.expiry_date,
                    r.drafts.get(&RecordField::ExpiryDate).cloned(),
                    move |d| k.update(|r| r.expiry_date = d),
                    move |t| k.update(|r| set_draft(r, RecordField::ExpiryDate, t)),
                    issue_of(issues, RecordField::ExpiryDate.id()),                )}
            }
            .into_any(),
            Shape::Soc2 => {
                let s = r.soc2.clone().unwrap_or_else(model::blank_soc2);
                let type_id = k.id(RecordField::Soc2Type.id());
                view! {
                    <div class="field">
                        <label for=type_id.clone()>{RecordField::Soc2Type.label()}</label>
                        <select
                            id=type_id
                            on:change=move |ev| {
                                let t = if event_target_value(&ev) == "I" { Soc2Type::TypeI } else { Soc2Type::TypeII };
                                k.soc2(|s| s.report_type = t);
                            }
                        >
                            <option value="II" selected=s.report_type == Soc2Type::TypeII>"Type II (operation over a period)"</option>
                            <option value="I" selected=s.report_type == Soc2Type::TypeI>"Type I (design at one date)"</option>
                        </select>
                    </div>
                    {text_field(
                        ws,
                        k.id(RecordField::Soc2Auditor.id()),
                        RecordField::Soc2Auditor.label(),
                        None,
                        Kind::Text,
                        s.auditor.clone(),
                        move |v| k.soc2(|s| s.auditor = v),
                        issue_of(issues, RecordField::Soc2Auditor.id()),
                    )}
                    {kept_date_field(
                        ws,
                        k.id(RecordField::Soc2PeriodStart.id()),
                        RecordField::Soc2PeriodStart.label(),
                        s.period_start,
                        r.drafts.get(&RecordField::Soc2PeriodStart).cloned(),
                        move |d| k.soc2(|s| s.period_start = d),
                        move |t| k.update(|r| set_draft(r, RecordField::Soc2PeriodStart, t)),
                        issue_of(issues, RecordField::Soc2PeriodStart.id()),                    )}
                    {kept_date_field(
                        ws,
                        k.id(RecordField::Soc2PeriodEnd.id()),
                        RecordField::Soc2PeriodEnd.label(),
                        s.period_end,
                        r.drafts.get(&RecordField::Soc2PeriodEnd).cloned(),
                        move |d| k.soc2(|s| s.period_end = d),
                        move |t| k.update(|r| set_draft(r, RecordField::Soc2PeriodEnd, t)),
                        issue_of(issues, RecordField::Soc2PeriodEnd.id()),                    )}
                    {kept_date_field(
                        ws,
                        k.id(RecordField::Soc2ReportDate.id()),
                        RecordField::Soc2ReportDate.label(),
                        s.report_date,
                        r.drafts.get(&RecordField::Soc2ReportDate).cloned(),
                        move |d| k.soc2(|s| s.report_date = d),
                        move |t| k.update(|r| set_draft(r, RecordField::Soc2ReportDate, t)),
                        issue_of(issues, RecordField::Soc2ReportDate.id()),                    )}
                    {kept_date_field(
                        ws,
                        k.id(RecordField::Soc2BridgeLetterEnd.id()),
                        RecordField::Soc2BridgeLetterEnd.label(),
                        s.bridge_letter_end,
                        r.drafts.get(&RecordField::Soc2BridgeLetterEnd).cloned(),
                        move |d| k.soc2(|s| s.bridge_letter_end = d),
                        move |t| k.update(|r| set_draft(r, RecordField::Soc2BridgeLetterEnd, t)),
                        issue_of(issues, RecordField::Soc2BridgeLetterEnd.id()),                    )}
                    <Soc2Opinion k=k opinion=s.opinion/>
                    <SubserviceOrganisations k=k current=current/>
                }
                    .into_any()
            }
        }
    };

    let remove = move |_| {
        let (c, rid) = k.key.get_value();
        let layer = current
            .get_untracked()
            .map(|r| r.layer)
            .unwrap_or(Layer::Model);
        ws.update(|e| {
            if let Some(cand) = model::cand_mut(e, &c) {
                cand.records.retain(|r| r.id != rid);
            }
        });
        ws.status.set(format!("Removed record {rid}."));
        ws.go_to(Step::Evidence, add_record_id(&c, layer));
    };

    view! {
        <article class="record" class:public-claim=move || is_claim.get() aria-labelledby=labelled_by data-record=rid.clone()>
            <h6 id=heading_id>{move || title.get()}</h6>
            {move || {
                is_claim
                    .get()
                    .then(|| {
                        view! {
                            <p class="claim-note" role="note">
                                <span aria-hidden="true">"ℹ "</span>
                                "Public claim, not verified: read the vendor's certificate PDF, correct what it says, then set the source to \"certificate PDF\"."
                            </p>
                        }
                    })
            }}
            <div class="field-grid">
                {text_field(
                    ws,
                    k.id(RecordField::Holder.id()),
                    RecordField::Holder.label(),
                    None,
                    Kind::Text,
                    r.holder.clone(),
                    move |v| k.update(|r| r.holder = v),
                    issue_of(issues, RecordField::Holder.id()),
                )}
                {standard_field}
                {text_field(
                    ws,
                    k.id(RecordField::CertificateNumber.id()),
                    RecordField::CertificateNumber.label(),
                    None,
                    Kind::Text,
                    r.certificate_number.clone(),
                    move |v| k.update(|r| r.certificate_number = v.trim().to_string()),
                    issue_of(issues, RecordField::CertificateNumber.id()),
                )}
                <div class="field">
                    <label for=source_id.clone()>{RecordField::Source.label()}</label>
                    <select
                        id=source_id
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(s) = SourceKind::ALL.into_iter().find(|s| s.id() == v) {
                                k.update(|r| r.source = s);
                            }
                        }
                    >
                        {source_options}
                    </select>
                </div>
                {shape_fields}
                {kept_date_field(
                    ws,
                    k.id(RecordField::LastVerified.id()),
                    RecordField::LastVerified.label(),
                    r.last_verified,
                    r.drafts.get(&RecordField::LastVerified).cloned(),
                    move |d| k.update(|r| r.last_verified = d),
                    move |t| k.update(|r| set_draft(r, RecordField::LastVerified, t)),
                    issue_of(issues, RecordField::LastVerified.id()),                )}
                {text_field(
                    ws,
                    k.id(RecordField::Scope.id()),
                    RecordField::Scope.label(),
                    None,
                    Kind::Area,
                    r.scope.clone(),
                    move |v| k.update(|r| r.scope = v),
                    issue_of(issues, RecordField::Scope.id()),
                )}
                {text_field(
                    ws,
                    k.id(RecordField::Notes.id()),
                    RecordField::Notes.label(),
                    None,
                    Kind::Area,
                    r.notes.clone(),
                    move |v| k.update(|r| r.notes = v),
                    issue_of(issues, RecordField::Notes.id()),
                )}
            </div>
            <button
                type="button"
                class="danger"
                id=k.id("remove")
                aria-label=format!("Remove record {}", r.id)
                on:click=remove
            >
                "Remove record"
            </button>
        </article>
    }
    .into_any()
}

/// For a 27017, 27018 or 27701:2019 certificate: the 27001 record it extends.
#[component]
fn BasedOn(k: RecKey, issues: Memo<Vec<FieldIssue>>) -> impl IntoView {
    let ws = k.ws;
    let id = k.id(RecordField::BasedOn.id());
    let msg_id = format!("{id}-msg");
    let options = Memo::new(move |_| {
        let (c, rid) = k.key.get_value();
        ws.eval.with(|e| {
            model::cand(e, &c)
                .map(|c| {
                    c.records
                        .iter()
                        .filter(|r| {
                            r.id != rid && r.standard.standard() == Some(Standard::Iso27001)
                        })
                        .map(|r| (r.id.clone(), format!("{}: {}", r.id, r.standard.label())))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let value = Memo::new(move |_| {
        let (c, rid) = k.key.get_value();
        ws.eval.with(|e| {
            model::rec(e, &c, &rid)
                .and_then(|r| r.based_on.clone())
                .unwrap_or_default()
        })
    });
    let shown = Shown::new(ws, false);
    let msg = shown.gate(issue_of(issues, RecordField::BasedOn.id()));
    let msg2 = msg.clone();
    view! {
        <div class="field">
            <label for=id.clone()>{RecordField::BasedOn.label()}</label>
            <select
                id=id
                aria-describedby=msg_id.clone()
                aria-invalid=move || msg2().is_some().to_string()
                prop:value=move || value.get()
                on:change=move |ev| {
                    shown.touch();
                    let v = event_target_value(&ev);
                    k.update(|r| r.based_on = if v.is_empty() { None } else { Some(v) });
                }
            >
                <option value="">"— none (a certificate of its own) —"</option>
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v>{l}</option> })
                        .collect_view()
                }}
            </select>
            <span class="field-msg" id=msg_id aria-live="polite">{msg}</span>
        </div>
    }
}

/// The auditor's opinion, as the report states it.
#[component]
fn Soc2Opinion(k: RecKey, opinion: Option<Opinion>) -> impl IntoView {
    let id = k.id("soc2.opinion");
    let options = [
        ("", "Not recorded", None),
        (
            "unqualified",
            "Unqualified (unmodified: “in all material respects”)",
            Some(Opinion::Unqualified),
        ),
        (
            "qualified",
            "Qualified (“except for …”)",
            Some(Opinion::Qualified),
        ),
        ("adverse", "Adverse", Some(Opinion::Adverse)),
        (
            "disclaimer",
            "Disclaimer of opinion",
            Some(Opinion::Disclaimer),
        ),
    ];
    let list = options
        .into_iter()
        .map(|(v, l, o)| view! { <option value=v selected=o == opinion>{l}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>"Auditor's opinion"</label>
            <select
                id=id
                on:change=move |ev| {
                    let o = match event_target_value(&ev).as_str() {
                        "unqualified" => Some(Opinion::Unqualified),
                        "qualified" => Some(Opinion::Qualified),
                        "adverse" => Some(Opinion::Adverse),
                        "disclaimer" => Some(Opinion::Disclaimer),
                        _ => None,
                    };
                    k.soc2(|s| s.opinion = o);
                }
            >
                {list}
            </select>
        </div>
    }
}

/// Numbered rows.
fn rows(list: Vec<SubserviceOrganisation>) -> Vec<(usize, SubserviceOrganisation)> {
    list.into_iter().enumerate().collect()
}

/// The subservice organisations a SOC 2 report names, each carved out or
/// included.
#[component]
fn SubserviceOrganisations(k: RecKey, current: Memo<Option<EvidenceRecord>>) -> impl IntoView {
    let list = Memo::new(move |_| {
        current.with(|r| {
            r.as_ref()
                .and_then(|r| r.soc2.as_ref())
                .map(|s| s.subservice_organisations.clone())
                .unwrap_or_default()
        })
    });
    let count = Memo::new(move |_| list.with(Vec::len));
    let add_id = k.id("soc2.subservice_organisations-add");
    let add = move |_| {
        k.soc2(|s| {
            s.subservice_organisations.push(SubserviceOrganisation {
                name: String::new(),
                method: SubserviceMethod::CarveOut,
            })
        });
        let n = count.get_untracked();
        k.ws.go_to(
            Step::Evidence,
            k.id(&format!(
                "soc2.subservice_organisations.{}.name",
                n.saturating_sub(1)
            )),
        );
    };
    view! {
        <fieldset class="subservice" data-testid="subservice-organisations">
            <legend>"Subservice organisations"</legend>
            <p class="hint">
                "As the report names them. Carved out: the report does not cover their controls, so each needs evidence of its own."
            </p>
            {move || (count.get() == 0).then(|| view! { <p class="empty">"None recorded."</p> })}
            <For
                each=move || rows(list.get())
                key=|item| (item.0, item.1.name.clone(), item.1.method)
                children=move |item| {
                    let (i, org) = item;
                    let name_id = k.id(&format!("soc2.subservice_organisations.{i}.name"));
                    let method_id = k.id(&format!("soc2.subservice_organisations.{i}.method"));
                    let carve = org.method == SubserviceMethod::CarveOut;
                    view! {
                        <div class="subservice-row">
                            <div class="field">
                                <label for=name_id.clone()>{format!("Subservice organisation {}", i + 1)}</label>
                                <input
                                    id=name_id
                                    type="text"
                                    prop:value=org.name.clone()
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev).trim().to_string();
                                        k.soc2(|s| {
                                            if let Some(o) = s.subservice_organisations.get_mut(i) {
                                                o.name = v;
                                            }
                                        });
                                    }
                                />
                            </div>
                            <div class="field">
                                <label for=method_id.clone()>{format!("How the report treats organisation {}", i + 1)}</label>
                                <select
                                    id=method_id
                                    on:change=move |ev| {
                                        let m = if event_target_value(&ev) == "inclusive" {
                                            SubserviceMethod::Inclusive
                                        } else {
                                            SubserviceMethod::CarveOut
                                        };
                                        k.soc2(|s| {
                                            if let Some(o) = s.subservice_organisations.get_mut(i) {
                                                o.method = m;
                                            }
                                        });
                                    }
                                >
                                    <option value="carve-out" selected=carve>"Carved out (not covered)"</option>
                                    <option value="inclusive" selected=!carve>"Inclusive (tested in the report)"</option>
                                </select>
                            </div>
                            <button
                                type="button"
                                class="secondary"
                                on:click=move |_| {
                                    k.soc2(|s| {
                                        if i < s.subservice_organisations.len() {
                                            s.subservice_organisations.remove(i);
                                        }
                                    });
                                    k.ws.status.set(format!("Removed subservice organisation {}.", i + 1));
                                }
                            >
                                {format!("Remove subservice organisation {}", i + 1)}
                            </button>
                        </div>
                    }
                }
            />
            <button type="button" class="secondary" id=add_id on:click=add>
                "Add a subservice organisation"
            </button>
        </fieldset>
    }
}

/// Keeps (or drops, with `None`) the text of a record's date field that is
/// not a date yet.
fn set_draft(r: &mut EvidenceRecord, field: RecordField, text: Option<String>) {
    match text {
        Some(t) if !t.trim().is_empty() => {
            r.drafts.insert(field, t);
        }
        _ => {
            r.drafts.remove(&field);
        }
    }
}
