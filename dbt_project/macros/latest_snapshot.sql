{#-
    For a snapshot entity (every row delivered every night): the rows of the
    most recent night's snapshot only. Expects the staging column extract_date.
-#}
{% macro latest_snapshot(relation) -%}
    select *
    from {{ relation }}
    where extract_date = (select max(extract_date) from {{ relation }})
{%- endmacro %}
