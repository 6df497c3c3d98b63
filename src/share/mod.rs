//! Share links: an evaluation carried in the URL fragment, which browsers
//! never send to a server.
//!
//! A link is `…#share=<payload>`, the payload being base64url (no padding) of
//! these bytes, versioned from the first byte (see `docs/share-links.md`):
//!
//! ```text
//! 0        link format (1 or 2; this build writes 2)
//! 1        mode: 0 open, 1 passphrase
//! 2..6     body length, u32 big-endian
//! mode 1:  6..10 PBKDF2 iterations (u32 BE), 10..26 salt, 26..38 nonce
//! body     open: raw DEFLATE, against the preset dictionary, of the
//!          evaluation JSON (format 1) or of its schema-aware binary form
//!          (format 2, [`compact`]); passphrase: the same bytes sealed with
//!          AES-256-GCM, every header byte as additional authenticated data
//! trailer  4 bytes: the first bytes of SHA-256(all preceding bytes)
//! ```
//!
//! The key derivation and the cipher run here with RustCrypto (the command
//! line, native code, tests) and in the browser through WebCrypto
//! (`crate::ui::library::crypto`): [`prepare_locked`], [`finish_locked`]
//! and [`Locked::open_plain`] are the parts around the cipher that both
//! share, and a test in the browser proves both give the same bytes.
//!
//! The trailer is not a secret: it tells a link cut short or changed in
//! transit from a wrong passphrase, and a newer format from someone else's
//! data. Every format keeps the first byte and the trailer where they are, so
//! an old page can say "made by a newer version" for ever.

mod compact;
mod matrix_link;

pub use matrix_link::MatrixLink;

use crate::domain::evaluation::Evaluation;
use crate::error::UserError;
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::deflate::core::{
    compress_to_output, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use sha2::{Digest, Sha256};
use std::fmt;

/// The newest link format this build reads, and the one it writes.
pub const LINK_FORMAT: u8 = 2;
/// The first format: the evaluation's JSON, DEFLATEd. Opens for ever.
pub const FORMAT_JSON: u8 = 1;
/// What precedes the payload in the fragment.
pub const SHARE_KEY: &str = "share=";
/// Key derivation for passphrase links (OWASP's 2023 figure for PBKDF2-HMAC-SHA256).
pub const PBKDF2_ITERATIONS: u32 = 600_000;
/// A link asking for more is refused rather than freezing the tab.
pub const MAX_ITERATIONS: u32 = 2_000_000;
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;
/// Above this many characters, some chat and mail tools cut links (the
/// share dialog names them: [`tools_that_break`]).
pub const LONG_LINK: usize = 2_000;
/// Above this many characters Scopewise offers the file instead of a link
/// (and refuses to read a fragment: no link of ours is longer).
pub const MAX_LINK: usize = 32_000;
/// The most JSON a link may inflate to: a guard against DEFLATE bombs.
pub const MAX_JSON: usize = 2 * 1024 * 1024;
/// The shortest passphrase the app accepts for a link.
pub const MIN_PASSPHRASE: usize = 12;

const MODE_OPEN: u8 = 0;
const MODE_PASSPHRASE: u8 = 1;
const CHECK_LEN: usize = 4;
const BASE_HEADER: usize = 6;
const LOCKED_HEADER: usize = BASE_HEADER + 4 + SALT_LEN + NONCE_LEN;

/// The preset DEFLATE dictionary of link format 1. Frozen: see
/// `scripts/make-share-dictionary.py`; a test pins its SHA-256.
pub(crate) static DICTIONARY_V1: &[u8] = include_bytes!("../../data/share-dictionary-v1.txt");
/// The preset DEFLATE dictionary of link format 2: the words of scope
/// statements and contract notes. Frozen: see
/// `scripts/make-share-dictionary-v2.py`; a test pins its SHA-256.
pub(crate) static DICTIONARY_V2: &[u8] = include_bytes!("../../data/share-dictionary-v2.txt");

/// The dictionary of a link format.
fn dictionary(version: u8) -> &'static [u8] {
    if version == FORMAT_JSON {
        DICTIONARY_V1
    } else {
        DICTIONARY_V2
    }
}

/// Why a link could not be opened. Each has its own sentence for the buyer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Characters no Scopewise link has.
    Damaged,
    /// Part of the link is missing.
    Truncated,
    /// The link's check does not match: changed after it was made.
    Altered,
    /// Not a Scopewise link at all.
    NotOurs,
    /// Made by a newer Scopewise.
    Newer(u8),
    /// The passphrase does not open it.
    WrongPassphrase,
    /// Longer than any link Scopewise makes.
    TooLong(usize),
    /// It opened, but what it holds is not a readable evaluation.
    Unreadable(String),
}

