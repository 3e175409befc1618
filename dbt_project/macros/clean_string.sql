{#- A delivered text value, trimmed, with the empty string read as null. -#}
{% macro clean_string(column_name) -%}
    nullif(trim({{ column_name }}), '')
{%- endmacro %}
