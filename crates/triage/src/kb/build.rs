//! Turns the raw data files into the indexed knowledge base (ids resolved, likelihoods made dense).

use super::build_parts::{build_condition, build_rule};
use super::schema::*;
use super::{Finding, Group, KnowledgeBase, Source, Texts};
use crate::error::KbError;
use crate::ids::{FindingId, Fx};
use crate::input::Sex;
use crate::lexicon::Lexicon;
use crate::output::{Bilingual, Triage};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap};

fn parse<T: DeserializeOwned>(
    files: &[(&'static str, &'static str)],
    name: &'static str,
) -> Result<T, KbError> {
    let text = files
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| KbError::Invalid(format!("missing data file {name}")))?;
    toml::from_str(text).map_err(|e| KbError::Parse {
        file: name,
        message: e.to_string(),
    })
}

fn text(raw: &RawText) -> Bilingual {
    Bilingual {
        en: raw.en.trim().to_owned(),
        hi: raw.hi.trim().to_owned(),
    }
}

pub(super) fn build(files: &[(&'static str, &'static str)]) -> Result<KnowledgeBase, KbError> {
    let mut problems = Vec::new();
    let sources: RawSources = parse(files, "sources.toml")?;
    let raw_findings: RawFindings = parse(files, "findings.toml")?;
    let raw_lexicon: RawLexicon = parse(files, "lexicon.toml")?;
    let raw_rules: RawRules = parse(files, "red_flags.toml")?;
    let raw_texts: RawTexts = parse(files, "texts.toml")?;
    let mut raw_conditions = Vec::new();
    for (name, _) in files
        .iter()
        .filter(|(name, _)| name.starts_with("conditions/"))
    {
        let file: RawConditionFile = parse(files, name)?;
        if file.version != sources.version {
            problems.push(format!(
                "{name} has version {} but sources.toml has {}",
                file.version, sources.version
            ));
        }
        raw_conditions.extend(file.condition);
    }
    for (name, version) in [
        ("findings.toml", &raw_findings.version),
        ("lexicon.toml", &raw_lexicon.version),
        ("red_flags.toml", &raw_rules.version),
        ("texts.toml", &raw_texts.version),
    ] {
        if *version != sources.version {
            problems.push(format!(
                "{name} has version {version} but sources.toml has {}",
                sources.version
            ));
        }
    }

    let finding_index: HashMap<String, Fx> = raw_findings
        .finding
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), Fx(i)))
        .collect();
    if finding_index.len() != raw_findings.finding.len() {
        problems.push("finding ids are not unique".to_owned());
    }
    let resolve = |id: &str, context: &str, problems: &mut Vec<String>| -> Option<Fx> {
        let fx = finding_index.get(id).copied();
        if fx.is_none() {
            problems.push(format!("{context} refers to unknown finding `{id}`"));
        }
        fx
    };

    let mut group_names: Vec<String> = Vec::new();
    for f in &raw_findings.finding {
        if let Some(g) = &f.group
            && !group_names.contains(g)
        {
            group_names.push(g.clone());
        }
    }
    let mut groups = Vec::new();
    for name in &group_names {
        let question = raw_findings
            .choice_question
            .iter()
            .find(|q| &q.group == name);
        let Some(question) = question else {
            problems.push(format!("group `{name}` has no choice_question"));
            continue;
        };
        let members = raw_findings
            .finding
            .iter()
            .enumerate()
            .filter(|(_, f)| f.group.as_deref() == Some(name.as_str()))
            .map(|(i, _)| Fx(i))
            .collect();
        groups.push(Group {
            id: question.id.clone(),
            question: text(&question.q),
            members,
        });
    }

    let mut findings = Vec::new();
    for f in &raw_findings.finding {
        let sex = match f.sex.as_deref() {
            None => None,
            Some("female") => Some(Sex::Female),
            Some("male") => Some(Sex::Male),
            Some(other) => {
                problems.push(format!("finding `{}` has unknown sex `{other}`", f.id));
                None
            }
        };
        let implies = f
            .implies
            .iter()
            .filter_map(|id| resolve(id, &f.id, &mut problems))
            .collect();
        findings.push(Finding {
            id: FindingId::new(f.id.clone()),
            label: Bilingual {
                en: f.en.clone(),
                hi: f.hi.clone(),
            },
            question: text(&f.q),
            leak: f.leak,
            leak_source: raw_findings.leak_src.clone(),
            group: f
                .group
                .as_ref()
                .and_then(|g| group_names.iter().position(|n| n == g)),
            sex,
            min_age: f.min_age,
            max_age: f.max_age,
            implies,
            ask: f.ask,
            context: f.context,
        });
    }

    let conditions = raw_conditions
        .iter()
        .map(|raw| build_condition(raw, &findings, &finding_index, &mut problems))
        .collect();
    let rules = raw_rules
        .rule
        .iter()
        .map(|raw| build_rule(raw, &finding_index, &mut problems))
        .collect();
    let lexicon = match Lexicon::compile(&raw_lexicon, &finding_index) {
        Ok(lexicon) => Some(lexicon),
        Err(mut lexicon_problems) => {
            problems.append(&mut lexicon_problems);
            None
        }
    };
    let texts = build_texts(&raw_texts, &mut problems);
    if findings.iter().any(|f| f.leak.is_nan()) {
        problems.push("a leak is not a number".to_owned());
    }
    match (lexicon, texts, problems.is_empty()) {
        (Some(lexicon), Some(texts), true) => Ok(KnowledgeBase {
            version: sources.version,
            sources: sources
                .sources
                .into_iter()
                .map(|(id, s)| {
                    (
                        id,
                        Source {
                            kind: s.kind,
                            citation: s.citation,
                        },
                    )
                })
                .collect(),
            findings,
            finding_index,
            groups,
            conditions,
            rules,
            lexicon,
            texts,
        }),
        _ => Err(KbError::Invalid(problems.join("; "))),
    }
}

fn build_texts(raw: &RawTexts, problems: &mut Vec<String>) -> Option<Texts> {
    let mut level = |triage: Triage| -> Option<Bilingual> {
        let found = raw.level.get(triage.as_str()).map(text);
        if found.is_none() {
            problems.push(format!(
                "texts.toml has no advice for level `{}`",
                triage.as_str()
            ));
        }
        found
    };
    let levels = [
        level(Triage::SelfCare),
        level(Triage::SeeDoctor),
        level(Triage::Urgent),
        level(Triage::Emergency),
    ];
    let helplines: BTreeMap<String, (String, Bilingual)> = raw
        .helplines
        .iter()
        .map(|(id, h)| (id.clone(), (h.number.clone(), text(&h.name))))
        .collect();
    let [Some(a), Some(b), Some(c), Some(d)] = levels else {
        return None;
    };
    Some(Texts {
        level: [a, b, c, d],
        not_understood: text(&raw.not_understood),
        crisis: text(&raw.crisis),
        disclaimer: text(&raw.disclaimer),
        helplines,
    })
}