impl UserError for LinkError {
    fn message(&self) -> String {
        match self {
            LinkError::Damaged => "this link is damaged: it contains characters a Scopewise link never has, so something changed it after it was copied".into(),
            LinkError::Truncated => "this link is cut short: its end is missing, as happens when a chat or mail tool shortens long links".into(),
            LinkError::Altered => "this link has been changed since it was made: its built-in check does not match, so Scopewise will not open it".into(),
            LinkError::NotOurs => "this is not a Scopewise evaluation link".into(),
            LinkError::Newer(v) => format!("this link was made by a newer version of Scopewise (link format {v}; this page reads up to format {LINK_FORMAT})"),
            LinkError::WrongPassphrase => "that passphrase does not open this link".into(),
            LinkError::TooLong(n) => format!("this link is {n} characters long, longer than any link Scopewise makes: it is not one of ours, or other text was pasted onto it"),
            LinkError::Unreadable(why) => format!("this link opened, but what it holds is not an evaluation Scopewise can read: {why}"),
        }
    }

    fn help(&self) -> Option<String> {
        Some(match self {
            LinkError::Damaged | LinkError::Altered => "Ask the sender for the link again, or for the evaluation file.".into(),
            LinkError::Truncated => "Ask the sender for the evaluation file instead, or for the link in a message that keeps it whole.".into(),
            LinkError::NotOurs => "Check that you copied the whole link from the message you received.".into(),
            LinkError::Newer(_) => "Reload the page to get the newest version, or ask the sender for the evaluation file.".into(),
            LinkError::WrongPassphrase => "Passphrases are case-sensitive: check it with the sender, who should have sent it to you by another channel than the link.".into(),
            LinkError::TooLong(_) => return None,
            LinkError::Unreadable(_) => "Ask the sender for the evaluation file.".into(),
        })
    }
}

impl std::error::Error for LinkError {}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// A decoded link: open, or waiting for its passphrase.
#[derive(Debug, Clone, PartialEq)]
pub enum Shared {
    Open(Box<Evaluation>),
    Locked(Locked),
}

/// A passphrase link, checked for damage but not yet opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    version: u8,
    header: Vec<u8>,
    iterations: u32,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    sealed: Vec<u8>,
}

impl Locked {
    /// The PBKDF2 iteration count the link asks for.
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Opens the link with a passphrase (surrounding spaces ignored, as when
    /// the link was made), with RustCrypto.
    pub fn unlock(&self, passphrase: &str) -> Result<Evaluation, LinkError> {
        let key = derive_key(passphrase, &self.salt, self.iterations);
        let cipher = Aes256Gcm::new(&key.into());
        let plain = cipher
            .decrypt(
                Nonce::from_slice(&self.nonce),
                Payload {
                    msg: &self.sealed,
                    aad: &self.header,
                },
            )
            .map_err(|_| LinkError::WrongPassphrase)?;
        self.open_plain(&plain)
    }

    /// What the cipher needs: the header (additional data), salt, nonce and
    /// the sealed bytes (ciphertext and tag).
    pub fn cipher_parts(&self) -> (&[u8], &[u8; SALT_LEN], &[u8; NONCE_LEN], &[u8]) {
        (&self.header, &self.salt, &self.nonce, &self.sealed)
    }

    /// The evaluation in the bytes the cipher opened (from either path).
    pub fn open_plain(&self, plain: &[u8]) -> Result<Evaluation, LinkError> {
        evaluation_from_body(self.version, plain)
    }
}

/// The bytes a passphrase link is made of, before and after the cipher:
/// made by [`prepare_locked`], sealed by RustCrypto or WebCrypto, finished
/// by [`finish_locked`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealInput {
    /// Every header byte: the cipher's additional authenticated data.
    pub header: Vec<u8>,
    /// The compressed body to seal.
    pub plain: Vec<u8>,
    pub salt: [u8; SALT_LEN],
    pub nonce: [u8; NONCE_LEN],
    pub iterations: u32,
}

/// The passphrase as it goes into the key derivation: surrounding white
/// space removed.
pub fn key_material(passphrase: &str) -> &[u8] {
    passphrase.trim().as_bytes()
}

