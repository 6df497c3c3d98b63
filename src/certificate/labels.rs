//! Field labels as certificates print them, in English, Spanish, French,
//! German, Italian, Portuguese and Turkish, matched without case or accents
//! ("Fecha de emisión" is found as "fecha de emision"). Where labels
//! overlap, the longest wins: "Expiry date of previous cycle" is not the
//! expiry date, "Surveillance audit due" is not an audit done.

use super::dates::fold;
use super::Field;

/// What a label says about the value beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Field(Field),
    /// "Certification date", "Registration date": the issue date when the
    /// certificate prints no other, else the original certification.
    IssueOrOriginal,
    /// Looks like a field's label but is not one: a date due, a previous
    /// cycle, a planned audit.
    Ignore,
}

use Field::*;
use Role::{Field as F, Ignore, IssueOrOriginal};

/// (role, label): folded to lower case without accents.
const LABELS: &[(Role, &str)] = &[
    // Certificate number.
    (F(CertificateNumber), "certificate number"),
    (F(CertificateNumber), "certificate no"),
    (F(CertificateNumber), "certificate nr"),
    (F(CertificateNumber), "certificate n°"),
    (F(CertificateNumber), "certificate nº"),
    (F(CertificateNumber), "certificate #"),
    (F(CertificateNumber), "certificate id"),
    (F(CertificateNumber), "certificate reference"),
    (F(CertificateNumber), "cert. no"),
    (F(CertificateNumber), "cert no"),
    (F(CertificateNumber), "registration number"),
    (F(CertificateNumber), "registration no"),
    (F(CertificateNumber), "reg. no"),
    (F(CertificateNumber), "numero de certificado"),
    (F(CertificateNumber), "no de certificado"),
    (F(CertificateNumber), "n.º de certificado"),
    (F(CertificateNumber), "nº de certificado"),
    (F(CertificateNumber), "certificado nº"),
    (F(CertificateNumber), "certificado n°"),
    (F(CertificateNumber), "certificado n.º"),
    (F(CertificateNumber), "certificado no"),
    (F(CertificateNumber), "numero de certificat"),
    (F(CertificateNumber), "n° de certificat"),
    (F(CertificateNumber), "certificat n°"),
    (F(CertificateNumber), "certificat no"),
    (F(CertificateNumber), "zertifikat-nr"),
    (F(CertificateNumber), "zertifikat nr"),
    (F(CertificateNumber), "zertifikatsnummer"),
    (F(CertificateNumber), "zertifikat-registrier-nr"),
    (F(CertificateNumber), "registrier-nr"),
    (F(CertificateNumber), "numero certificato"),
    (F(CertificateNumber), "numero del certificato"),
    (F(CertificateNumber), "certificato n"),
    (F(CertificateNumber), "numero do certificado"),
    (F(CertificateNumber), "sertifika no"),
    (F(CertificateNumber), "sertifika numarasi"),
    (F(CertificateNumber), "belge no"),
    // Original certification.
    (F(OriginallyCertified), "original certification date"),
    (F(OriginallyCertified), "date of original certification"),
    (F(OriginallyCertified), "original certification"),
    (F(OriginallyCertified), "originally certified"),
    (F(OriginallyCertified), "originally registered"),
    (F(OriginallyCertified), "initial certification date"),
    (F(OriginallyCertified), "date of initial certification"),
    (F(OriginallyCertified), "initial certification"),
    (F(OriginallyCertified), "original registration date"),
    (F(OriginallyCertified), "date of original registration"),
    (F(OriginallyCertified), "date of initial registration"),
    (F(OriginallyCertified), "initial registration"),
    (F(OriginallyCertified), "original cycle start date"),
    (F(OriginallyCertified), "first certification"),
    (F(OriginallyCertified), "first issued"),
    (F(OriginallyCertified), "certified since"),
    (F(OriginallyCertified), "registered since"),
    (F(OriginallyCertified), "fecha de certificacion inicial"),
    (F(OriginallyCertified), "certificacion inicial"),
    (F(OriginallyCertified), "fecha de la primera certificacion"),
    (F(OriginallyCertified), "date de certification initiale"),
    (F(OriginallyCertified), "certification initiale"),
    (F(OriginallyCertified), "premiere certification"),
    (F(OriginallyCertified), "erstzertifizierung"),
    (F(OriginallyCertified), "zertifiziert seit"),
    (F(OriginallyCertified), "prima emissione"),
    (F(OriginallyCertified), "prima certificazione"),
    (F(OriginallyCertified), "certificacao inicial"),
    (F(OriginallyCertified), "ilk belgelendirme"),
    (F(OriginallyCertified), "ilk kayit tarihi"),
    // Issue date of this certificate.
    (F(IssueDate), "date of issue"),
    (F(IssueDate), "issue date"),
    (F(IssueDate), "issued date"),
    (F(IssueDate), "issued on"),
    (F(IssueDate), "date of issuance"),
    (F(IssueDate), "issuance date"),
    (F(IssueDate), "effective date"),
    (F(IssueDate), "valid from"),
    (F(IssueDate), "date of this certificate"),
    (F(IssueDate), "latest issue"),
    (F(IssueDate), "current issue"),
    (F(IssueDate), "reissue date"),
    (F(IssueDate), "re-issue date"),
    (F(IssueDate), "date of reissue"),
    (F(IssueDate), "fecha de emision"),
    (F(IssueDate), "fecha de expedicion"),
    (F(IssueDate), "emitido el"),
    (F(IssueDate), "valido desde"),
    (F(IssueDate), "date d'emission"),
    (F(IssueDate), "date de delivrance"),
    (F(IssueDate), "date d'effet"),
    (F(IssueDate), "valable a partir du"),
    (F(IssueDate), "valide a partir du"),
    (F(IssueDate), "ausstellungsdatum"),
    (F(IssueDate), "ausgestellt am"),
    (F(IssueDate), "gultig ab"),
    (F(IssueDate), "data di emissione"),
    (F(IssueDate), "data emissione"),
    (F(IssueDate), "emesso il"),
    (F(IssueDate), "valido dal"),
    (F(IssueDate), "data de emissao"),
    (F(IssueDate), "emitido em"),
    (F(IssueDate), "valido a partir de"),
    (F(IssueDate), "yayin tarihi"),
    (F(IssueDate), "yayim tarihi"),
    (F(IssueDate), "duzenleme tarihi"),
    (F(IssueDate), "belge tarihi"),
    // Either the issue date or the original certification.
    (IssueOrOriginal, "certification date"),
    (IssueOrOriginal, "date of certification"),
    (IssueOrOriginal, "registration date"),
    (IssueOrOriginal, "date of registration"),
    (IssueOrOriginal, "certified on"),
    (IssueOrOriginal, "registered on"),
    (IssueOrOriginal, "cycle start date"),
    (IssueOrOriginal, "fecha de certificacion"),
    (IssueOrOriginal, "fecha de registro"),
    (IssueOrOriginal, "date de certification"),
    (IssueOrOriginal, "zertifizierungsdatum"),
    (IssueOrOriginal, "data di certificazione"),
    (IssueOrOriginal, "data certificazione"),
    (IssueOrOriginal, "data de certificacao"),
    (IssueOrOriginal, "data de registro"),
    (IssueOrOriginal, "belgelendirme tarihi"),
    (IssueOrOriginal, "kayit tarihi"),
    // Expiry.
    (F(ExpiryDate), "expiry date"),
    (F(ExpiryDate), "expiration date"),
    (F(ExpiryDate), "date of expiry"),
    (F(ExpiryDate), "date of expiration"),
    (F(ExpiryDate), "certificate expiry"),
    (F(ExpiryDate), "valid until"),
    (F(ExpiryDate), "valid till"),
    (F(ExpiryDate), "valid to"),
    (F(ExpiryDate), "valid through"),
    (F(ExpiryDate), "expires on"),
    (F(ExpiryDate), "expiring on"),
    (F(ExpiryDate), "until"),
    (F(ExpiryDate), "fecha de caducidad"),
    (F(ExpiryDate), "fecha de vencimiento"),
    (F(ExpiryDate), "fecha de expiracion"),
    (F(ExpiryDate), "valido hasta"),
    (F(ExpiryDate), "vigente hasta"),
    (F(ExpiryDate), "caduca el"),
    (F(ExpiryDate), "date d'expiration"),
    (F(ExpiryDate), "date d'echeance"),
    (F(ExpiryDate), "valable jusqu'au"),
    (F(ExpiryDate), "valide jusqu'au"),
    (F(ExpiryDate), "expire le"),
    (F(ExpiryDate), "gultig bis"),
    (F(ExpiryDate), "ablaufdatum"),
    (F(ExpiryDate), "data di scadenza"),
    (F(ExpiryDate), "scadenza"),
    (F(ExpiryDate), "valido fino al"),
    (F(ExpiryDate), "data de validade"),
    (F(ExpiryDate), "data de expiracao"),
    (F(ExpiryDate), "valido ate"),
    (F(ExpiryDate), "gecerlilik tarihi"),
    (F(ExpiryDate), "son gecerlilik"),
    (F(ExpiryDate), "bitis tarihi"),
    // Dates that are not a field: due, planned, previous.
    (Ignore, "next surveillance"),
    (Ignore, "surveillance due"),
    (Ignore, "surveillance audit due"),
    (Ignore, "1st surveillance"),
    (Ignore, "2nd surveillance"),
    (Ignore, "3rd surveillance"),
    (Ignore, "first surveillance"),
    (Ignore, "second surveillance"),
    (Ignore, "recertification due"),
    (Ignore, "recertification audit due"),
    (Ignore, "recertification audit date"),
    (Ignore, "certification / recertification audit date"),
    (Ignore, "expiry date of previous cycle"),
    (Ignore, "previous cycle"),
    (Ignore, "due date"),
    (Ignore, "next audit"),
    (Ignore, "statement of applicability"),
    (Ignore, "proxima auditoria"),
    (Ignore, "prochain audit"),
    (Ignore, "nachstes audit"),
    (Ignore, "prossimo audit"),
    (Ignore, "proxima auditoria"),
    (Ignore, "gozetim"),
    // Last surveillance audit done.
    (F(LastSurveillanceAudit), "last surveillance audit"),
    (F(LastSurveillanceAudit), "latest surveillance audit"),
    (F(LastSurveillanceAudit), "surveillance audit date"),
    (F(LastSurveillanceAudit), "date of last surveillance"),
    (F(LastSurveillanceAudit), "last surveillance"),
    (F(LastSurveillanceAudit), "ultima auditoria de seguimiento"),
    (F(LastSurveillanceAudit), "dernier audit de surveillance"),
    (F(LastSurveillanceAudit), "letztes uberwachungsaudit"),
    (F(LastSurveillanceAudit), "ultimo audit di sorveglianza"),
    (F(LastSurveillanceAudit), "ultima auditoria de supervisao"),
    // The certified organisation.
    (F(Holder), "this is to certify that"),
    (F(Holder), "this certifies that"),
    (F(Holder), "we hereby certify that"),
    (F(Holder), "hereby certifies that"),
    (F(Holder), "certifies that"),
    (F(Holder), "certify that"),
    (F(Holder), "certified organisation"),
    (F(Holder), "certified organization"),
    (F(Holder), "certificate holder"),
    (F(Holder), "registered organisation"),
    (F(Holder), "registered organization"),
    (F(Holder), "name of organisation"),
    (F(Holder), "name of organization"),
    (F(Holder), "organisation:"),
    (F(Holder), "organization:"),
    (F(Holder), "company name"),
    (F(Holder), "company:"),
    (F(Holder), "awarded to"),
    (F(Holder), "granted to"),
    (F(Holder), "issued to"),
    (F(Holder), "certifica que"),
    (F(Holder), "certifie que"),
    (F(Holder), "atteste que"),
    (F(Holder), "certifica che"),
    (F(Holder), "hiermit wird bescheinigt, dass"),
    (F(Holder), "bescheinigt, dass"),
    (F(Holder), "organizacion:"),
    (F(Holder), "razon social"),
    (F(Holder), "organisme :"),
    (F(Holder), "organisme:"),
    (F(Holder), "raison sociale"),
    (F(Holder), "unternehmen:"),
    (F(Holder), "organizzazione:"),
    (F(Holder), "ragione sociale"),
    (F(Holder), "organizacao:"),
    (F(Holder), "empresa:"),
    (F(Holder), "kurulus adi"),
    (F(Holder), "firma adi"),
    (F(Holder), "kurulus:"),
    // The certification body.
    (F(CertificationBody), "certification body:"),
    (F(CertificationBody), "certification body"),
    (F(CertificationBody), "issued by"),
    (F(CertificationBody), "certified by"),
    (F(CertificationBody), "assessed by"),
    (F(CertificationBody), "audited by"),
    (F(CertificationBody), "registered by"),
    (F(CertificationBody), "for and on behalf of"),
    (F(CertificationBody), "signed on behalf of"),
    (F(CertificationBody), "on behalf of"),
    (F(CertificationBody), "entidad de certificacion"),
    (F(CertificationBody), "organismo de certificacion"),
    (F(CertificationBody), "certificado por"),
    (F(CertificationBody), "organisme de certification"),
    (F(CertificationBody), "certifie par"),
    (F(CertificationBody), "zertifizierungsstelle"),
    (F(CertificationBody), "zertifiziert durch"),
    (F(CertificationBody), "organismo di certificazione"),
    (F(CertificationBody), "rilasciato da"),
    (F(CertificationBody), "organismo de certificacao"),
    (F(CertificationBody), "belgelendirme kurulusu"),
    // The accreditation body.
    (F(AccreditationBody), "accredited by"),
    (F(AccreditationBody), "accreditation body"),
    (F(AccreditationBody), "under accreditation of"),
    (F(AccreditationBody), "acreditado por"),
    (F(AccreditationBody), "entidad de acreditacion"),
    (F(AccreditationBody), "accredite par"),
    (F(AccreditationBody), "akkreditiert durch"),
    (F(AccreditationBody), "akkreditiert von"),
    (F(AccreditationBody), "accreditato da"),
    (F(AccreditationBody), "organismo de acreditacao"),
    (F(AccreditationBody), "akredite eden"),
    // The scope.
    (F(Scope), "scope of certification"),
    (F(Scope), "scope of the certification covers"),
    (F(Scope), "scope of registration"),
    (F(Scope), "scope of the certificate"),
    (F(Scope), "scope of certificate"),
    (F(Scope), "certification scope"),
    (F(Scope), "scope of activities"),
    (F(Scope), "for the following scope of activities"),
    (F(Scope), "for the following scope of registration"),
    (F(Scope), "for the following scope"),
    (F(Scope), "covers the following activities"),
    (F(Scope), "for the following activities"),
    (F(Scope), "scope:"),
    (F(Scope), "scope :"),
    (F(Scope), "alcance de la certificacion"),
    (F(Scope), "alcance de certificacion"),
    (F(Scope), "alcance:"),
    (F(Scope), "alcance :"),
    (F(Scope), "domaine d'application"),
    (F(Scope), "champ d'application"),
    (F(Scope), "perimetre:"),
    (F(Scope), "perimetre :"),
    (F(Scope), "geltungsbereich"),
    (F(Scope), "anwendungsbereich"),
    (F(Scope), "campo di applicazione"),
    (F(Scope), "scopo di certificazione"),
    (F(Scope), "ambito da certificacao"),
    (F(Scope), "ambito:"),
    (F(Scope), "escopo:"),
    (F(Scope), "belgelendirme kapsami"),
    (F(Scope), "kapsam:"),
    (F(Scope), "kapsam :"),
];

