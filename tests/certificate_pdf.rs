//! Certificate PDFs read natively: fixtures in the layouts certification
//! bodies use, generated here by code (fictional organisations and bodies,
//! never a real vendor's document) and committed under
//! `tests/fixtures/pdf/`. `fixtures_are_up_to_date` regenerates them and
//! fails when the committed bytes differ (`UPDATE_PDF_FIXTURES=1` rewrites
//! them), so the files and the code that made them cannot drift apart.
#![cfg(not(target_arch = "wasm32"))]

use lopdf::content::{Content, Operation};
use lopdf::{
    dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream,
};
use scopewise::certificate::{read_certificate_pdf, Field, PdfError, Reading};
use scopewise::domain::evaluation::{SourceKind, StandardRef};
use scopewise::domain::{Layer, Standard};
use scopewise::error::UserError;
use std::path::PathBuf;

const DIR: &str = "tests/fixtures/pdf";

/// Fonts every fixture page can use: standard-14 with WinAnsi, one with
/// /Differences, one Type0 (Identity-H) with a /ToUnicode CMap.
#[derive(Clone, Copy)]
enum F {
    Regular,
    Bold,
    Times,
    /// Times with /Differences: 128 is `quoteright`, 129 `endash`.
    Diff,
    /// Two-byte codes: CID = character + 0x100, mapped back by a bfrange.
    Cid,
}

impl F {
    fn name(self) -> &'static str {
        match self {
            F::Regular => "F1",
            F::Bold => "F2",
            F::Times => "F3",
            F::Diff => "F4",
            F::Cid => "F5",
        }
    }
    fn encode(self, text: &str) -> Vec<u8> {
        match self {
            F::Cid => text
                .chars()
                .flat_map(|c| (c as u16 + 0x100).to_be_bytes())
                .collect(),
            F::Diff => text
                .chars()
                .map(|c| match c {
                    '’' => 128,
                    '–' => 129,
                    c => win_ansi(c),
                })
                .collect(),
            _ => text.chars().map(win_ansi).collect(),
        }
    }
}

fn win_ansi(c: char) -> u8 {
    match c {
        '–' => 0x96,
        '’' => 0x92,
        c if (c as u32) < 256 => c as u8,
        _ => b'?',
    }
}

/// A piece of text to draw: font, size, x, y, text.
type Run = (F, f64, f64, f64, &'static str);

struct PageSpec {
    runs: Vec<Run>,
    /// Draw an image over the page instead of text (a scan).
    image: bool,
}

fn text_page(runs: Vec<Run>) -> PageSpec {
    PageSpec { runs, image: false }
}

fn content(page: &PageSpec) -> Vec<u8> {
    let mut ops = Vec::new();
    if page.image {
        ops.push(Operation::new("q", vec![]));
        ops.push(Operation::new(
            "cm",
            vec![
                500.into(),
                0.into(),
                0.into(),
                700.into(),
                56.into(),
                46.into(),
            ],
        ));
        ops.push(Operation::new("Do", vec![Object::Name(b"Im1".to_vec())]));
        ops.push(Operation::new("Q", vec![]));
    }
    for &(font, size, x, y, text) in &page.runs {
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new(
            "Tf",
            vec![
                Object::Name(font.name().as_bytes().to_vec()),
                Object::Real(size as f32),
            ],
        ));
        ops.push(Operation::new(
            "Td",
            vec![Object::Real(x as f32), Object::Real(y as f32)],
        ));
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(
                font.encode(text),
                lopdf::StringFormat::Literal,
            )],
        ));
        ops.push(Operation::new("ET", vec![]));
    }
    Content { operations: ops }
        .encode()
        .expect("content encodes")
}

fn flate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 9)
}

