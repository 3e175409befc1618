{#-
    For a delta entity (every night's version of a row kept): the latest version
    of each key. A later extract_date replaces an earlier one (a correction);
    within one extract, the later line of the file wins. Expects the staging
    lineage columns extract_date and source_line.
-#}
{% macro latest_version(relation, key_columns) -%}
    select *
    from {{ relation }}
    qualify row_number() over (
        partition by {{ key_columns | join(', ') }}
        order by extract_date desc, source_line desc
    ) = 1
{%- endmacro %}
