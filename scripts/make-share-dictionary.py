#!/usr/bin/env python3
"""Writes data/share-dictionary-v1.txt: the preset DEFLATE dictionary of share
links, format 1.

Run once, when link format 1 was made (2026-11-23). The file is FROZEN: every
link of format 1 ever made decodes against exactly these bytes, and a test pins
their SHA-256. A better dictionary means a new link format, with this file kept
for the old links.

Contents, least useful first (DEFLATE reaches nearer bytes with shorter
codes): the accreditation bodies, the public matrix's vendor, product and scope
words, common certificate-scope phrasing, the preset policies, and a skeleton
evaluation with every key in the order Scopewise writes them. No user data,
and nothing from the test fixtures.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


acc = json.load(open(os.path.join(ROOT, "data/accreditation-bodies.json")))
matrix = json.load(open(os.path.join(ROOT, "data/matrix.json")))
presets = json.load(open(os.path.join(ROOT, "data/policy-presets.json")))["presets"]

parts = []
parts.append(" ".join(b["name"] + " (" + b.get("short_name", "") + ")" for b in acc["bodies"]))
parts.append(
    "Schellman Compliance, LLC; Schellman & Company, LLC; A-LIGN Compliance and Security, Inc.; "
    "BSI Group America Inc.; BSI Assurance UK Ltd; EY CertifyPoint B.V.; Coalfire ISO, Inc.; "
    "Prescient Security LLC; Bureau Veritas Certification; DNV Business Assurance; TÜV SÜD; "
    "TÜV Rheinland; SGS United Kingdom Ltd; LRQA; Advantage Partners; Sensiba LLP; Insight Assurance"
)
seen = set()
for v in matrix["vendors"]:
    parts.append(v["name"])
for c in matrix["claims"]:
    s = c.get("scope") or ""
    if s and s not in seen:
        seen.add(s)
        parts.append(s)
for p in matrix["paths"]:
    parts.append(p["name"])
parts.append(
    "Anthropic, PBC; OpenAI OpCo, LLC; Amazon Web Services, Inc.; Microsoft Corporation; Google LLC; "
    "Cohere Inc.; Mistral AI SAS; Hugging Face, Inc.; Claude API; Claude.ai; Claude for Enterprise; "
    "Message Batches API; Amazon Bedrock; Amazon SageMaker AI; Amazon EC2; Amazon S3; "
    "Azure OpenAI Service; Azure AI Foundry; Azure Machine Learning; Vertex AI; Gemini API; "
    "OpenAI API; ChatGPT Enterprise; ChatGPT Team; La Plateforme; Le Chat; Inference Endpoints; "
    "Command, Embed and Rerank; fine-tuning; batch inference; embeddings"
)
parts.append(
    "The information security management system supporting the design, development, deployment, "
    "operation and support of the services listed in the scope annex, including the supporting cloud "
    "infrastructure, data centres, people, processes and technology, in accordance with the Statement "
    "of Applicability version dated. The scope covers the development, hosting and support of the platform "
    "and its application programming interfaces (APIs), operated from commercial regions in the European "
    "Union and the United States. System description: the services and their supporting infrastructure. "
    "Cloud service provider controls for personally identifiable information (PII) processors in public "
    "clouds; privacy information management system (PIMS) as a PII processor and PII controller; "
    "artificial intelligence management system (AIMS) for the responsible development and provision of "
    "AI models and AI systems; corporate IT; customer support operations; software development lifecycle."
)
parts.append(
    "Example data: the certificate number is invented. Pulled from the trust portal under NDA. "
    "Type II report under NDA, read by the security team. asked legal; MSA; DPA schedule; order form; "
    "30 days; right to object; ZDR approved; abuse-monitoring window; sub-processor"
)
parts.append(compact({"policy": presets}))

skeleton = {
    "format": 1,
    "workload": {"name": "", "data": "", "decisions": "", "risk_tier": "regulated"},
    "sector_attestations": ["HIPAA BAA"],
    "evaluation_date": "2026-11-23",
    "contract_end": "2027-12-31",
    "policy": presets[1],
    "candidates": [
        {
            "id": "claude-on-bedrock",
            "name": "Claude on Amazon Bedrock",
            "model_vendor": "anthropic",
            "platform": {"vendor": "aws", "service": "Amazon Bedrock"},
            "products": ["Claude API", "batch"],
            "records": [
                {
                    "id": "anthropic-27001", "layer": "model", "holder": "Anthropic, PBC",
                    "standard": "27001:2022", "certificate_number": "", "certification_body": "",
                    "accreditation_body": "ANAB", "originally_certified": "2024-01-08",
                    "issue_date": "2025-12-15", "expiry_date": "2027-01-07",
                    "last_surveillance_audit": "2025-11-20", "scope": "",
                    "based_on": "anthropic-27001", "source": "certificate-pdf",
                    "last_verified": "2026-10-02", "notes": "",
                },
                {
                    "id": "anthropic-soc2", "layer": "model", "holder": "", "standard": "soc2",
                    "certificate_number": "", "certification_body": "", "accreditation_body": "",
                    "scope": "", "source": "audit-report", "last_verified": "2026-10-02", "notes": "",
                    "soc2": {"type": "II", "auditor": "", "period_start": "2025-07-01",
                             "period_end": "2026-06-30", "report_date": "2026-08-14",
                             "bridge_letter_end": "2026-09-30"},
                },
                {"id": "aws-27017", "layer": "platform", "standard": "27017:2015", "source": "trust-portal"},
                {"id": "aws-27018", "layer": "platform", "standard": "27018:2019", "source": "vendor-statement"},
                {"id": "aws-27701", "layer": "platform", "standard": "27701:2019", "source": "public-claim"},
                {"id": "anthropic-42001", "layer": "model", "standard": "42001:2023", "source": "certificate-pdf"},
                {"id": "customer", "layer": "customer", "standard": "attestation:HIPAA BAA", "source": "certificate-pdf"},
            ],
            "customer_notes": "",
            "contract": {
                k: {"answer": a, "note": ""}
                for k, a in [
                    ("certs_named", "yes"), ("maintain_for_term", "yes"), ("annual_surveillance", "unknown"),
                    ("lapse_notice", "yes"), ("termination_right", "not-applicable"), ("zdr_window", "yes"),
                    ("subprocessor_notice", "no"), ("no_industry_standard_wording", "yes"),
                ]
            },
            "scope_confirmations": [{"product": "", "layer": "model", "record_id": "", "note": ""}],
            "ai_timeline": {"text": "", "target_date": "2026-12-31"},
        }
    ],
}
parts.append(compact(skeleton))

text = "\n".join(parts) + "\n"
data = text.encode("utf-8")
# DEFLATE reaches back 32 KiB; keep the most useful (last) bytes within reach.
assert len(data) <= 32 * 1024 - 4096, len(data)
with open(os.path.join(ROOT, "data/share-dictionary-v1.txt"), "wb") as f:
    f.write(data)
print(len(data), "bytes")