fn build(pages: &[PageSpec]) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let std_font = |base: &str| {
        Object::Dictionary(dictionary! {
            "Type" => "Font", "Subtype" => "Type1",
            "BaseFont" => Object::Name(base.as_bytes().to_vec()),
            "Encoding" => "WinAnsiEncoding",
        })
    };
    let f1 = doc.add_object(std_font("Helvetica"));
    let f2 = doc.add_object(std_font("Helvetica-Bold"));
    let f3 = doc.add_object(std_font("Times-Roman"));
    let f4 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Times-Roman",
        "Encoding" => dictionary! {
            "Type" => "Encoding", "BaseEncoding" => "WinAnsiEncoding",
            "Differences" => vec![128.into(), Object::Name(b"quoteright".to_vec()), Object::Name(b"endash".to_vec())],
        },
    });
    let cmap = b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CMapName /Fixture-UCS def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n1 beginbfchar\n<0120> <0020>\nendbfchar\n1 beginbfrange\n<0121> <017E> <0021>\nendbfrange\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    let to_unicode = doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        flate(cmap),
    ));
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType2", "BaseFont" => "ArialMT",
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 556,
        "W" => vec![0x120.into(), vec![Object::Integer(278)].into()],
    });
    let f5 = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "ArialMT",
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    });
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3, "F4" => f4, "F5" => f5 },
        "XObject" => dictionary! { "Im1" => image },
    });
    let mut kids = Vec::new();
    for page in pages {
        let contents = doc.add_object(Stream::new(
            dictionary! { "Filter" => "FlateDecode" },
            flate(&content(page)),
        ));
        let id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => contents,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        });
        kids.push(id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal("scopewise-fixture"),
            Object::string_literal("scopewise-fixture"),
        ],
    );
    doc
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

fn encrypted(doc: Document, user_password: &str) -> Vec<u8> {
    let mut doc = doc;
    // RC4 with a 128-bit key (V2, R3): deterministic for a fixed /ID, which
    // AES (random IVs) is not.
    let state = EncryptionState::try_from(EncryptionVersion::V2 {
        document: &doc,
        owner_password: "fixture-owner",
        user_password,
        key_length: 128,
        permissions: Permissions::PRINTABLE | Permissions::COPYABLE,
    })
    .expect("encryption state");
    doc.encrypt(&state).expect("encrypts");
    // /U is 16 bytes of hash and 16 of arbitrary padding, which lopdf draws
    // at random; fixed padding keeps the fixture's bytes stable.
    let encrypt = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .expect("encrypt ref");
    if let Ok(Object::String(u, _)) = doc
        .get_dictionary_mut(encrypt)
        .expect("encrypt dict")
        .get_mut(b"U")
    {
        u.truncate(16);
        u.resize(32, 0);
    }
    save(doc)
}

fn one_page_with_annex() -> Document {
    use F::*;
    build(&[
        text_page(vec![
            (Bold, 16.0, 72.0, 740.0, "Meridian Assurance Ltd"),
            (Regular, 9.0, 72.0, 724.0, "12 Harbour Row, Leeds LS1 4AB, United Kingdom"),
            (Bold, 20.0, 150.0, 680.0, "CERTIFICATE OF REGISTRATION"),
            (Regular, 11.0, 72.0, 640.0, "This is to certify that"),
            (Bold, 14.0, 72.0, 622.0, "Northwind Analytics Ltd"),
            (Regular, 10.0, 72.0, 606.0, "4 Quay Street, Bristol BS1 5TH, United Kingdom"),
            (Regular, 11.0, 72.0, 580.0, "has been assessed and found to conform to the requirements of"),
            (Bold, 13.0, 72.0, 562.0, "ISO/IEC 27001:2022"),
            (Regular, 10.0, 72.0, 536.0, "Scope of certification:"),
            (Regular, 10.0, 72.0, 522.0, "The information security management system supporting the design, development,"),
            (Regular, 10.0, 72.0, 510.0, "hosting and operation of the Northwind machine-learning analytics platform,"),
            (Regular, 10.0, 72.0, 498.0, "in accordance with the Statement of Applicability version 4.1 (continued on the annex)."),
            (Regular, 10.0, 72.0, 460.0, "Certificate number: MA-ISMS-240514"),
            (Regular, 10.0, 72.0, 446.0, "Original certification date: 2 March 2021"),
            (Regular, 10.0, 72.0, 432.0, "Date of issue: 14 May 2024"),
            (Regular, 10.0, 72.0, 418.0, "Expiry date: 13 May 2027"),
            (Regular, 10.0, 72.0, 404.0, "Last surveillance audit: 28 April 2025"),
            (Regular, 10.0, 72.0, 340.0, "Signed for and on behalf of Meridian Assurance Ltd"),
            (Regular, 9.0, 72.0, 326.0, "Director of Certification"),
            (Bold, 12.0, 420.0, 344.0, "UKAS"),
            (Regular, 7.0, 420.0, 334.0, "MANAGEMENT SYSTEMS"),
            (Regular, 7.0, 420.0, 326.0, "0123"),
            (Regular, 8.0, 72.0, 80.0, "This certificate remains the property of Meridian Assurance Ltd. Page 1 of 2"),
        ]),
        text_page(vec![
            (Bold, 14.0, 72.0, 740.0, "Annex to certificate MA-ISMS-240514"),
            (Bold, 11.0, 72.0, 716.0, "Scope (continued)"),
            (Regular, 10.0, 72.0, 700.0, "Locations: Bristol (head office) and data centre operations in Leeds, United Kingdom."),
            (Regular, 10.0, 72.0, 688.0, "Excluded: the Northwind consumer mobile application."),
            (Regular, 10.0, 72.0, 650.0, "This annex is valid only together with the certificate it is attached to."),
            (Regular, 8.0, 72.0, 80.0, "Page 2 of 2"),
        ]),
    ])
}

