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

valid_value_failures as (

    select * from {{ ref('int_edit_checks_valid_values') }}

),

duplicate_failures as (

    select * from {{ ref('int_edit_checks_duplicates') }}

),

logical_failures as (

    select * from {{ ref('int_edit_checks_logical') }}

),

enrollments as (

    select * from {{ ref('int_enrollments_in_scope') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),

failures as (

    select * from valid_value_failures
    union all
    select * from duplicate_failures
    union all
    select * from logical_failures

),

final as (

    select
        ---------- ids
        failures.participant_key,
        failures.enrollment_id,

        ---------- where
        enrollments.office_id,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name,

        ---------- the check
        failures.program_code as program,
        failures.pirl_element,
        failures.rule_id,
        failures.check_class,
        -- WIPS runs the classes in this order and stops at the first that fails
        case failures.check_class
            when 'valid_value' then 1
            when 'duplicate' then 2
            else 3
        end as wips_stage,
        failures.value_provided,
        failures.message

    from failures
    left join enrollments
        on failures.enrollment_id = enrollments.enrollment_id
    left join offices
        on enrollments.office_id = offices.office_id

)

select * from final
