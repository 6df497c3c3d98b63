#!/usr/bin/env python3
"""Writes data/share-dictionary-v2.txt: the preset DEFLATE dictionary of share
link format 2 (src/share/compact.rs), whose body is binary: field names,
dates, enums and ids are not text any more, so the dictionary holds only
the words people type, as realistic scope statements and contract notes
use them.

Contents, least useful first (DEFLATE reaches nearer bytes with shorter
codes): the public matrix's vocabulary; the services that AI vendors' and
cloud platforms' certificates list in their scope (public product names,
as the vendors name them on their own sites); how certificate scope
statements are phrased (ISO/IEC 27001, 27017, 27018, 27701, 42001
certificates, SOC 2 system descriptions); how buyers note contract
clauses (MSA, DPA, order form). Public vocabulary only: no user data, and
no sentence of the test fixtures.

Made once, when link format 2 was made (2026-12-02). FROZEN: every
format-2 link decodes against exactly these bytes, and a test pins their
SHA-256. A better dictionary means a new link format.
"""
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
matrix = json.load(open(os.path.join(ROOT, "data/matrix.json"), encoding="utf-8"))

parts = []
# The public matrix: vendors, paths, what they must name.
parts.append("; ".join(v["name"] for v in matrix["vendors"]))
parts.append("; ".join(p["name"] for p in matrix["paths"]))

# Services that scope statements list, by vendor (public product names).
services = {
    "Amazon Web Services": [
        "Amazon Bedrock", "Amazon Bedrock Agents", "Amazon SageMaker AI", "Amazon SageMaker",
        "Amazon Q Business", "Amazon Q Developer", "Amazon Textract", "Amazon Transcribe",
        "Amazon Comprehend", "Amazon Rekognition", "Amazon Kendra", "Amazon EC2", "Amazon S3",
        "Amazon RDS", "Amazon DynamoDB", "Amazon Aurora", "Amazon VPC", "Amazon CloudFront",
        "Amazon CloudWatch", "Amazon ECS", "Amazon EKS", "AWS Lambda", "AWS Fargate",
        "AWS Key Management Service", "AWS Identity and Access Management", "AWS CloudTrail",
        "AWS Config", "AWS Organizations", "AWS Direct Connect", "AWS Shield", "AWS WAF",
        "AWS Secrets Manager", "AWS Certificate Manager", "AWS Backup", "AWS Glue",
        "AWS GovCloud (US)", "all commercial AWS Regions", "AWS Regions", "AWS Artifact",
    ],
    "Microsoft": [
        "Microsoft Azure", "Azure OpenAI Service", "Azure AI Foundry", "Azure AI Foundry Models",
        "Azure AI Services", "Azure AI Search", "Azure AI Document Intelligence",
        "Azure Machine Learning", "Azure Storage", "Azure Key Vault", "Azure Kubernetes Service",
        "Azure Virtual Machines", "Azure SQL Database", "Azure Cosmos DB", "Azure Monitor",
        "Microsoft Entra ID", "Microsoft 365", "Microsoft 365 Copilot", "Microsoft Security Copilot",
        "Dynamics 365", "Microsoft Online Services", "Power Platform", "Azure Government",
        "Azure public cloud regions", "Service Trust Portal", "Azure compliance offerings",
    ],
    "Google": [
        "Google Cloud Platform", "Google Cloud", "Google Workspace", "Vertex AI",
        "Gemini API on Vertex AI", "Gemini for Google Cloud", "Gemini app", "Model Garden",
        "Vertex AI Agent Builder", "Vertex AI Search", "BigQuery", "Cloud Storage",
        "Compute Engine", "Google Kubernetes Engine", "Cloud Run", "Cloud SQL", "Cloud Spanner",
        "Cloud Key Management Service", "Cloud Identity", "Cloud Logging", "Document AI",
        "Compliance Reports Manager", "Google Cloud regions",
    ],
    "OpenAI": [
        "OpenAI API", "OpenAI API platform", "Responses API", "Assistants API", "Batch API",
        "Realtime API", "fine-tuning API", "Embeddings API", "ChatGPT Enterprise", "ChatGPT Team",
        "ChatGPT Edu", "ChatGPT Business", "Sora", "Codex", "trust.openai.com",
    ],
    "Anthropic": [
        "Claude API", "Claude.ai", "Claude for Work", "Claude for Enterprise", "Claude Team",
        "Claude Code", "Message Batches API", "Claude family of models", "Claude models",
        "Anthropic Console", "trust.anthropic.com",
    ],
    "Cohere": [
        "Command", "Command A", "Command R+", "Embed", "Rerank", "Cohere North", "Coral",
        "Cohere platform", "private deployments", "model APIs",
    ],
    "Mistral AI": [
        "La Plateforme", "Le Chat", "Le Chat Enterprise", "Mistral API", "Mistral Large",
        "Codestral", "batch inference", "fine-tuning",
    ],
    "Hugging Face": [
        "Hugging Face Hub", "Inference Endpoints", "Inference Providers", "Spaces",
        "Enterprise Hub", "Serverless Inference API", "AutoTrain", "datasets and models",
    ],
}
for vendor, names in services.items():
    parts.append(vendor + ": " + ", ".join(names))

