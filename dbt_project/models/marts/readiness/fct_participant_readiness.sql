-- Is each participant's PIRL record for a program and report quarter ready to
-- submit? A participant is counted in every quarter one of their periods of
-- participation in the program touches; the record is ready when none of those
-- periods fails an edit check (valid values, duplicates, logical rules).
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

participation_quarters as (

    select * from {{ ref('int_participation_quarters') }}

),

element_values as (

    select * from {{ ref('int_pirl_element_values') }}

),

edit_checks as (

    select * from {{ ref('fct_reporting_edit_checks') }}

),

participants as (

    select * from {{ ref('int_participants_in_scope') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),

required_elements as (

    select
        enrollment_id,
        list_sort(list(pirl_element)) as required_elements
    from element_values
    where is_required
    group by enrollment_id

),

enrollment_checks as (

    select
        enrollment_id,
        list_sort(list(distinct pirl_element) filter (where rule_id like 'REQ%'))
            as missing_elements,
        list_sort(list(distinct pirl_element) filter (where check_class = 'valid_value'))
            as invalid_elements,
        list_sort(list(distinct pirl_element) filter (where rule_id not like 'REQ%'))
            as failing_elements,
        list_sort(list(distinct rule_id)) as failed_rules,
        -- (stage, rule, message) so the reason can list failures in WIPS order
        list(struct_pack(wips_stage, rule_id, message)) as failures
    from edit_checks
    group by enrollment_id

),

participant_quarters as (

    select
        participation_quarters.participant_key,
        participation_quarters.program_code as program,
        participation_quarters.program_year,
        participation_quarters.program_quarter,
        participation_quarters.report_quarter,
        participation_quarters.quarter_start,
        participation_quarters.quarter_end,
        arg_max(participation_quarters.office_id, participation_quarters.entry_date) as office_id,
        list_sort(list(participation_quarters.enrollment_id)) as enrollment_ids,
        min(participation_quarters.entry_date) as first_entry_date,
        bool_or(participation_quarters.is_exiter_in_quarter) as is_exiter_in_quarter,
        list_sort(list_distinct(flatten(list(coalesce(required_elements.required_elements, []))))) as required_elements,
        list_sort(list_distinct(flatten(list(coalesce(enrollment_checks.missing_elements, []))))) as missing_elements,
        list_sort(list_distinct(flatten(list(coalesce(enrollment_checks.invalid_elements, []))))) as invalid_elements,
        list_sort(list_distinct(flatten(list(coalesce(enrollment_checks.failing_elements, []))))) as failing_elements,
        list_sort(list_distinct(flatten(list(coalesce(enrollment_checks.failed_rules, []))))) as failed_rules,
        list_sort(list_distinct(flatten(list(coalesce(enrollment_checks.failures, []))))) as failures
    from participation_quarters
    left join required_elements
        on participation_quarters.enrollment_id = required_elements.enrollment_id
    left join enrollment_checks
        on participation_quarters.enrollment_id = enrollment_checks.enrollment_id
    group by all

),

final as (

    select
        ---------- grain
        participant_quarters.participant_key,
        participant_quarters.program,
        participant_quarters.report_quarter,

        ---------- quarter
        participant_quarters.program_year,
        participant_quarters.program_quarter,
        participant_quarters.quarter_start,
        participant_quarters.quarter_end,

        ---------- where
        participant_quarters.office_id,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name,

        ---------- participation
        participant_quarters.enrollment_ids,
        participant_quarters.first_entry_date,
        participant_quarters.is_exiter_in_quarter,
        coalesce(participants.has_ssn, false) as has_ssn,

        ---------- readiness
        participant_quarters.required_elements,
        participant_quarters.missing_elements,
        participant_quarters.invalid_elements,
        participant_quarters.failing_elements,
        len(participant_quarters.failures) as edit_check_failures,
        participant_quarters.failed_rules,
        len(participant_quarters.failures) = 0 as is_reporting_ready,
        case
            when len(participant_quarters.failures) = 0 then 'ready'
            else array_to_string(list_transform(participant_quarters.failures, lambda f: f.message), '; ')
        end as readiness_reason

    from participant_quarters
    left join participants
        on participant_quarters.participant_key = participants.participant_key
    left join offices
        on participant_quarters.office_id = offices.office_id

)

select * from final
