//! Friendly wording for serde/toml messages: "did you mean", accepted keys, expected types.

/// Closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Rewrites a toml/serde message into plain words, with hints.
pub fn explain_toml_message(message: &str) -> (String, Vec<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once("`, expected ") {
            let keys: Vec<&str> = expected
                .split(['`', ','])
                .map(|s| s.trim().trim_start_matches("one of").trim().trim_start_matches("or ").trim())
                .filter(|s| !s.is_empty())
                .collect();
            let mut hints = Vec::new();
            if let Some(best) = did_you_mean(field, keys.iter().copied()) {
                hints.push(format!("did you mean `{best}`?"));
            }
            hints.push(format!("accepted keys here: {}", keys.join(", ")));
            return (format!("unknown key `{field}`"), hints);
        }
    }
    if let Some(field) = message.strip_prefix("missing field `").and_then(|r| r.strip_suffix('`')) {
        return (format!("missing required key `{field}`"), vec![format!("add `{field} = …` here")]);
    }
    if message.contains("expected a date") || message.contains("datetime") {
        return (
            message.to_owned(),
            vec!["write a date without quotes, like 2026-01-15".to_owned()],
        );
    }
    (message.replace("invalid type: ", "wrong type: "), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_of_phone_suggests_phone() {
        assert_eq!(did_you_mean("phnoe", ["phone", "sms", "web"]), Some("phone"));
    }

    #[test]
    fn unrelated_word_suggests_nothing() {
        assert_eq!(did_you_mean("colour", ["phone", "sms", "web"]), None);
    }
}