fn two_column() -> Document {
    use F::*;
    let mut runs: Vec<Run> = vec![
        (Bold, 14.0, 72.0, 740.0, "Alpenrot Zertifizierung GmbH"),
        (Bold, 20.0, 220.0, 700.0, "CERTIFICATE"),
        (
            Regular,
            10.0,
            72.0,
            670.0,
            "Alpenrot Zertifizierung GmbH confirms that the organisation named below operates",
        ),
        (
            Regular,
            10.0,
            72.0,
            656.0,
            "an information security management system that conforms to ISO/IEC 27001:2022.",
        ),
        (Bold, 10.0, 72.0, 620.0, "Certified organisation:"),
        (Regular, 10.0, 260.0, 620.0, "Brightfield Data GmbH"),
        (
            Regular,
            10.0,
            260.0,
            608.0,
            "Lindenstrasse 12, 80331 Munich, Germany",
        ),
        (Bold, 10.0, 72.0, 585.0, "Registration number:"),
        (Regular, 10.0, 260.0, 585.0, "AZ-27K-0099-24"),
        (Bold, 10.0, 72.0, 565.0, "Scope of certification:"),
        (
            Regular,
            10.0,
            260.0,
            565.0,
            "Development and operation of the Brightfield",
        ),
        (
            Regular,
            10.0,
            260.0,
            553.0,
            "large-language-model inference service and",
        ),
        (
            Regular,
            10.0,
            260.0,
            541.0,
            "its supporting cloud infrastructure.",
        ),
        (Bold, 10.0, 72.0, 518.0, "Initial certification:"),
        (Regular, 10.0, 260.0, 518.0, "03.07.2018"),
        (Bold, 10.0, 72.0, 498.0, "Effective date:"),
        (Regular, 10.0, 260.0, 498.0, "14.05.2024"),
        (Bold, 10.0, 72.0, 478.0, "Valid until:"),
        (Regular, 10.0, 260.0, 478.0, "13.05.2027"),
        (Bold, 10.0, 72.0, 458.0, "Accreditation:"),
        (
            Regular,
            10.0,
            260.0,
            458.0,
            "Deutsche Akkreditierungsstelle GmbH (DAkkS)",
        ),
        (
            Regular,
            9.0,
            72.0,
            140.0,
            "Munich, 14.05.2024 - for the certification programme of Alpenrot Zertifizierung GmbH",
        ),
        (
            Regular,
            9.0,
            72.0,
            110.0,
            "Issued by: Alpenrot Zertifizierung GmbH",
        ),
    ];
    // The drawing order of a designer's tool, not the reading order.
    let order = [
        9, 20, 4, 14, 0, 17, 11, 2, 19, 6, 13, 22, 1, 16, 8, 21, 3, 12, 18, 5, 10, 15, 7,
    ];
    runs = order.iter().map(|&i| runs[i]).collect();
    build(&[text_page(runs)])
}

