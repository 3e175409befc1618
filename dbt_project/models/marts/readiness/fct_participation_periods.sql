-- depends_on: {{ ref('int_readiness_refresh_scope') }}
-- Incremental (see the YAML): a night recomputes only the participants of
-- int_readiness_refresh_scope.
{{
    config(
        materialized='incremental',
        incremental_strategy='refresh_scope',
        refresh_scope='int_readiness_refresh_scope',
        unique_key='participant_key',
        on_schema_change='fail'
    )
}}

with

exits as (

    select * from {{ ref('int_participation_exits') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),

final as (

    select
        ---------- ids
        exits.enrollment_id,
        exits.participant_key,

        ---------- where
        exits.office_id,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name,

        ---------- period
        exits.program_code as program,
        exits.exit_group,
        exits.entry_date,
        exits.recorded_exit_date,
        exits.derived_exit_date,
        exits.last_qualifying_service_date,
        exits.exit_comparison,
        exits.exit_comparison in ('recorded_only', 'derived_only', 'dates_differ')
            as is_exit_disagreement

    from exits
    left join offices
        on exits.office_id = offices.office_id

)

select * from final
