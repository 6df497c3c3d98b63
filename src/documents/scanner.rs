//! The contract text scanner: finds, in a pasted MSA, DPA or order form, the
//! passages that answer each item of the contract checklist (source A, step
//! 4), and flags vague wording. It **proposes** an answer with the quoted
//! passage and why; the user confirms.
//!
//! How: the text is cut into sentences (at `.`, `!`, `?` or `;` followed by
//! white space, at blank lines, and every 2,000 bytes at most); each sentence
//! is normalised once (lowercase words separated by single spaces, so
//! "Sub-processor" reads ` sub processor `) and tested against a few word
//! lists. One pass, a fixed number of substring tests per sentence: linear in
//! the text. Offsets are byte offsets into the pasted text, always on
//! character boundaries.

use super::shorten;
use crate::domain::evaluation::{Answer, ContractItem};
use crate::policy::normalise;

/// How sure the scanner is of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// A quoted piece of the contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Byte offset of the passage's first character in the pasted text.
    pub offset: usize,
    /// Byte offset just after its last character.
    pub end: usize,
    /// The passage as written (white space collapsed, at most 600 characters).
    pub text: String,
}

/// The scanner's proposal for one checklist item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub item: ContractItem,
    pub answer: Answer,
    pub passage: Option<Passage>,
    pub confidence: Confidence,
    /// Why, in a sentence.
    pub why: String,
}

impl Proposal {
    /// The note to keep with the answer: where, and the quote, shortened.
    pub fn note(&self) -> String {
        match &self.passage {
            Some(p) => format!("contract scan: \"{}\"", shorten(&p.text, 160)),
            None => format!("contract scan: {}", shorten(&self.why, 160)),
        }
    }
}

/// One vague phrase found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VagueHit {
    /// The phrase, normalised ("industry standard").
    pub phrase: &'static str,
    pub passage: Passage,
}

/// What a scan found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanResult {
    /// One proposal per checklist item, in [`ContractItem::ALL`]'s order.
    pub proposals: Vec<Proposal>,
    /// Vague wording, in text order (at most [`MAX_VAGUE`]).
    pub vague: Vec<VagueHit>,
    /// How many vague phrases there were in all.
    pub vague_total: usize,
    /// How many sentences were read.
    pub sentences: usize,
}

impl ScanResult {
    pub fn proposal(&self, item: ContractItem) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.item == item)
    }
}

/// At most this many vague-wording hits are listed.
pub const MAX_VAGUE: usize = 50;

/// Phrases that promise nothing checkable (source A, step 4: never accept
/// "industry-standard compliance"), normalised.
pub const VAGUE_PHRASES: [&str; 11] = [
    " industry standard ",
    " industry standards ",
    " commercially reasonable ",
    " reasonable and appropriate ",
    " appropriate and reasonable ",
    " generally accepted industry ",
    " industry best practice",
    " consistent with industry practice",
    " in line with industry practice",
    " reasonable security ",
    " customary in the industry",
];

const MAX_SENTENCE: usize = 2000;

/// Sentence spans `(start, end)` in byte offsets, trimmed, non-empty.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 80 + 1);
    let mut start = 0;
    let mut newline_run = false;
    let mut iter = text.char_indices().peekable();
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        if let Some(piece) = text.get(s..e) {
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                out.push((s + lead, s + lead + trimmed.len()));
            }
        }
    };
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|(_, n)| *n);
        let after = i + c.len_utf8();
        let boundary = match c {
            '.' | '!' | '?' | ';' => next.is_none_or(char::is_whitespace),
            '\n' => {
                let b = newline_run;
                newline_run = true;
                b
            }
            c if c.is_whitespace() => {
                // `\r` and spaces between two newlines keep the run going.
                if after - start > MAX_SENTENCE {
                    true
                } else {
                    continue;
                }
            }
            _ => false,
        };
        if c != '\n' && !c.is_whitespace() {
            newline_run = false;
        }
        if boundary {
            push(start, after, &mut out);
            start = after;
        }
    }
    push(start, text.len(), &mut out);
    out
}

fn has(norm: &str, words: &[&str]) -> bool {
    words.iter().any(|w| norm.contains(w))
}

const NUMBER_WORDS: [(&str, u32); 17] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("five", 5),
    ("seven", 7),
    ("ten", 10),
    ("fourteen", 14),
    ("fifteen", 15),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("forty five", 45),
    ("sixty", 60),
    ("ninety", 90),
    ("hundred", 100),
    ("twenty one", 21),
    ("hundred and eighty", 180),
];