/// A label found in a line: byte range (in the line's own text) and role.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label {
    pub start: usize,
    pub end: usize,
    pub role: Role,
}

impl Label {
    pub fn field(&self) -> Option<Field> {
        match self.role {
            Role::Field(f) => Some(f),
            _ => None,
        }
    }
}

/// Folds `text` to lower case without accents, keeping for each byte of
/// the folded text the byte of `text` it came from (and one past the end).
pub(crate) fn fold_mapped(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let mut buf = [0u8; 4];
        let folded = fold(c.encode_utf8(&mut buf));
        for _ in 0..folded.len() {
            map.push(i);
        }
        out.push_str(&folded);
    }
    map.push(text.len());
    (out, map)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The labels of a line, longest first where they overlap, in line order.
pub(crate) fn labels_in(text: &str) -> Vec<Label> {
    let (lower, map) = fold_mapped(text);
    let mut found: Vec<Label> = Vec::new();
    let mut patterns: Vec<&(Role, &str)> = LABELS.iter().collect();
    patterns.sort_by_key(|(_, p)| std::cmp::Reverse(p.len()));
    for &&(role, pat) in &patterns {
        let mut from = 0;
        while let Some(p) = lower.get(from..).and_then(|s| s.find(pat)) {
            let start = from + p;
            let end = start + pat.len();
            from = end;
            let word_start = !lower
                .get(..start)
                .and_then(|s| s.chars().next_back())
                .is_some_and(is_word_char);
            let ends_in_word = pat.chars().next_back().is_some_and(is_word_char);
            let word_end = !ends_in_word
                || !lower
                    .get(end..)
                    .and_then(|s| s.chars().next())
                    .is_some_and(is_word_char);
            let (Some(&s), Some(&e)) = (map.get(start), map.get(end)) else {
                continue;
            };
            if !word_start || !word_end || found.iter().any(|l| s < l.end && l.start < e) {
                continue;
            }
            found.push(Label {
                start: s,
                end: e,
                role,
            });
        }
    }
    found.sort_by_key(|l| l.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<Role> {
        labels_in(text).into_iter().map(|l| l.role).collect()
    }

    #[test]
    fn longest_label_wins_and_words_are_whole() {
        assert_eq!(roles("Expiry date of previous cycle: NA"), [Ignore]);
        assert_eq!(
            roles("2nd Surveillance Audit Due: 24th October 2027"),
            [Ignore]
        );
        assert_eq!(roles("Fecha de emisión: 1 de mayo"), [F(IssueDate)]);
        assert_eq!(roles("Fecha de caducidad"), [F(ExpiryDate)]);
        assert_eq!(roles("Kinde is a software company that builds"), []);
        assert_eq!(roles("Date of Certification: x"), [IssueOrOriginal]);
        let l = &labels_in("Número de certificado: 12")[0];
        assert_eq!(
            &"Número de certificado: 12"[l.start..l.end],
            "Número de certificado"
        );
    }
}
