{#-
    For an incremental fact: true for the staging rows the night being built
    loaded (lineage column load_id in var night_load_ids, which the nightly run
    passes). Without the var every row counts as loaded tonight, so a hand-run
    `dbt build` refreshes every row: slow, never wrong.
-#}
{% macro loaded_tonight(load_id_column='load_id') -%}
    {%- set load_ids = var('night_load_ids', none) -%}
    {%- if load_ids is none -%}
        true
    {%- elif load_ids | length == 0 -%}
        false
    {%- else -%}
        {{ load_id_column }} in (
            {%- for load_id in load_ids %}'{{ load_id | replace("'", "''") }}'{{ ',' if not loop.last }}{% endfor -%}
        )
    {%- endif -%}
{%- endmacro %}

{#-
    Offices whose name or LWDA in the latest snapshot differs from what an
    incremental fact holds: their rows are refreshed too. Expects the fact to
    carry office_id, office_name, lwda_code, lwda_name.
-#}
{% macro offices_changed_since(fact_relation, offices_relation) -%}
    select office_id, office_name, lwda_code, lwda_name from {{ offices_relation }}
    except
    select distinct office_id, office_name, lwda_code, lwda_name from {{ fact_relation }}
{%- endmacro %}