fn soa() -> Document {
    use F::*;
    build(&[text_page(vec![
        (Bold, 16.0, 72.0, 740.0, "Bluecrest Registrar Inc."),
        (Regular, 9.0, 72.0, 725.0, "400 Harbor Boulevard, Suite 12, Oakland, CA 94607, USA"),
        (Bold, 18.0, 170.0, 690.0, "Certificate of Registration"),
        (Times, 11.0, 72.0, 655.0, "Certificate No.: BRI-2024-1187"),
        (Times, 11.0, 72.0, 630.0, "This certifies that the information security management system of"),
        (Bold, 14.0, 72.0, 612.0, "Quillfeather AI, Inc."),
        (Times, 10.0, 72.0, 596.0, "1 Market Street, San Francisco, CA 94105, USA"),
        (Times, 11.0, 72.0, 570.0, "has been assessed and registered as meeting the requirements of ISO/IEC 27001:2022"),
        (Times, 11.0, 72.0, 552.0, "for the following scope:"),
        (Times, 10.0, 72.0, 536.0, "The provision of the Quillfeather conversational AI platform and API, including model hosting,"),
        (Diff, 10.0, 72.0, 524.0, "customers’ data processing and support operations – all from the US-West region."),
        (Times, 10.0, 72.0, 512.0, "Statement of Applicability version 7, dated March 3, 2024, including the cloud controls of"),
        (Times, 10.0, 72.0, 500.0, "ISO/IEC 27017:2015 and the PII protection controls of ISO/IEC 27018:2019."),
        (Times, 11.0, 72.0, 460.0, "Original registration date: June 1, 2020"),
        (Times, 11.0, 72.0, 444.0, "Issue date: May 14, 2024"),
        (Times, 11.0, 72.0, 428.0, "Expiration date: May 13, 2027"),
        (Times, 11.0, 72.0, 412.0, "Surveillance audit date: April 22, 2025"),
        (Times, 10.0, 72.0, 350.0, "Accredited by International Accreditation Service (IAS), accreditation MSCB-000."),
        (Times, 10.0, 72.0, 320.0, "Issued by Bluecrest Registrar Inc."),
    ])])
}

fn iso42001() -> Document {
    use F::*;
    build(&[text_page(vec![
        (Bold, 16.0, 72.0, 740.0, "Veritaal Certification B.V."),
        (Bold, 20.0, 220.0, 700.0, "CERTIFICATE"),
        (Cid, 11.0, 72.0, 660.0, "Certificate number: VC-AIMS-00042"),
        (Cid, 11.0, 72.0, 630.0, "Certified organisation: Lumenwise Labs Ltd"),
        (Regular, 10.0, 72.0, 614.0, "22 Canal Wharf, Dublin D02 XY45, Ireland"),
        (Regular, 10.0, 72.0, 588.0, "Its artificial intelligence management system conforms to ISO/IEC 42001:2023."),
        (Regular, 10.0, 72.0, 560.0, "Scope: Design, training, evaluation and operation of the Lumenwise document-understanding"),
        (Regular, 10.0, 72.0, 548.0, "models offered as a hosted service."),
        (Regular, 10.0, 72.0, 510.0, "Issue date: 2024-05-14"),
        (Regular, 10.0, 72.0, 494.0, "Expiry date: 2027-05-13"),
        (Regular, 10.0, 72.0, 478.0, "Initial certification date: 2024-05-14"),
        (Regular, 10.0, 72.0, 462.0, "Last surveillance audit: 04/05/2025"),
        (Regular, 9.0, 72.0, 400.0, "Accredited by the ANSI National Accreditation Board (ANAB)."),
        (Regular, 9.0, 72.0, 380.0, "Certification body: Veritaal Certification B.V."),
    ])])
}

fn not_accredited() -> Document {
    use F::*;
    build(&[text_page(vec![
        (Bold, 16.0, 72.0, 740.0, "Sterling Compliance Group Ltd"),
        (Bold, 18.0, 72.0, 700.0, "Certificate of Compliance"),
        (Regular, 11.0, 72.0, 660.0, "Awarded to: Orchid Vector Ltd"),
        (
            Regular,
            11.0,
            72.0,
            640.0,
            "for an information security management system conforming to ISO/IEC 27001:2013",
        ),
        (
            Regular,
            11.0,
            72.0,
            620.0,
            "Scope: AI model consulting services.",
        ),
        (Regular, 11.0, 72.0, 590.0, "Certificate number: SCG-5521"),
        (Regular, 11.0, 72.0, 574.0, "Issue date: 14/05/2024"),
        (Regular, 11.0, 72.0, 558.0, "Valid until: 13/05/2027"),
        (
            Regular,
            10.0,
            72.0,
            520.0,
            "Accredited by the Global Management Systems Accreditation Forum (GMSAF)",
        ),
    ])])
}

