//! A bounded, coverage-blind mutation fuzzer for everything that reads what
//! a user or a stranger hands the app: link fragments (open, passphrase,
//! matrix views) of both link formats and the binary body of format 2,
//! evaluation files, backups, saved records. Run by `make test` for
//! `FUZZ_SECONDS` (default 8) per target; a panic fails the test and prints
//! the input that caused it. Deterministic per run index (`FUZZ_SEED`).
//!
//! (`cargo fuzz` needs a nightly toolchain, which this project's machines do
//! not have; this runs on stable, in the ordinary test command.)
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use scopewise::domain::evaluation::Evaluation;
use scopewise::share::{self, MatrixLink, Shared};
use scopewise::store;
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"-1",
    b"1e999",
    b"\"format\":2",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"0000-00-00",
    b"2024-02-29",
    b"\"store\":9",
    b"\"\\u0000\"",
];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..=rng.below(4) {
        let len = v.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next() as u8;
            }
            2 => {
                let i = rng.below(len + 1);
                let s = INTERESTING[rng.below(INTERESTING.len())];
                v.splice(i..i, s.iter().copied());
            }
            3 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                v.drain(a..b);
            }
            4 if len > 0 => {
                let a = rng.below(len);
                let b = (a + rng.below(64)).min(len);
                let chunk = v[a..b].to_vec();
                let at = rng.below(len + 1);
                v.splice(at..at, chunk);
            }
            5 => v.truncate(rng.below(len + 1)),
            6 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                let cut = rng.below(len + 1);
                let from = rng.below(other.len() + 1);
                v.truncate(cut);
                v.extend_from_slice(&other[from..]);
            }
            _ => {
                let i = rng.below(len + 1);
                v.insert(i, rng.next() as u8);
            }
        }
    }
    v
}

/// Re-computes a link's trailer so a mutated payload passes the damage check
/// and reaches the parts behind it.
fn reseal(bytes: &mut [u8]) {
    if bytes.len() < 4 {
        return;
    }
    let n = bytes.len() - 4;
    let digest = Sha256::digest(&bytes[..n]);
    bytes[n..].copy_from_slice(&digest[..4]);
}

fn budget() -> Duration {
    let secs = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(8.0);
    Duration::from_secs_f64(secs)
}

fn run(name: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) {
    let seed = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_u64);
    let mut rng = Rng(seed ^ name.len() as u64 ^ 0x9E37_79B9_7F4A_7C15);
    let start = Instant::now();
    let mut runs = 0u64;
    for s in &seeds {
        target(s);
    }
    while start.elapsed() < budget() {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, base, &seeds);
        if catch_unwind(AssertUnwindSafe(|| target(&input))).is_err() {
            panic!(
                "{name}: panic on input (base64url) {}",
                URL_SAFE_NO_PAD.encode(&input)
            );
        }
        runs += 1;
    }
    println!("{name}: {runs} inputs in {:.1?}, no panic", start.elapsed());
}

fn reference() -> Evaluation {
    Evaluation::from_json(include_str!("fixtures/reference-evaluation.json")).unwrap()
}

fn example_json() -> Vec<u8> {
    include_bytes!("../examples/evaluation.json").to_vec()
}

fn open_link(payload: &str) {
    match share::decode(payload) {
        Ok(Shared::Locked(l)) if l.iterations() <= 64 => {
            let _ = l.unlock("fuzz passphrase");
        }
        _ => {}
    }
}

#[test]
fn fuzz_link_fragments() {
    let e = reference();
    let seeds: Vec<Vec<u8>> = vec![
        share::encode_open(&e).into_bytes(),
        share::encode_open_format1(&e).into_bytes(),
        share::encode_locked_with(&e, "fuzz passphrase", [1; 16], [2; 12], 8).into_bytes(),
        b"share=AQA".to_vec(),
        b"".to_vec(),
    ];
    run("fragments as typed", seeds, |input| {
        let text = String::from_utf8_lossy(input);
        if let Some(p) = share::share_payload(&text) {
            open_link(p);
        }
        open_link(&text);
    });
}

