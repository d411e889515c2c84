//! The server's own words in English and Hindi, from the Fluent files the web app shares
//! (`locales/<lang>/errors.ftl`), compiled into the binary.

use crate::error::ErrorCode;
use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use mysehat_domain::Language;
use std::sync::OnceLock;

const EN: &str = include_str!("../../../locales/en/errors.ftl");
const HI: &str = include_str!("../../../locales/hi/errors.ftl");

struct Bundles {
    en: FluentBundle<FluentResource>,
    hi: FluentBundle<FluentResource>,
}

fn bundles() -> &'static Bundles {
    static BUNDLES: OnceLock<Bundles> = OnceLock::new();
    BUNDLES.get_or_init(|| Bundles {
        en: bundle("en", EN),
        hi: bundle("hi", HI),
    })
}

fn bundle(lang: &str, source: &str) -> FluentBundle<FluentResource> {
    let id = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Both files are checked by tests; a broken line loses that message, not the others.
    let resource =
        FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The user-facing message for `code` in `lang`.
pub fn error_message(lang: Language, code: ErrorCode) -> Option<String> {
    let b = bundles();
    let bundle = match lang {
        Language::En => &b.en,
        Language::Hi => &b.hi,
    };
    let pattern = bundle
        .get_message(&format!("error-{}", code.as_str()))?
        .value()?;
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, None, &mut errors)
            .into_owned(),
    )
}

/// The caller's language from `Accept-Language`: Hindi if it comes before English, else English.
pub fn preferred(accept_language: Option<&str>) -> Language {
    let Some(header) = accept_language else {
        return Language::En;
    };
    let mut ranked: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let lang = match tag.split('-').next()? {
                "hi" => Language::Hi,
                "en" => Language::En,
                _ => return None,
            };
            Some((q, lang))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map_or(Language::En, |(_, lang)| *lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_message_in_english_and_hindi() {
        for code in ErrorCode::ALL {
            for lang in [Language::En, Language::Hi] {
                let message = error_message(lang, code);
                assert!(
                    message.as_deref().is_some_and(|m| !m.trim().is_empty()),
                    "{code:?} in {lang:?}"
                );
            }
        }
        let hindi = error_message(Language::Hi, ErrorCode::InvalidPhone).unwrap_or_default();
        assert!(
            hindi
                .chars()
                .any(|c| ('\u{0900}'..='\u{097F}').contains(&c)),
            "{hindi}"
        );
    }

    #[test]
    fn both_files_parse_without_errors() {
        assert!(FluentResource::try_new(EN.to_owned()).is_ok());
        assert!(FluentResource::try_new(HI.to_owned()).is_ok());
    }

    #[test]
    fn hindi_is_chosen_only_when_preferred() {
        assert_eq!(preferred(Some("hi-IN,hi;q=0.9,en;q=0.8")), Language::Hi);
        assert_eq!(preferred(Some("en-IN,en;q=0.9,hi;q=0.8")), Language::En);
        assert_eq!(preferred(Some("fr, hi;q=0.5")), Language::Hi);
        assert_eq!(preferred(Some("fr")), Language::En);
        assert_eq!(preferred(None), Language::En);
    }
}