fn scan() -> Document {
    build(&[PageSpec {
        runs: Vec::new(),
        image: true,
    }])
}

/// Every fixture: file name and bytes.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("one-page-with-annex.pdf", save(one_page_with_annex())),
        ("two-column.pdf", save(two_column())),
        ("soa-27017-27018.pdf", save(soa())),
        ("iso42001.pdf", save(iso42001())),
        ("not-accredited.pdf", save(not_accredited())),
        ("scan.pdf", save(scan())),
        (
            "encrypted-empty-password.pdf",
            encrypted(not_accredited(), ""),
        ),
        ("password.pdf", encrypted(not_accredited(), "buyer-secret")),
        (
            "not-a-pdf.pdf",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR this is a PNG renamed to .pdf, not a certificate\n"
                .to_vec(),
        ),
    ]
}

fn path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(DIR)
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(path(name))
        .unwrap_or_else(|e| panic!("{name}: {e} (run with UPDATE_PDF_FIXTURES=1)"))
}

#[test]
fn fixtures_are_up_to_date() {
    let update = std::env::var_os("UPDATE_PDF_FIXTURES").is_some();
    let mut stale = Vec::new();
    for (name, bytes) in fixtures() {
        // Deterministic: two runs of the generator agree.
        let again = fixtures()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|f| f.1);
        assert!(
            again.as_ref() == Some(&bytes),
            "{name} is not deterministic"
        );
        let p = path(name);
        if update {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, &bytes).unwrap();
        } else if std::fs::read(&p).ok().as_ref() != Some(&bytes) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "fixtures differ from their generator: {stale:?}; run UPDATE_PDF_FIXTURES=1 cargo test --test certificate_pdf"
    );
}