#[test]
fn fuzz_link_bytes_behind_the_check() {
    let e = reference();
    let seeds: Vec<Vec<u8>> = [
        share::encode_open(&e),
        share::encode_open_format1(&e),
        share::encode_open(
            &Evaluation::from_json(std::str::from_utf8(&example_json()).unwrap()).unwrap(),
        ),
        share::encode_locked_with(&e, "fuzz passphrase", [1; 16], [2; 12], 8),
    ]
    .iter()
    .map(|p| URL_SAFE_NO_PAD.decode(p).unwrap())
    .collect();
    run("link bytes, resealed", seeds, |input| {
        let mut bytes = input.to_vec();
        reseal(&mut bytes);
        open_link(&URL_SAFE_NO_PAD.encode(&bytes));
    });
}

#[test]
fn fuzz_json_inside_valid_links() {
    let seeds = vec![
        example_json(),
        include_bytes!("fixtures/reference-evaluation.json").to_vec(),
    ];
    run("JSON inside links", seeds, |input| {
        open_link(&share::open_payload_from_bytes(input));
    });
}

/// The binary body of link format 2, mutated behind a valid envelope, so
/// mutations reach its reader (and the strict evaluation reader after it).
#[test]
fn fuzz_binary_bodies_inside_valid_links() {
    let seeds = vec![
        share::compact_body(&reference()),
        share::compact_body(
            &Evaluation::from_json(std::str::from_utf8(&example_json()).unwrap()).unwrap(),
        ),
        share::compact_body(&Evaluation::new(scopewise::domain::RiskTier::Low)),
    ];
    run("binary bodies inside links", seeds, |input| {
        open_link(&share::open_payload_from_body(input));
    });
}

/// Backup files: a damaged, cut or foreign file is refused, never a panic.
#[test]
fn fuzz_backup_files() {
    let mut lib = store::Library::new(store::MemoryBackend::default());
    lib.create("a1", "Example", reference(), 1).unwrap();
    lib.create(
        "b2",
        "",
        Evaluation::from_json(std::str::from_utf8(&example_json()).unwrap()).unwrap(),
        2,
    )
    .unwrap();
    let backup = store::backup::make_backup(&lib.all().unwrap(), 3);
    let seeds = vec![backup.into_bytes(), b"{\"scopewise_backup\":1}".to_vec()];
    run("backup files", seeds, |input| {
        if let Ok(b) = store::backup::read_backup(input) {
            let mut lib = store::Library::new(store::MemoryBackend::default());
            let plan = store::backup::plan_restore(&mut lib, &b).unwrap();
            let _ = store::backup::apply_restore(&mut lib, &plan, |s| {
                (format!("{}-copy", s.id), s.name.clone())
            });
        }
    });
}

#[test]
fn fuzz_import_files_and_saved_records() {
    let seeds = vec![
        example_json(),
        include_bytes!("fixtures/store/v1-example.json").to_vec(),
        include_bytes!("fixtures/store/v2-example.json").to_vec(),
        b"\xEF\xBB\xBF{}".to_vec(),
    ];
    run("import files and saved records", seeds, |input| {
        let _ = store::read_import(input);
        let text = String::from_utf8_lossy(input);
        let _ = store::read_record(&text);
        let _ = Evaluation::from_json(&text);
    });
}

#[test]
fn fuzz_matrix_view_links() {
    let seeds = vec![
        b"#view=matrix&vendors=aws,openai&standards=iso42001&disputed=1&cell=aws.iso42001".to_vec(),
        b"view=matrix".to_vec(),
    ];
    let known = ["openai", "anthropic", "aws", "azure", "google"];
    run("matrix view links", seeds, |input| {
        let text = String::from_utf8_lossy(input);
        if let Some(link) = MatrixLink::parse(&text, &known) {
            // Whatever was read writes back to a link that reads the same.
            let again = MatrixLink::parse(&link.to_fragment(), &known);
            assert_eq!(again.as_ref(), Some(&link), "{text}");
        }
    });
}

fn pdf_fixtures() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/pdf")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read(p).expect("fixture"))
        .collect()
}

/// A dropped certificate PDF: the file's bytes, mutated.
#[test]
fn fuzz_certificate_pdf_bytes() {
    run("certificate pdf bytes", pdf_fixtures(), |bytes| {
        let _ = scopewise::certificate::read_certificate_pdf(bytes);
    });
}

