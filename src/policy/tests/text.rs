//! Text matching: normalising, products in scopes, holders, model claims.

use crate::policy::text::*;

#[test]
fn normalises_case_punctuation_and_space() {
    assert_eq!(
        normalise("  Azure-OpenAI   Service, "),
        " azure openai service "
    );
    assert_eq!(normalise("Claude.ai"), " claude ai ");
    assert_eq!(normalise("  ,;  "), "");
    assert_eq!(normalise("Comité Français"), " comité français ");
    assert_eq!(normalise_bare("JAS-ANZ"), "jas anz");
}

#[test]
fn products_match_whole_words_and_aliases() {
    let scope = normalise("Scope: Amazon Web Services incl. AWS Bedrock and SageMaker");
    assert!(find_any(&scope, &product_forms("Amazon Bedrock")).is_some());
    assert!(find_any(&scope, &product_forms("Bedrock")).is_some());
    let scope = normalise("The Azure OpenAI platform");
    assert!(find_any(&scope, &product_forms("Azure OpenAI Service")).is_some());
    // A product inside a longer word does not match; a plural does.
    let scope = normalise("RAPID and batched jobs");
    assert!(find_any(&scope, &product_forms("API")).is_none());
    assert!(find_any(&scope, &product_forms("batch")).is_none());
    let scope = normalise("the Claude APIs and the Message Batches API");
    assert!(find_any(&scope, &product_forms("API")).is_some());
    assert!(find_any(&scope, &product_forms("batch")).is_some());
    assert!(product_forms("  ").is_empty());
    let scope = normalise("Google Cloud Vertex AI and Gemini");
    assert!(find_any(&scope, &product_forms("Vertex AI")).is_some());
    let scope = normalise("Fine-tuning and the Batch API");
    assert!(find_any(&scope, &product_forms("finetuning")).is_some());
}

#[test]
fn matched_words_map_back_to_the_original_text() {
    let original = "Services: the AWS  Bedrock™ service, Amazon SageMaker";
    let mut norm = String::new();
    let mut offsets = Vec::new();
    normalise_into(original, &mut norm, &mut offsets);
    let range = find_any(&norm, &product_forms("Amazon Bedrock")).unwrap();
    assert_eq!(original_slice(original, &offsets, range), "AWS  Bedrock");
    let range = find_any(&norm, &product_forms("amazon sagemaker")).unwrap();
    assert_eq!(
        original_slice(original, &offsets, range),
        "Amazon SageMaker"
    );
    let range = find_any(&norm, &product_forms("batch")).map(|_| ());
    assert!(range.is_none());
    let original = "the Message Batches API";
    normalise_into(original, &mut norm, &mut offsets);
    let range = find_any(&norm, &product_forms("batch")).unwrap();
    assert_eq!(original_slice(original, &offsets, range), "Batches");
    let original = "Plateforme: Comité Éxpert";
    normalise_into(original, &mut norm, &mut offsets);
    let range = find_any(&norm, &[" comité éxpert ".to_string()]).unwrap();
    assert_eq!(original_slice(original, &offsets, range), "Comité Éxpert");
}

#[test]
fn holders_match_vendors() {
    assert!(holder_is_vendor("Amazon Web Services, Inc.", "aws"));
    assert!(holder_is_vendor("AWS", "aws"));
    assert!(holder_is_vendor("Anthropic, PBC", "anthropic"));
    assert!(!holder_is_vendor("Anthropic, PBC", "aws"));
    assert!(!holder_is_vendor("Amazonia Analytics", "aws"));
    assert!(holder_is_vendor("Acme AI Ltd", "Acme AI"));
    assert!(!holder_is_vendor("", "aws"));
}

#[test]
fn model_certified_claims() {
    for yes in [
        "Our model is ISO certified",
        "Claude models are ISO/IEC 42001 certified",
        "ISO-certified AI models",
        "the first ISO 42001 certified LLM",
        "certification of the model by BSI",
        "model certification: ISO 42001",
    ] {
        assert!(
            model_certified_claim(yes, &normalise(yes)).is_some(),
            "{yes}"
        );
    }
    for no in [
        "The AIMS governing the development of AI models, certified by Schellman",
        "ISMS supporting the Claude API and models",
        "the model is not ISO certified: ISO certifies management systems",
        "certified management system for AI models",
        "shared responsibility model certified scope",
        "certification of the AI management system",
        "",
    ] {
        assert!(model_certified_claim(no, &normalise(no)).is_none(), "{no}");
    }
}
