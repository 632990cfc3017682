//! Every rule the macros enforce, by its stable name: the file name of its trybuild case
//! (`tests/tests/ui/<name>.rs`), shown at the end of each message's first line and listed
//! in the DSL reference. A test keeps the three in agreement.
#![allow(non_upper_case_globals)]

/// A rule's stable name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rule(&'static str);

impl Rule {
    /// The name, as shown in messages.
    pub(crate) fn name(self) -> &'static str {
        self.0
    }
}

macro_rules! rules {
    ($($name:ident)*) => {
        $(pub(crate) const $name: Rule = Rule(stringify!($name));)*
        /// Every rule, for the test that checks names, ui cases and docs agree.
        #[cfg(test)]
        pub(crate) const ALL: &[Rule] = &[$($name),*];
    };
}

rules! {
    beta_attribute_syntax
    block_inside_paragraph
    brace_interpolation
    cell_outside_row
    closes_open_element
    console_log_with_loop
    content_directly_in_table
    data_attr_event_handler
    data_attr_unknown_key
    data_attr_url_not_whole
    data_effect_with_auto_remove
    dispatch_uppercase_event_name
    dotted_signal_key
    dsl_in_match_arm_without_braces
    duplicate_attribute
    duplicate_id
    duplicate_option
    duplicate_signal_key
    duration_not_whole_millis
    duration_without_unit
    empty_body
    empty_hole
    empty_selector
    endless_for_without_wait
    event_after_redirect
    event_id_not_ascii
    expression_syntax
    expression_unbalanced
    flag_with_value
    format_placeholder_in_text
    handler_syntax
    hole_after_refused_scheme
    hole_in_action_url_from_another_origin
    hole_in_action_url_start
    hole_in_attribute_name
    hole_in_boolean_attribute
    hole_in_comment
    hole_in_javascript_url
    hole_in_js_comment
    hole_in_js_regex
    hole_in_js_string
    hole_in_js_template_literal
    hole_in_meta_refresh
    hole_in_script_src_origin
    hole_in_script_type
    hole_in_signal_name
    hole_in_srcdoc_markup
    hole_in_srcset_candidate
    hole_in_style
    hole_in_style_attribute
    hole_in_svg_animation
    hole_in_svg_script
    hole_in_tag_name
    hole_in_unquoted_attribute_value
    hole_inside_tag
    html_document_content_after_body
    html_document_element_in_head
    html_document_missing_head
    html_document_second_body
    html_document_second_doctype
    html_document_text_before_body
    html_document_unfinished
    html_empty
    html_inside_svg
    html_page_without_doctype
    html_statement_separator
    image_element
    invalid_json_literal
    invalid_script_attribute
    javascript_redirect
    label_without_loop
    legacy_mode_names
    legacy_statement_names
    line_break_in_id
    line_break_in_selector
    load_on_element_without_load
    loop_in_unchecked_url
    loop_in_url_list_unaligned
    loop_inside_tag
    loop_without_wait
    malformed_tag
    media_event_on_other_element
    mismatched_closing_tag
    missing_semicolon
    missing_semicolon_before_if
    mode_remove_is_a_statement
    mode_without_selector
    namespace_html_is_the_default
    namespace_loop_at_top_level
    namespace_skips_every_second_node
    nested_link
    no_events
    option_not_accepted
    option_not_bool
    plaintext_element
    prefetch_empty_list
    prefetch_refused_scheme
    prefetch_without_list
    quoted_mode
    redirect_to_refused_scheme
    replace_url_other_origin
    retry_zero
    return_a_value
    script_end_tag_in_script
    selector_unparsable
    self_closing_html_element
    send_without_value
    signals_flatten
    signals_generic_type
    signals_not_an_object
    signals_not_named_fields
    signals_unknown_attribute
    signals_without_value
    signals_unknown_path
    signal_value_kind
    statement_without_argument
    static_id_in_loop
    stray_closing_tag
    svg_child_without_namespace
    table_part_outside_table
    template_if_after_equals
    template_if_after_unfinished_reference
    template_if_attribute_without_space
    template_if_branch_unbalanced
    template_if_text_continues_attribute
    template_without_content
    text_directly_in_table
    text_option_not_text
    top_level_element_without_id
    top_level_text
    trailing_wait
    unbalanced_loop_body
    unclosed_tag
    unfinished_character_reference
    unknown_action
    unknown_duration_unit
    unknown_mode
    unknown_namespace
    unknown_option
    unknown_statement
    unquoted_attribute_value_with_space
    uppercase_key
    view_transition_selector_without_view_transition
    void_element_end_tag
    wait_without_duration
    while_without_wait
    whole_document_end_tag
    whole_document_end_tag_in_script
    window_event_on_element
    zero_wait
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::ALL;

    /// Rules reported by rustc with a trait-bound message of `datastar-core`
    /// (`#[diagnostic::on_unimplemented]`), which ends with the same `[name]`.
    const CORE_RULES: &[&str] = &[
        "component_outside_html_text",
        "elements_not_html",
        "hole_not_display",
        "question_mark_error_not_boxable",
        "question_mark_on_other_type",
        "script_hole_not_json",
        "send_not_events",
        "signal_value_not_serialize",
        "signals_field_type_unknown",
        "signals_type_not_derived",
    ];

    /// The `[name]` at the end of a diagnostic's first line (a warning's too).
    fn named_rule(line: &str) -> Option<&str> {
        let message = line
            .strip_prefix("error")
            .or_else(|| line.strip_prefix("warning"))?
            .split_once(": ")?
            .1;
        let name = message.strip_suffix(']')?.rsplit_once(" [")?.1;
        name.bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'_')
            .then_some(name)
    }

    #[test]
    fn every_rule_has_its_ui_case_and_a_place_in_the_reference() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let ui = root.join("tests/tests/ui");
        let docs = root.join("datastar-core/docs");
        let reference = fs::read_to_string(docs.join("dsl.md")).unwrap()
            + &fs::read_to_string(docs.join("pages.md")).unwrap();
        let names: Vec<&str> = ALL
            .iter()
            .map(|rule| rule.name())
            .chain(CORE_RULES.iter().copied())
            .collect();
        let mut problems = Vec::new();
        for (index, name) in names.iter().enumerate() {
            if names[..index].contains(name) {
                problems.push(format!("`{name}` is listed twice"));
            }
            match fs::read_to_string(ui.join(format!("{name}.stderr"))) {
                Ok(stderr) if stderr.lines().any(|line| named_rule(line) == Some(name)) => {}
                Ok(_) => problems.push(format!("tests/ui/{name}.stderr does not show `[{name}]`")),
                Err(_) => problems.push(format!("`{name}` has no ui case tests/ui/{name}.rs")),
            }
            if !reference.contains(&format!("`{name}`")) {
                problems.push(format!("the DSL reference does not list `{name}`"));
            }
        }
        for entry in fs::read_dir(&ui).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_none_or(|extension| extension != "stderr")
            {
                continue;
            }
            for line in fs::read_to_string(&path).unwrap().lines() {
                if let Some(name) = named_rule(line)
                    && !names.contains(&name)
                {
                    problems.push(format!(
                        "{} shows `[{name}]`, which is no rule",
                        path.display()
                    ));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