/// Header and body of a passphrase link of the current format.
pub fn prepare_locked(
    evaluation: &Evaluation,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    iterations: u32,
) -> SealInput {
    let plain = deflate(&compact_body(evaluation), DICTIONARY_V2);
    let sealed_len = plain.len() + 16; // AES-GCM's tag
    let mut header = Vec::with_capacity(LOCKED_HEADER);
    header.push(LINK_FORMAT);
    header.push(MODE_PASSPHRASE);
    header.extend_from_slice(&u32::try_from(sealed_len).unwrap_or(u32::MAX).to_be_bytes());
    header.extend_from_slice(&iterations.to_be_bytes());
    header.extend_from_slice(&salt);
    header.extend_from_slice(&nonce);
    SealInput {
        header,
        plain,
        salt,
        nonce,
        iterations,
    }
}

/// The payload of a passphrase link from its header and sealed bytes.
pub fn finish_locked(header: &[u8], sealed: &[u8]) -> String {
    let mut bytes = header.to_vec();
    bytes.extend_from_slice(sealed);
    finish(bytes)
}

/// RustCrypto's AES-256-GCM under the PBKDF2 key: what WebCrypto does in
/// the browser.
pub fn seal_rustcrypto(input: &SealInput, passphrase: &str) -> Vec<u8> {
    let key = derive_key(passphrase, &input.salt, input.iterations);
    let cipher = Aes256Gcm::new(&key.into());
    cipher
        .encrypt(
            Nonce::from_slice(&input.nonce),
            Payload {
                msg: &input.plain,
                aad: &input.header,
            },
        )
        .unwrap_or_default()
}

/// The payload of the fragment, if the fragment is a share link.
/// `fragment` may start with `#`.
pub fn share_payload(fragment: &str) -> Option<&str> {
    fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .strip_prefix(SHARE_KEY)
}

/// The fragment of a whole link (after the first `#`), or the input when
/// it has none.
pub fn fragment(link: &str) -> &str {
    link.split_once('#').map_or(link, |(_, f)| f)
}

/// A whole link without its fragment.
pub fn fragment_split(link: &str) -> &str {
    link.split_once('#').map_or(link, |(page, _)| page)
}

/// An open link's payload: anyone holding the link can read the evaluation.
pub fn encode_open(evaluation: &Evaluation) -> String {
    envelope_open(
        LINK_FORMAT,
        &deflate(&compact_body(evaluation), DICTIONARY_V2),
    )
}

/// An open link of format 1, as links were made before format 2: for the
/// tests that keep format 1 opening, and the bench's "before".
#[doc(hidden)]
pub fn encode_open_format1(evaluation: &Evaluation) -> String {
    envelope_open(
        FORMAT_JSON,
        &deflate(&evaluation_json(evaluation), DICTIONARY_V1),
    )
}

/// A well-formed format-1 open link around any bytes: for the fuzzer, which
/// needs links that pass the envelope's checks and reach the JSON reader.
#[doc(hidden)]
pub fn open_payload_from_bytes(json: &[u8]) -> String {
    envelope_open(FORMAT_JSON, &deflate(json, DICTIONARY_V1))
}

/// A well-formed format-2 open link around any binary body: for the fuzzer,
/// which reaches the body's reader through it.
#[doc(hidden)]
pub fn open_payload_from_body(body: &[u8]) -> String {
    envelope_open(LINK_FORMAT, &deflate(body, DICTIONARY_V2))
}

/// The binary body of format 2 for an evaluation (before DEFLATE): for the
/// fuzzer's seeds.
///
/// The tree is read back from the evaluation's JSON text rather than made
/// by `serde_json::to_value`: the text serialiser and the tree's parser are
/// in the module anyway, and a third serialiser of the whole evaluation
/// would add about 8 KB of wasm for a step the buyer takes once per link.
#[doc(hidden)]
pub fn compact_body(evaluation: &Evaluation) -> Vec<u8> {
    let json = String::from_utf8(evaluation_json(evaluation)).unwrap_or_default();
    let tree = serde_json::from_str(&json).unwrap_or_default();
    compact::encode(&tree)
}

fn envelope_open(version: u8, body: &[u8]) -> String {
    let mut bytes = Vec::with_capacity(BASE_HEADER + body.len() + CHECK_LEN);
    bytes.push(version);
    bytes.push(MODE_OPEN);
    bytes.extend_from_slice(&body_len(body));
    bytes.extend_from_slice(body);
    finish(bytes)
}

/// A passphrase link's payload, with [`PBKDF2_ITERATIONS`]. `salt` and
/// `nonce` must come from a CSPRNG, fresh for every link.
pub fn encode_locked(
    evaluation: &Evaluation,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
) -> String {
    encode_locked_with(evaluation, passphrase, salt, nonce, PBKDF2_ITERATIONS)
}