# How scope statements are phrased.
parts.append(
    "The information security management system (ISMS) of the organisation for the services "
    "listed in the scope annex. The scope of certification covers the design, development, "
    "training, testing, deployment, hosting, operation, maintenance and support of the "
    "platform and its application programming interfaces (APIs), together with the supporting "
    "cloud infrastructure, data centres, corporate IT environment, people, processes and "
    "technology, in accordance with the Statement of Applicability (SoA) version 2.0 dated. "
    "Operated from data centres in the European Union, the United Kingdom and the United States. "
    "Across all commercial regions and availability zones. Including the supporting production "
    "infrastructure, software development lifecycle, security operations, incident management, "
    "customer support operations, human resources and facilities. Excluding on-premises "
    "deployments operated by customers."
)
parts.append(
    "Cloud service provider controls (ISO/IEC 27017) for the cloud services in scope. "
    "Protection of personally identifiable information (PII) in public clouds acting as PII "
    "processors (ISO/IEC 27018). Privacy information management system (PIMS) as a PII "
    "processor and PII controller (ISO/IEC 27701). Artificial intelligence management system "
    "(AIMS) for the responsible development, provision and use of AI models and AI systems "
    "(ISO/IEC 42001). System description: the services and their supporting infrastructure, "
    "subservice organisations carved out, complementary user entity controls. The AI management "
    "system governing the development, provision and use of large language models, foundation "
    "models and generative AI services offered through the API and enterprise products."
)
parts.append(
    "The information security management system supporting the research, development, "
    "training, deployment and operation of the family of models, delivered through the API "
    "(including the batch and fine-tuning APIs), the web and mobile applications and the "
    "enterprise offering, the information security management system covering the "
    "development, operation and support of the platform, and the information security "
    "management system for the development, hosting and support of the large language model "
    "platform, with the supporting corporate IT environment."
)

# How buyers note contract clauses and evidence.
parts.append(
    "MSA section 9, DPA schedule 2, DPA annex, order form, data processing addendum, master "
    "services agreement, business associate agreement (BAA), security exhibit, amendment, "
    "clause, page, signed, draft, pending legal review, asked the vendor, asked legal, legal "
    "confirmed, procurement, redlines, negotiated, not in the contract, not in the MSA, "
    "names ISO/IEC 27001, 27017, 27018, 27701 and 42001 and SOC 2 Type II, maintained for the "
    "term, annual confirmation of surveillance audits, yearly letter, notice within 30 days of "
    "suspension, withdrawal or scope reduction, termination without penalty, not a high-risk "
    "workload, Zero Data Retention (ZDR) approved, ZDR in the order form, 30-day abuse-monitoring "
    "window, retention window, sub-processor list on the trust portal, e-mail notice, 30 days' "
    "notice with a right to object, industry-standard security, commercially reasonable, "
    "reasonable and appropriate measures."
)
parts.append(
    "Pulled from the trust portal under NDA. Certificate PDF downloaded from the vendor's trust "
    "portal. Type II report under NDA, read by the security team. Bridge letter requested. "
    "Verified with the certification body's register. The certificate number is invented: "
    "example data. Checked against the accreditation body's directory."
)

text = "\n".join(parts) + "\n"
data = text.encode("utf-8")
# DEFLATE reaches back 32 KiB: the dictionary and the body must both fit.
assert len(data) <= 24 * 1024, len(data)
with open(os.path.join(ROOT, "data/share-dictionary-v2.txt"), "wb") as f:
    f.write(data)
print(len(data), "bytes")
