{#-
    A contract `date` (YYYY-MM-DD) delivered as text, as a DATE. Empty is null;
    a malformed value is null too (the GX gate rejects those before dbt runs, and
    not_null tests on required columns catch any that slip through).
-#}
{% macro parse_date(column_name) -%}
    try_cast({{ clean_string(column_name) }} as date)
{%- endmacro %}