/// [`encode_locked`] with another iteration count (tests and benchmarks;
/// the app always uses [`PBKDF2_ITERATIONS`]).
pub fn encode_locked_with(
    evaluation: &Evaluation,
    passphrase: &str,
    salt: [u8; SALT_LEN],
    nonce: [u8; NONCE_LEN],
    iterations: u32,
) -> String {
    let input = prepare_locked(evaluation, salt, nonce, iterations);
    finish_locked(&input.header, &seal_rustcrypto(&input, passphrase))
}

/// Reads a link's payload (the part after `#share=`).
pub fn decode(payload: &str) -> Result<Shared, LinkError> {
    if payload.len() > MAX_LINK {
        return Err(LinkError::TooLong(payload.chars().count()));
    }
    let bytes = decode_base64(payload)?;
    let Some(&version) = bytes.first() else {
        return Err(LinkError::Truncated);
    };
    if version == 0 {
        return Err(LinkError::NotOurs);
    }
    if version > LINK_FORMAT {
        return Err(if check_ok(&bytes) {
            LinkError::Newer(version)
        } else {
            LinkError::NotOurs
        });
    }
    if bytes.len() < BASE_HEADER {
        return Err(LinkError::Truncated);
    }
    let mode = bytes[1];
    let header_len = match mode {
        MODE_OPEN => BASE_HEADER,
        MODE_PASSPHRASE => LOCKED_HEADER,
        _ if check_ok(&bytes) => return Err(LinkError::Newer(version)),
        _ => return Err(LinkError::NotOurs),
    };
    let body_len = u32::from_be_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]) as usize;
    let expected = header_len
        .saturating_add(body_len)
        .saturating_add(CHECK_LEN);
    if bytes.len() < expected {
        return Err(LinkError::Truncated);
    }
    if bytes.len() > expected || !check_ok(&bytes) {
        return Err(LinkError::Altered);
    }
    let header = &bytes[..header_len];
    let body = &bytes[header_len..header_len + body_len];
    match mode {
        MODE_OPEN => Ok(Shared::Open(Box::new(evaluation_from_body(version, body)?))),
        _ => {
            let iterations = u32::from_be_bytes([header[6], header[7], header[8], header[9]]);
            if iterations == 0 || iterations > MAX_ITERATIONS {
                return Err(LinkError::Unreadable(format!(
                    "it asks for {iterations} key-derivation rounds, outside what Scopewise uses"
                )));
            }
            let mut salt = [0u8; SALT_LEN];
            salt.copy_from_slice(&header[10..10 + SALT_LEN]);
            let mut nonce = [0u8; NONCE_LEN];
            nonce.copy_from_slice(&header[10 + SALT_LEN..LOCKED_HEADER]);
            Ok(Shared::Locked(Locked {
                version,
                header: header.to_vec(),
                iterations,
                salt,
                nonce,
                sealed: body.to_vec(),
            }))
        }
    }
}

/// A strong passphrase to suggest, from `random` bytes of a CSPRNG: 20
/// characters from an alphabet without look-alikes (no 0/o, 1/l), in groups
/// of four: 100 bits.
pub fn suggest_passphrase(random: &[u8; 20]) -> String {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut out = String::with_capacity(24);
    for (i, b) in random.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(char::from(ALPHABET[usize::from(b & 31)]));
    }
    out
}

/// Why a passphrase is refused for a new link, if it is.
pub fn passphrase_problem(passphrase: &str) -> Option<String> {
    let n = passphrase.trim().chars().count();
    (n < MIN_PASSPHRASE).then(|| {
        format!("Use at least {MIN_PASSPHRASE} characters (this one has {n}): a short passphrase can be guessed by anyone who gets the link. The suggested one is strong.")
    })
}

// ---------------------------------------------------------------------------

fn evaluation_json(evaluation: &Evaluation) -> Vec<u8> {
    let mut copy = evaluation.clone();
    copy.format = crate::domain::evaluation::FORMAT_VERSION;
    serde_json::to_vec(&copy).expect("an evaluation always serialises")
}

fn body_len(body: &[u8]) -> [u8; 4] {
    u32::try_from(body.len()).unwrap_or(u32::MAX).to_be_bytes()
}

fn check(bytes: &[u8]) -> [u8; CHECK_LEN] {
    let digest = Sha256::digest(bytes);
    let mut out = [0u8; CHECK_LEN];
    out.copy_from_slice(&digest[..CHECK_LEN]);
    out
}

