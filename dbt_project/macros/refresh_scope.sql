{#-
    Incremental strategy 'refresh_scope', for facts whose rows belong to one key
    (a participant) but not one row per key: rows can disappear when a record is
    fixed (an edit-check failure that no longer fails). delete+insert would delete
    only the keys the new batch holds and leave such rows behind, so this strategy
    deletes every key of the model named by config refresh_scope (a model with the
    key column), then inserts the batch, which the model computes for those keys.
-#}
{% macro get_incremental_refresh_scope_sql(arg_dict) -%}
    {%- set key = arg_dict['unique_key'] -%}
    {%- set scope = ref(config.require('refresh_scope')) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }}
    where {{ key }} in (select {{ key }} from {{ scope }});
    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{#-
    Whether this build computes the facts of strategy refresh_scope for every key:
    in a full refresh, and whenever one of those facts does not exist yet (it is
    then created from whatever its inputs hold, so they must hold everyone).
-#}
{% macro refresh_scope_is_everyone() -%}
    {%- set state = namespace(everyone=flags.FULL_REFRESH) -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model'
            and node.config.get('incremental_strategy') == 'refresh_scope' -%}
            {%- if adapter.get_relation(node.database, node.schema, node.alias) is none -%}
                {%- set state.everyone = true -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(state.everyone) }}
{%- endmacro %}