fn read(name: &str) -> Reading {
    read_certificate_pdf(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

/// Checks one field: value, page, and words its source must contain.
#[track_caller]
fn expect(r: &Reading, field: Field, value: &str, page: u32, source_has: &[&str]) {
    let f = r
        .get(field)
        .unwrap_or_else(|| panic!("{field:?} not read; reading: {r:#?}"));
    assert_eq!(f.value, value, "{field:?}: {f:#?}");
    assert_eq!(f.page, page, "{field:?} page");
    for w in source_has {
        assert!(
            f.source.contains(w),
            "{field:?} source {:?} lacks {w:?}",
            f.source
        );
    }
}

#[test]
fn one_page_certificate_with_a_scope_annex() {
    let r = read("one-page-with-annex.pdf");
    assert_eq!(r.pages_read, 2);
    expect(
        &r,
        Field::Standard,
        "27001:2022",
        1,
        &["ISO/IEC 27001:2022"],
    );
    expect(
        &r,
        Field::CertificateNumber,
        "MA-ISMS-240514",
        1,
        &["Certificate number"],
    );
    expect(
        &r,
        Field::Holder,
        "Northwind Analytics Ltd",
        1,
        &["certify that"],
    );
    expect(
        &r,
        Field::CertificationBody,
        "Meridian Assurance Ltd",
        1,
        &["on behalf of"],
    );
    expect(
        &r,
        Field::AccreditationBody,
        "United Kingdom Accreditation Service",
        1,
        &["UKAS"],
    );
    expect(
        &r,
        Field::OriginallyCertified,
        "2021-03-02",
        1,
        &["Original certification date"],
    );
    expect(
        &r,
        Field::IssueDate,
        "2024-05-14",
        1,
        &["Date of issue", "14 May 2024"],
    );
    expect(&r, Field::ExpiryDate, "2027-05-13", 1, &["Expiry date"]);
    expect(
        &r,
        Field::LastSurveillanceAudit,
        "2025-04-28",
        1,
        &["surveillance"],
    );
    let scope = r.get(Field::Scope).unwrap();
    assert!(
        scope
            .value
            .starts_with("The information security management system supporting"),
        "{scope:#?}"
    );
    assert!(
        scope
            .value
            .contains("Statement of Applicability version 4.1"),
        "{scope:#?}"
    );
    assert!(
        scope
            .value
            .ends_with("Excluded: the Northwind consumer mobile application."),
        "{scope:#?}"
    );
    assert!(!scope.value.contains("This annex"), "{scope:#?}");
    assert!(scope.source.contains("Scope (continued)"));
    assert!(scope.note.as_deref().unwrap_or_default().contains("page 2"));
    assert!(r.missing.is_empty(), "{:?}", r.missing);
    assert!(r.also_named.is_empty(), "{:?}", r.also_named);

    let rec = r.to_evidence_record("r1", Layer::Model).unwrap();
    assert_eq!(rec.standard, StandardRef::iso(Standard::Iso27001, 2022));
    assert_eq!(rec.source, SourceKind::CertificatePdf);
    assert_eq!(rec.holder, "Northwind Analytics Ltd");
    assert_eq!(
        rec.expiry_date.map(|d| d.to_string()),
        Some("2027-05-13".into())
    );
    assert_eq!(r.prefilled().len(), 10);
}

#[test]
fn two_column_layout_drawn_out_of_order() {
    let r = read("two-column.pdf");
    expect(&r, Field::Standard, "27001:2022", 1, &["27001:2022"]);
    expect(
        &r,
        Field::Holder,
        "Brightfield Data GmbH",
        1,
        &["Certified organisation"],
    );
    expect(
        &r,
        Field::CertificateNumber,
        "AZ-27K-0099-24",
        1,
        &["Registration number"],
    );
    expect(
        &r,
        Field::OriginallyCertified,
        "2018-07-03",
        1,
        &["Initial certification", "03.07.2018"],
    );
    expect(
        &r,
        Field::IssueDate,
        "2024-05-14",
        1,
        &["Effective date", "14.05.2024"],
    );
    expect(&r, Field::ExpiryDate, "2027-05-13", 1, &["Valid until"]);
    expect(
        &r,
        Field::AccreditationBody,
        "Deutsche Akkreditierungsstelle",
        1,
        &["DAkkS"],
    );
    expect(
        &r,
        Field::CertificationBody,
        "Alpenrot Zertifizierung GmbH",
        1,
        &["Issued by"],
    );
    expect(
        &r,
        Field::Scope,
        "Development and operation of the Brightfield large-language-model inference service and its supporting cloud infrastructure.",
        1,
        &["Scope of certification"],
    );
    assert_eq!(r.missing, [Field::LastSurveillanceAudit]);
    // Reading order: the header first, then the label column, then the values.
    let text = scopewise::certificate::extract_text(&fixture("two-column.pdf")).unwrap();
    let lines: Vec<&str> = text.pages[0]
        .lines
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(lines[0], "Alpenrot Zertifizierung GmbH");
    assert_eq!(lines[1], "CERTIFICATE");
    let pos = |t: &str| lines.iter().position(|l| *l == t).unwrap();
    assert!(pos("Certified organisation:") < pos("Registration number:"));
    assert!(pos("Accreditation:") < pos("Brightfield Data GmbH"));
    assert!(
        pos("Development and operation of the Brightfield") + 1
            == pos("large-language-model inference service and")
    );
}

#[test]
fn statement_of_applicability_names_27017_and_27018() {
    let r = read("soa-27017-27018.pdf");
    expect(
        &r,
        Field::Standard,
        "27001:2022",
        1,
        &["requirements of ISO/IEC 27001:2022"],
    );
    let also: Vec<&str> = r.also_named.iter().map(|a| a.standard.as_str()).collect();
    assert_eq!(also, ["27017:2015", "27018:2019"]);
    assert!(r.also_named[0].source.contains("ISO/IEC 27017:2015"));
    expect(
        &r,
        Field::CertificateNumber,
        "BRI-2024-1187",
        1,
        &["Certificate No."],
    );
    expect(
        &r,
        Field::Holder,
        "Quillfeather AI, Inc.",
        1,
        &["This certifies that", "Quillfeather"],
    );
    expect(
        &r,
        Field::CertificationBody,
        "Bluecrest Registrar Inc.",
        1,
        &["Issued by"],
    );
    expect(
        &r,
        Field::AccreditationBody,
        "International Accreditation Service",
        1,
        &["IAS"],
    );
    expect(
        &r,
        Field::OriginallyCertified,
        "2020-06-01",
        1,
        &["June 1, 2020"],
    );
    expect(&r, Field::IssueDate, "2024-05-14", 1, &["May 14, 2024"]);
    expect(&r, Field::ExpiryDate, "2027-05-13", 1, &["Expiration date"]);
    expect(
        &r,
        Field::LastSurveillanceAudit,
        "2025-04-22",
        1,
        &["Surveillance audit date"],
    );
    let scope = &r.get(Field::Scope).unwrap().value;
    // The /Differences font's quote and dash decode.
    assert!(
        scope.contains("customers’ data processing and support operations – all"),
        "{scope}"
    );
    assert!(scope.ends_with("ISO/IEC 27018:2019."), "{scope}");
    assert!(r.missing.is_empty(), "{:?}", r.missing);
}

#[test]
fn iso42001_certificate_with_a_two_byte_font() {
    let r = read("iso42001.pdf");
    expect(&r, Field::Standard, "42001:2023", 1, &["42001:2023"]);
    // These two lines are drawn with the Type0 font and its ToUnicode map.
    expect(
        &r,
        Field::CertificateNumber,
        "VC-AIMS-00042",
        1,
        &["Certificate number"],
    );
    expect(
        &r,
        Field::Holder,
        "Lumenwise Labs Ltd",
        1,
        &["Certified organisation"],
    );
    expect(
        &r,
        Field::CertificationBody,
        "Veritaal Certification B.V.",
        1,
        &["Certification body"],
    );
    expect(
        &r,
        Field::AccreditationBody,
        "ANSI National Accreditation Board",
        1,
        &["ANAB"],
    );
    expect(&r, Field::IssueDate, "2024-05-14", 1, &["2024-05-14"]);
    expect(&r, Field::ExpiryDate, "2027-05-13", 1, &["2027-05-13"]);
    expect(
        &r,
        Field::OriginallyCertified,
        "2024-05-14",
        1,
        &["Initial certification"],
    );
    expect(
        &r,
        Field::LastSurveillanceAudit,
        "2025-05-04",
        1,
        &["04/05/2025"],
    );
    let note = r
        .get(Field::LastSurveillanceAudit)
        .unwrap()
        .note
        .clone()
        .unwrap_or_default();
    assert!(
        note.contains("either way round") && note.contains("04/05/2025"),
        "{note}"
    );
    expect(
        &r,
        Field::Scope,
        "Design, training, evaluation and operation of the Lumenwise document-understanding models offered as a hosted service.",
        1,
        &["Scope:"],
    );
    assert!(r.missing.is_empty(), "{:?}", r.missing);
}

#[test]
fn a_body_without_recognised_accreditation() {
    let r = read("not-accredited.pdf");
    expect(&r, Field::Standard, "27001:2013", 1, &["27001:2013"]);
    expect(&r, Field::Holder, "Orchid Vector Ltd", 1, &["Awarded to"]);
    expect(&r, Field::CertificateNumber, "SCG-5521", 1, &[]);
    expect(&r, Field::IssueDate, "2024-05-14", 1, &["14/05/2024"]);
    expect(&r, Field::ExpiryDate, "2027-05-13", 1, &["13/05/2027"]);
    expect(
        &r,
        Field::Scope,
        "AI model consulting services.",
        1,
        &["Scope:"],
    );
    let acc = r.get(Field::AccreditationBody).unwrap();
    assert_eq!(
        acc.value,
        "the Global Management Systems Accreditation Forum (GMSAF)"
    );
    assert!(acc
        .note
        .as_deref()
        .unwrap_or_default()
        .contains("not on the recognised list"));
    let cb = r.get(Field::CertificationBody).unwrap();
    assert_eq!(cb.value, "Sterling Compliance Group Ltd");
    assert!(cb
        .note
        .as_deref()
        .unwrap_or_default()
        .contains("letterhead"));
    assert_eq!(
        r.missing,
        [Field::OriginallyCertified, Field::LastSurveillanceAudit]
    );
    // No mark at all: missing, not guessed.
    let mut doc = not_accredited();
    let pages = doc.get_pages();
    let page = *pages.get(&1).unwrap();
    let mut spec = text_page(vec![(
        F::Regular,
        11.0,
        72.0,
        700.0,
        "Certificate number: X-1",
    )]);
    spec.image = false;
    let contents = doc.add_object(Stream::new(dictionary! {}, content(&spec)));
    doc.get_dictionary_mut(page)
        .unwrap()
        .set("Contents", contents);
    let r = read_certificate_pdf(&save(doc)).unwrap();
    assert!(r.missing.contains(&Field::AccreditationBody));
}

#[test]
fn each_unreadable_file_has_its_own_error() {
    assert_eq!(
        read_certificate_pdf(&fixture("scan.pdf")),
        Err(PdfError::NoTextLayer)
    );
    assert_eq!(
        read_certificate_pdf(&fixture("password.pdf")),
        Err(PdfError::PasswordProtected)
    );
    assert_eq!(
        read_certificate_pdf(&fixture("not-a-pdf.pdf")),
        Err(PdfError::NotPdf)
    );
    let mut big = fixture("two-column.pdf");
    big.resize(26 * 1024 * 1024, b' ');
    let err = read_certificate_pdf(&big).unwrap_err();
    assert!(matches!(err, PdfError::TooLarge { .. }));
    assert!(err.message().contains("25 MB"));
    assert!(PdfError::NoTextLayer.message().contains("image"));
    assert!(matches!(
        read_certificate_pdf(b"%PDF-1.7\n garbage only"),
        Err(PdfError::Damaged(_))
    ));
}

#[test]
fn encrypted_with_the_empty_password_reads_normally() {
    assert_eq!(
        read("encrypted-empty-password.pdf"),
        read("not-accredited.pdf"),
    );
}

#[test]
fn a_reading_serialises_for_the_worker() {
    let r = read("iso42001.pdf");
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"field\":\"last_surveillance_audit\""));
    let back: Reading = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let err = serde_json::to_string(&PdfError::TooLarge { bytes: 1, limit: 2 }).unwrap();
    assert_eq!(
        err,
        r#"{"kind":"too_large","detail":{"bytes":1,"limit":2}}"#
    );
}