fn check_ok(bytes: &[u8]) -> bool {
    bytes.len() > CHECK_LEN && {
        let (data, trailer) = bytes.split_at(bytes.len() - CHECK_LEN);
        check(data) == trailer
    }
}

fn finish(mut bytes: Vec<u8>) -> String {
    let trailer = check(&bytes);
    bytes.extend_from_slice(&trailer);
    URL_SAFE_NO_PAD.encode(bytes)
}

fn decode_base64(payload: &str) -> Result<Vec<u8>, LinkError> {
    let payload = payload.trim_end_matches('=');
    if !payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(LinkError::Damaged);
    }
    // Only a cut can leave a length base64 never produces (4n + 1).
    URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::Truncated)
}

/// Raw DEFLATE of `data`, against the preset dictionary: the dictionary is
/// compressed first and flushed to a byte boundary, and only what follows is
/// kept. That tail refers back into the dictionary like zlib's
/// `deflateSetDictionary`.
pub(crate) fn deflate(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(9, -15, 0);
    let mut compressor = CompressorOxide::new(flags);
    let mut sink = Vec::new();
    let (status, _) = compress_to_output(&mut compressor, dictionary, TDEFLFlush::Sync, |out| {
        sink.extend_from_slice(out);
        true
    });
    debug_assert_eq!(status, TDEFLStatus::Okay);
    let mut body = Vec::with_capacity(data.len() / 4 + 64);
    let (status, _) = compress_to_output(&mut compressor, data, TDEFLFlush::Finish, |out| {
        body.extend_from_slice(out);
        true
    });
    debug_assert_eq!(status, TDEFLStatus::Done);
    body
}

/// The inverse of [`deflate`]: the dictionary is put back in front as stored
/// blocks, and the stream inflated with a size limit.
pub(crate) fn inflate(body: &[u8], limit: usize, dict: &[u8]) -> Option<Vec<u8>> {
    let mut stream = Vec::with_capacity(dict.len() + dict.len() / 65_535 * 5 + 5 + body.len());
    for chunk in dict.chunks(65_535) {
        let len = chunk.len() as u16;
        stream.push(0); // BFINAL = 0, BTYPE = 00 (stored), padded to the byte
        stream.extend_from_slice(&len.to_le_bytes());
        stream.extend_from_slice(&(!len).to_le_bytes());
        stream.extend_from_slice(chunk);
    }
    stream.extend_from_slice(body);
    let mut out =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&stream, dict.len() + limit).ok()?;
    if out.len() < dict.len() {
        return None;
    }
    Some(out.split_off(dict.len()))
}

/// The evaluation in a body of link format `version`, DEFLATEd: its JSON
/// (format 1) or its binary form (format 2), read by the same strict reader
/// as files either way.
fn evaluation_from_body(version: u8, body: &[u8]) -> Result<Evaluation, LinkError> {
    let inflated = inflate(body, MAX_JSON, dictionary(version)).ok_or_else(|| {
        LinkError::Unreadable("its compressed data is broken or too large".into())
    })?;
    let json = if version == FORMAT_JSON {
        String::from_utf8(inflated)
            .map_err(|_| LinkError::Unreadable("its text is not valid UTF-8".into()))?
    } else {
        let value = compact::decode(&inflated, MAX_JSON)
            .map_err(|_| LinkError::Unreadable("its data is broken".into()))?;
        serde_json::to_string(&value)
            .map_err(|_| LinkError::Unreadable("its data is broken".into()))?
    };
    Evaluation::from_json(&json).map_err(|e| LinkError::Unreadable(e.to_string()))
}

/// A tool that does not open links longer than a length, with where that
/// is known from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkLimit {
    pub tool: &'static str,
    pub max_chars: usize,
    pub source: &'static str,
}

/// Tools known to break links above a length, shortest limit first. Only
/// limits with a source are listed.
pub const LINK_LIMITS: &[LinkLimit] = &[LinkLimit {
    tool: "Microsoft Teams",
    max_chars: 2_048,
    source: "Scopewise's engineering notes (known link limits) and the trial reported in issue 15",
}];

/// The tools a link of `chars` characters breaks in.
pub fn tools_that_break(chars: usize) -> Vec<&'static LinkLimit> {
    LINK_LIMITS.iter().filter(|l| chars > l.max_chars).collect()
}

#[cfg(test)]
mod tests;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;

/// PBKDF2-HMAC-SHA256 of the trimmed passphrase into an AES-256 key.
fn derive_key(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(passphrase.trim().as_bytes(), salt, iterations, &mut key);
    key
}