/// The day counts a normalised sentence names ("thirty 30 days", "30 calendar
/// days", "14 business days").
fn days(norm: &str) -> Vec<u32> {
    let words: Vec<&str> = norm.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if *w != "days" && *w != "day" {
            continue;
        }
        // Skip "calendar" / "business" / "working" between the number and "days".
        let mut j = i;
        while j > 0
            && matches!(
                words.get(j - 1),
                Some(&("calendar" | "business" | "working"))
            )
        {
            j -= 1;
        }
        if j == 0 {
            continue;
        }
        let Some(prev) = words.get(j - 1) else {
            continue;
        };
        if let Ok(n) = prev.parse::<u32>() {
            out.push(n);
            continue;
        }
        // A number in words: the longest known form ending at j.
        let mut best = None;
        for (form, n) in NUMBER_WORDS {
            let k = form.split(' ').count();
            if k <= j {
                if let Some(slice) = words.get(j - k..j) {
                    if slice.join(" ") == form && best.is_none_or(|(bk, _)| k > bk) {
                        best = Some((k, n));
                    }
                }
            }
        }
        if let Some((_, n)) = best {
            out.push(n);
        }
    }
    out
}

const CERT_WORDS: [&str; 7] = [
    " certification",
    " certificate",
    " certified ",
    " 27001 ",
    " soc 2 ",
    " soc2 ",
    " iso ",
];
const NEGATIONS: [&str; 10] = [
    " no obligation ",
    " not obligated ",
    " not required to ",
    " disclaims ",
    " makes no representation",
    " does not commit ",
    " does not guarantee ",
    " does not warrant ",
    " is not available ",
    " not offered ",
];

struct Best {
    score: u32,
    idx: usize,
}

fn keep(best: &mut Option<Best>, score: u32, idx: usize) {
    if best.as_ref().is_none_or(|b| score > b.score) {
        *best = Some(Best { score, idx });
    }
}

