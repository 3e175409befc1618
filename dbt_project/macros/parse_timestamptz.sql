{#-
    A contract `timestamp` (YYYY-MM-DDTHH:MM:SS+HH:MM, with its UTC offset)
    delivered as text, as a TIMESTAMPTZ: the instant, independent of the
    session time zone. Empty or malformed is null.
-#}
{% macro parse_timestamptz(column_name) -%}
    try_cast({{ clean_string(column_name) }} as timestamptz)
{%- endmacro %}
