#!/usr/bin/env python3
"""Writes data/share-strings-v2.json: the frozen string tables of share link
format 2 (src/share/compact.rs).

Format 2 sends a value found in these tables as its index, one byte or two,
instead of its text. The tables hold only public vocabulary: the public
matrix's vendor ids and scope statements, the recognised accreditation
bodies, well-known certification bodies and vendors' legal names, the
standards with their editions, the preset policies' names and sources, and
the hosted paths' names and services, as they were when format 2 was made
(2026-12-02). No user data, and nothing from the test fixtures.

The file is FROZEN: every link of format 2 ever made decodes against exactly
these tables, and a test pins their SHA-256. Later vocabulary goes into a
later format (new links) while this file stays for the old ones.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name):
    return json.load(open(os.path.join(ROOT, "data", name), encoding="utf-8"))


def unique(items):
    seen, out = set(), []
    for i in items:
        if i and i not in seen:
            seen.add(i)
            out.append(i)
    return out


matrix = load("matrix.json")
acc = load("accreditation-bodies.json")
presets = load("policy-presets.json")["presets"]

vendor_ids = [v["id"] for v in matrix["vendors"]]
vendor_ids += ["openai", "anthropic", "aws", "azure", "google", "google-cloud", "cohere",
               "mistral", "huggingface", "hugging-face", "meta", "microsoft", "amazon"]

holders = [
    "Anthropic, PBC", "OpenAI OpCo, LLC", "OpenAI, L.L.C.", "Amazon Web Services, Inc.",
    "Microsoft Corporation", "Google LLC", "Google Cloud", "Cohere Inc.", "Mistral AI SAS",
    "Hugging Face, Inc.", "Meta Platforms, Inc.",
] + [v["name"] for v in matrix["vendors"]]

bodies = [
    "Schellman Compliance, LLC", "Schellman & Company, LLC", "A-LIGN Compliance and Security, Inc.",
    "BSI Group America Inc.", "BSI Assurance UK Ltd", "EY CertifyPoint B.V.", "Coalfire ISO, Inc.",
    "Prescient Security LLC", "Bureau Veritas Certification", "Bureau Veritas Certification France",
    "DNV Business Assurance", "TÜV SÜD", "TÜV Rheinland", "SGS United Kingdom Ltd", "LRQA",
    "Advantage Partners", "Sensiba LLP", "Insight Assurance", "Mastermind",
]
for b in acc["bodies"]:
    bodies.append(b.get("short_name", ""))
    bodies.append(b["name"])
for c in matrix["claims"]:
    bodies.append(c.get("certification_body") or "")

standards = ["27001:2022", "27001:2013", "27017:2015", "27018:2019", "27018:2025", "27018:2014",
             "27701:2019", "27701:2025", "42001:2023", "soc2", "27001", "27017", "27018", "27701",
             "42001", "attestation:HIPAA BAA", "attestation:FedRAMP Moderate",
             "attestation:FedRAMP High", "attestation:PCI DSS", "attestation:HITRUST",
             "attestation:CSA STAR Level 1", "attestation:CSA STAR Level 2"]

products = [
    "API", "fine-tuning", "batch", "embeddings", "vision", "Claude API", "Claude.ai",
    "Claude for Enterprise", "Message Batches API", "Amazon Bedrock", "Amazon SageMaker AI",
    "Azure OpenAI Service", "Azure AI Foundry", "Azure Machine Learning", "Vertex AI",
    "Gemini API", "Gemini API on Vertex AI", "OpenAI API", "ChatGPT Enterprise", "ChatGPT Team",
    "ChatGPT Edu", "La Plateforme", "Le Chat", "Mistral API", "Inference Endpoints", "Command",
    "Embed", "Rerank", "batch inference",
]
for p in matrix["paths"]:
    for side in ("platform", "model"):
        if p.get(side):
            products.append(p[side].get("must_name", ""))

short = ["HIPAA BAA", "FedRAMP Moderate", "FedRAMP High", "PCI DSS"]
for p in presets:
    short += [p["name"], p.get("source", "")]
for p in matrix["paths"]:
    short += [p["name"], p["id"]]

scopes = [c.get("scope") or "" for c in matrix["claims"]]

tables = {
    "format": 2,
    "made": "2026-12-02",
    "source": "scripts/make-share-strings-v2.py, from data/matrix.json (as of %s), "
              "data/accreditation-bodies.json and data/policy-presets.json" % matrix["as_of"],
    "vendor": unique(vendor_ids),
    "holder": unique(holders),
    "body": unique(bodies),
    "standard": unique(standards),
    "product": unique(products),
    "short": unique(short),
    "scope": unique(scopes),
}
out = os.path.join(ROOT, "data", "share-strings-v2.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(tables, f, ensure_ascii=False, indent=1)
    f.write("\n")
print("wrote", out, {k: len(v) for k, v in tables.items() if isinstance(v, list)})