/// Scans a contract. Never panics; linear in the length of `text`.
pub fn scan_contract(text: &str) -> ScanResult {
    let spans = sentences(text);
    let norms: Vec<String> = spans
        .iter()
        .map(|(s, e)| text.get(*s..*e).map(normalise).unwrap_or_default())
        .collect();
    let quote = |idx: usize, upto: usize| -> Option<Passage> {
        let (s, _) = *spans.get(idx)?;
        let (_, e) = *spans.get(upto.max(idx))?;
        Some(Passage {
            offset: s,
            end: e,
            text: shorten(text.get(s..e)?, 600),
        })
    };
    // Where an order form starts: a short line that begins "Order Form".
    let mut order_form_at = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if t.len() < 80 && normalise(t).starts_with(" order form") {
            order_form_at = Some(line_start);
            break;
        }
        line_start += line.len();
    }

    let mut standards_seen: [Option<usize>; 6] = [None; 6];
    const STD_WORDS: [(&str, &str); 6] = [
        (" 27001 ", "ISO/IEC 27001"),
        (" 27017 ", "ISO/IEC 27017"),
        (" 27018 ", "ISO/IEC 27018"),
        (" 27701 ", "ISO/IEC 27701"),
        (" 42001 ", "ISO/IEC 42001"),
        (" soc 2 ", "SOC 2"),
    ];
    let mut certs: Option<Best> = None;
    let mut maintain: Option<Best> = None;
    let mut surveillance: Option<Best> = None;
    let mut lapse: Option<Best> = None;
    let mut terminate: Option<Best> = None;
    let mut zdr: Option<Best> = None;
    let mut sub_notice: Option<Best> = None;
    let mut sub_object: Option<Best> = None;
    let mut vague = Vec::new();
    let mut vague_total = 0;

    for (idx, n) in norms.iter().enumerate() {
        if n.is_empty() {
            continue;
        }
        // Certifications named.
        let mut named = 0;
        for (k, (w, _)) in STD_WORDS.iter().enumerate() {
            let hit = n.contains(w) || (k == 5 && n.contains(" soc2 "));
            if hit {
                named += 1;
                if let Some(slot) = standards_seen.get_mut(k) {
                    slot.get_or_insert(idx);
                }
            }
        }
        if named > 0 {
            keep(&mut certs, named, idx);
        }
        let cert = has(n, &CERT_WORDS);
        let negated = has(n, &NEGATIONS);
        // Maintained for the term.
        if cert && n.contains(" maintain") {
            let term = has(
                n,
                &[" term ", " duration ", " throughout ", " for so long as "],
            );
            keep(
                &mut maintain,
                1 + 2 * u32::from(term) + 4 * u32::from(negated),
                idx,
            );
        }
        // Annual surveillance confirmation.
        if n.contains(" surveillance") {
            let annual = has(
                n,
                &[
                    " annual",
                    " each year ",
                    " every year ",
                    " once a year ",
                    " yearly ",
                    " each calendar year ",
                ],
            );
            let confirm = has(
                n,
                &[
                    " confirm",
                    " provide",
                    " evidence ",
                    " letter",
                    " copy ",
                    " copies ",
                    " report",
                    " deliver",
                ],
            );
            keep(
                &mut surveillance,
                1 + 2 * u32::from(annual) + u32::from(confirm),
                idx,
            );
        }
        // Notice of suspension, withdrawal or scope reduction.
        let lapse_words = has(
            n,
            &[
                " suspen",
                " withdraw",
                " lapse",
                " revok",
                " revoc",
                " reduc",
                " terminat",
                " expir",
                " cease",
                " fail to maintain",
                " fails to maintain",
            ],
        );
        if cert && lapse_words && has(n, &[" notif", " notice ", " inform", " written notice"]) {
            let d = u32::from(!days(n).is_empty());
            keep(
                &mut lapse,
                1 + 2 * d
                    + u32::from(n.contains(" scope "))
                    + 2 * u32::from(!n.contains(" terminate ")),
                idx,
            );
        }
        // Termination right if certifications lapse.
        if cert
            && lapse_words
            && has(n, &[" terminate ", " terminat", " may end "])
            && has(
                n,
                &[
                    " customer may ",
                    " customer shall have the right",
                    " right to terminate ",
                    " may terminate ",
                    " entitled to terminate ",
                ],
            )
        {
            let penalty = has(
                n,
                &[
                    " without penalty",
                    " without liability",
                    " no termination fee",
                    " without any termination fee",
                    " without charge",
                    " refund",
                ],
            );
            keep(&mut terminate, 1 + 2 * u32::from(penalty), idx);
        }
        // Zero Data Retention and its window.
        if has(n, &[" zero data retention ", " zdr "]) {
            let d = u32::from(!days(n).is_empty());
            let in_of = u32::from(
                order_form_at.is_some_and(|o| spans.get(idx).is_some_and(|(s, _)| *s >= o)),
            );
            keep(&mut zdr, 1 + 2 * d + in_of, idx);
        }
        // Sub-processors: notice and the right to object.
        if has(
            n,
            &[
                " sub processor",
                " subprocessor",
                " sub contractor",
                " subcontractor",
            ],
        ) {
            if has(n, &[" notif", " notice ", " inform", " advance"])
                && (has(
                    n,
                    &[
                        " new ",
                        " change",
                        " add ",
                        " addition",
                        " replac",
                        " engag",
                    ],
                ))
            {
                let d = u32::from(!days(n).is_empty());
                keep(&mut sub_notice, 1 + 2 * d, idx);
            }
            if n.contains(" object") {
                keep(&mut sub_object, 1, idx);
            }
        } else if n.contains(" object to ") && has(n, &[" new ", " change", " engag", " appoint"]) {
            keep(&mut sub_object, 0, idx);
        }
        // Vague wording.
        for p in VAGUE_PHRASES {
            if n.contains(p) {
                vague_total += 1;
                if vague.len() < MAX_VAGUE {
                    if let Some(passage) = quote(idx, idx) {
                        vague.push(VagueHit {
                            phrase: p.trim(),
                            passage,
                        });
                    }
                }
            }
        }
    }

    let norm_of = |b: &Option<Best>| {
        b.as_ref()
            .and_then(|b| norms.get(b.idx))
            .map(String::as_str)
            .unwrap_or("")
    };
    let idx_of = |b: &Option<Best>| b.as_ref().map(|b| b.idx);
    let neg = |b: &Option<Best>| has(norm_of(b), &NEGATIONS);
    let mut proposals = Vec::with_capacity(8);
    let none = |item, why: &str| {
        Proposal {
        item,
        answer: Answer::Unknown,
        passage: None,
        confidence: Confidence::Medium,
        why: format!("no passage found in the pasted text: {why}. If this is the whole contract (MSA, DPA and order form), the answer is no"),
    }
    };

    // 1. Certifications named.
    let named: Vec<&str> = STD_WORDS
        .iter()
        .zip(standards_seen.iter())
        .filter(|(_, s)| s.is_some())
        .map(|((_, label), _)| *label)
        .collect();
    proposals.push(match idx_of(&certs) {
        None => none(
            ContractItem::CertsNamed,
            "no certification (27001, 27017, 27018, 27701, 42001, SOC 2) is named",
        ),
        Some(i) => {
            let core = standards_seen.iter().take(4).all(Option::is_some);
            let missing: Vec<&str> = STD_WORDS
                .iter()
                .zip(standards_seen.iter())
                .take(4)
                .filter(|(_, s)| s.is_none())
                .map(|((_, l), _)| *l)
                .collect();
            Proposal {
                item: ContractItem::CertsNamed,
                answer: if core { Answer::Yes } else { Answer::Unknown },
                passage: quote(i, i),
                confidence: if core {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
                why: if core {
                    format!("the text names {}", named.join(", "))
                } else {
                    format!(
                        "the text names {} but not {}: check which ones your tier requires",
                        named.join(", "),
                        missing.join(", ")
                    )
                },
            }
        }
    });

    // 2. Maintained for the term.
    proposals.push(match &maintain {
        None => none(
            ContractItem::MaintainForTerm,
            "no commitment to maintain the certifications",
        ),
        Some(b) => {
            let negated = neg(&maintain);
            let term = b.score & 2 != 0;
            Proposal {
                item: ContractItem::MaintainForTerm,
                answer: if negated {
                    Answer::No
                } else if term {
                    Answer::Yes
                } else {
                    Answer::Unknown
                },
                passage: quote(b.idx, b.idx),
                confidence: if term && !negated {
                    Confidence::High
                } else {
                    Confidence::Low
                },
                why: if negated {
                    "the passage seems to deny a commitment: read it".to_string()
                } else if term {
                    "a commitment to maintain the certifications for the term".to_string()
                } else {
                    "a commitment to maintain certifications, but the term is not named: read it"
                        .to_string()
                },
            }
        }
    });

    // 3. Annual surveillance confirmation.
    proposals.push(match &surveillance {
        None => none(
            ContractItem::AnnualSurveillance,
            "surveillance audits are not mentioned",
        ),
        Some(b) => {
            let ok = b.score >= 3;
            Proposal {
                item: ContractItem::AnnualSurveillance,
                answer: if ok && !neg(&surveillance) {
                    Answer::Yes
                } else {
                    Answer::Unknown
                },
                passage: quote(b.idx, b.idx),
                confidence: if b.score >= 4 {
                    Confidence::High
                } else {
                    Confidence::Medium
                },
                why: if ok {
                    "surveillance audits are confirmed every year".to_string()
                } else {
                    "surveillance audits are mentioned, but not a yearly confirmation: read it"
                        .to_string()
                },
            }
        }
    });

    // 4. 30-day notice of suspension, withdrawal or scope reduction.
    proposals.push(match &lapse {
        None => none(
            ContractItem::LapseNotice,
            "no notice of a suspended, withdrawn or reduced certification",
        ),
        Some(b) => {
            let n = norm_of(&lapse);
            let window = days(n).into_iter().min();
            let (answer, confidence, why) = match window {
                Some(d) if d <= 30 => (
                    Answer::Yes,
                    Confidence::High,
                    format!("notice within {d} days"),
                ),
                Some(d) => (
                    Answer::No,
                    Confidence::Medium,
                    format!("notice within {d} days: longer than the 30 days source A asks for"),
                ),
                None => (
                    Answer::Unknown,
                    Confidence::Low,
                    "notice is promised but no number of days is named".to_string(),
                ),
            };
            Proposal {
                item: ContractItem::LapseNotice,
                answer,
                passage: quote(b.idx, b.idx),
                confidence,
                why,
            }
        }
    });

    // 5. Termination right.
    proposals.push(match &terminate {
        None => none(ContractItem::TerminationRight, "no right to terminate if certifications lapse"),
        Some(b) => {
            let penalty_free = b.score >= 3;
            Proposal {
                item: ContractItem::TerminationRight,
                answer: if penalty_free { Answer::Yes } else { Answer::Unknown },
                passage: quote(b.idx, b.idx),
                confidence: if penalty_free { Confidence::High } else { Confidence::Medium },
                why: if penalty_free {
                    "a right to terminate without penalty if certifications lapse".to_string()
                } else {
                    "a right to terminate if certifications lapse, but \"without penalty\" is not said: read it".to_string()
                },
            }
        }
    });

    // 6. ZDR with the window named.
    proposals.push(match &zdr {
        None => none(ContractItem::ZdrWindow, "Zero Data Retention is not mentioned"),
        Some(b) => {
            let mut upto = b.idx;
            let mut window = days(norm_of(&zdr)).into_iter().next();
            if window.is_none() {
                // The window is often in the next sentence.
                if let Some(next) = norms.get(b.idx + 1) {
                    if has(next, &[" retain", " retention", " delet", " stored", " store "]) {
                        if let Some(d) = days(next).into_iter().next() {
                            window = Some(d);
                            upto = b.idx + 1;
                        }
                    }
                }
            }
            let in_order_form = order_form_at.is_some_and(|o| spans.get(b.idx).is_some_and(|(s, _)| *s >= o));
            let negated = neg(&zdr);
            let (answer, confidence, mut why) = match (negated, window) {
                (true, _) => (Answer::No, Confidence::Low, "the passage seems to say Zero Data Retention does not apply: read it".to_string()),
                (false, Some(d)) => (Answer::Yes, if in_order_form { Confidence::High } else { Confidence::Medium }, format!("Zero Data Retention with a {d}-day window")),
                (false, None) => (Answer::Unknown, Confidence::Medium, "Zero Data Retention is named, but not the retention window".to_string()),
            };
            if in_order_form {
                why.push_str(", in the order form");
            } else if answer == Answer::Yes {
                why.push_str("; it is not under an \"Order Form\" heading: check that the order form carries it");
            }
            Proposal { item: ContractItem::ZdrWindow, answer, passage: quote(b.idx, upto), confidence, why }
        }
    });

    // 7. Sub-processor notice and objection.
    proposals.push(match (&sub_notice, &sub_object) {
        (None, None) => none(ContractItem::SubprocessorNotice, "no notice of sub-processor changes"),
        (notice, object) => {
            let window = days(norm_of(notice)).into_iter().max();
            let has_object = object.is_some() || has(norm_of(notice), &[" object"]);
            let idx = idx_of(notice).or(idx_of(object)).unwrap_or(0);
            let upto = match (idx_of(notice), idx_of(object)) {
                (Some(a), Some(b)) if b == a + 1 => b,
                _ => idx,
            };
            let (answer, confidence, why) = match (window, has_object) {
                (Some(d), true) if d >= 30 => (Answer::Yes, Confidence::High, format!("{d} days' notice of sub-processor changes, with a right to object")),
                (Some(d), _) if d < 30 => (Answer::No, Confidence::Medium, format!("{d} days' notice of sub-processor changes: shorter than 30 days")),
                (Some(d), _) => (Answer::Unknown, Confidence::Medium, format!("{d} days' notice of sub-processor changes, but no right to object found")),
                (None, true) => (Answer::Unknown, Confidence::Low, "a right to object to sub-processors, but no notice period in days".to_string()),
                (None, false) => (Answer::Unknown, Confidence::Low, "sub-processor changes are notified, but no period and no right to object found".to_string()),
            };
            Proposal { item: ContractItem::SubprocessorNotice, answer, passage: quote(idx, upto), confidence, why }
        }
    });

    // 8. Vague wording.
    proposals.push(match vague.first() {
        Some(h) => Proposal {
            item: ContractItem::NoIndustryStandardWording,
            answer: Answer::No,
            passage: Some(h.passage.clone()),
            confidence: Confidence::High,
            why: format!(
                "vague wording found {} time{} (\"{}\"): ask for the certifications by name instead",
                vague_total,
                if vague_total == 1 { "" } else { "s" },
                h.phrase
            ),
        },
        None => Proposal {
            item: ContractItem::NoIndustryStandardWording,
            answer: if spans.is_empty() { Answer::Unknown } else { Answer::Yes },
            passage: None,
            confidence: Confidence::Medium,
            why: if spans.is_empty() {
                "nothing to read: paste the contract text".to_string()
            } else {
                "no \"industry-standard\" or \"commercially reasonable\" wording found in the pasted text".to_string()
            },
        },
    });

    ScanResult {
        proposals,
        vague,
        vague_total,
        sentences: spans.len(),
    }
}
