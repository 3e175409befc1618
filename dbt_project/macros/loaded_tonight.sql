{#-
    For an incremental fact: true for the staging rows that the loads of the build
    being run added (stg_pipeline__night_loads, written by the nightly run into the
    candidate). Read at run time rather than passed as a dbt var: a var that changes
    every night would make dbt re-parse the whole project every night.
-#}
{% macro loaded_tonight(load_id_column='load_id') -%}
    {{ load_id_column }} in (select load_id from {{ ref('stg_pipeline__night_loads') }})
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