#[path = "support/real_certificates.rs"]
mod real_certificates;

/// The real documents of ../shared/real-certificates/, read natively and
/// scored against expected.json (see tests/support/real_certificates.rs for
/// what counts): no expected value may be wrong, and at least 95% must be
/// right. Skips, saying so, where the folder is absent.
#[test]
fn real_certificates_are_read_right_or_left_empty() {
    use real_certificates::Verdict;
    let score = match real_certificates::score(scopewise::certificate::read_outcome) {
        Ok(s) => s,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let wrong: Vec<String> = score
        .checks()
        .filter(|c| c.verdict == Verdict::Wrong)
        .map(|c| {
            format!(
                "{} {}: expected {:?}, read {:?}",
                c.file, c.field, c.expected, c.got
            )
        })
        .collect();
    let missing: Vec<String> = score
        .checks()
        .filter(|c| c.verdict == Verdict::Missing)
        .map(|c| format!("{} {}: expected {:?}", c.file, c.field, c.expected))
        .collect();
    println!(
        "{} of {} expected values right ({:.0}%), {} wrong, {} missing",
        score.count(Verdict::Right),
        score.total(),
        100.0 * score.ratio(),
        wrong.len(),
        missing.len()
    );
    for m in &missing {
        println!("  missing: {m}");
    }
    assert!(wrong.is_empty(), "wrong values:\n{}", wrong.join("\n"));
    assert!(
        score.ratio() >= 0.95,
        "only {:.1}% right; missing:\n{}",
        100.0 * score.ratio(),
        missing.join("\n")
    );
    // Every value read says where it came from.
    let dir = real_certificates::folder().unwrap();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(r) = read_certificate_pdf(&bytes) {
            for f in &r.fields {
                assert!(
                    f.page >= 1 && !f.source.is_empty() && !f.found_by.is_empty(),
                    "{:?}: {f:?}",
                    entry.path()
                );
            }
        }
    }
}