/// Mutations of the file's bytes rarely survive the compression of its
/// content streams; this one mutates the inflated content of a page and
/// compresses it again, so they reach the content-stream interpreter, the
/// fonts' decoding and the layout.
#[test]
fn fuzz_certificate_pdf_content_streams() {
    use lopdf::{Document, Object, Stream};
    let bases: Vec<Document> = pdf_fixtures()
        .iter()
        .filter_map(|b| Document::load_mem(b).ok())
        .filter(|d| !d.is_encrypted())
        .collect();
    let mut seeds = Vec::new();
    for doc in &bases {
        for (_, page) in doc.get_pages() {
            seeds.push(doc.get_page_content(page));
        }
    }
    let base = bases.first().expect("a fixture").clone();
    run("certificate pdf content streams", seeds, |content| {
        let mut doc = base.clone();
        let Some((_, &page)) = doc.get_pages().iter().next().map(|(n, p)| (*n, p)) else {
            return;
        };
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(content, 1);
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", "FlateDecode");
        let id = doc.add_object(Stream::new(dict, packed));
        if let Ok(p) = doc.get_dictionary_mut(page) {
            p.set("Contents", Object::Reference(id));
        }
        let mut bytes = Vec::new();
        if doc.save_to(&mut bytes).is_ok() {
            let _ = scopewise::certificate::read_certificate_pdf(&bytes);
        }
    });
}

/// A dropped ZIP: archives of PDFs and other entries, mutated (sizes,
/// names, methods, the central directory), never panic or run past a cap.
#[test]
fn fuzz_zip_archives() {
    use std::io::Write;
    let mut seeds = Vec::new();
    for method in [
        zip::CompressionMethod::Stored,
        zip::CompressionMethod::Deflated,
    ] {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default().compression_method(method);
            for (i, pdf) in pdf_fixtures().iter().take(3).enumerate() {
                w.start_file(format!("pack/{i}.pdf"), opts).unwrap();
                w.write_all(pdf).unwrap();
            }
            w.start_file("../../etc/readme.txt", opts).unwrap();
            w.write_all(b"not a pdf").unwrap();
            w.finish().unwrap();
        }
        seeds.push(buf.into_inner());
    }
    run("zip archives", seeds, |bytes| {
        if let Ok(c) = scopewise::certificate::pdfs_in_zip(bytes) {
            for p in &c.pdfs {
                assert!(
                    !p.name.contains('/') && !p.name.contains('\\'),
                    "{}",
                    p.name
                );
                assert!(p.bytes.len() <= scopewise::certificate::MAX_FILE_BYTES);
            }
        }
    });
}

/// Words recognised on page images (OCR), as JSON: SOC 2 reports, bridge
/// letters and certificates' phrases, mutated, through the document kinds,
/// the SOC 2 reading and the field recognition.
#[test]
fn fuzz_recognised_words_and_soc2_text() {
    let lines = [
        "SOC 2 Type 2 Report For the Period April 1, 2024 - March 31, 2025",
        "INDEPENDENT SERVICE AUDITOR'S REPORT To the Management of: GSI, Inc.",
        "In our opinion, in all material respects, except for the matter",
        "Subservice Organization Services Provided",
        "Microsoft Azure Cloud hosting services",
        "does not disclose the actual controls at the subservice organization",
        "St. Louis, Missouri",
        "June 11, 2025",
        "UHY LLP is a licensed independent CPA firm",
        "As of February 18, 2025, GSI is not aware of any material changes",
        "Sincerely, John Bassett",
        "Registration Date : 07.07.2025 Expiry Date : 06.07.2026 ISO 27001 : 2022",
        "Fecha de emisión: 22 de octubre de 2024 UNE-EN ISO/IEC 27001:2023",
    ];
    let mut seeds = Vec::new();
    for n in 1..=lines.len() {
        let words: Vec<serde_json::Value> = lines[..n]
            .iter()
            .enumerate()
            .flat_map(|(row, line)| {
                let mut x = 10.0;
                line.split(' ')
                    .map(|w| {
                        let v = serde_json::json!({"page": 1 + row / 9, "text": w, "x0": x, "x1": x + 9.0 * w.len() as f64,
                            "y0": 40.0 * row as f64, "y1": 40.0 * row as f64 + 30.0});
                        x += 9.0 * w.len() as f64 + 12.0;
                        v
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        seeds.push(serde_json::to_vec(&words).unwrap());
    }
    run("recognised words", seeds, |input| {
        let text = String::from_utf8_lossy(input);
        let _ = scopewise::certificate::read_recognised_json(&text);
    });
}
