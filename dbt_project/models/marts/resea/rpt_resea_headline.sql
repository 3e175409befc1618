-- The RESEA headline of the run summary, one row: scheduling and outcome timeliness of
-- every appointment, and the size of the OSOS reconciliation.
{{ config(materialized='view') }}

with

appointments as (

    select * from {{ ref('fct_resea_appointments') }}

),

reconciliation as (

    select * from {{ ref('fct_resea_osos_reconciliation') }}

),

timeliness as (

    select
        count(is_scheduled_timely) as first_initials_judged,
        round(
            100.0 * count(*) filter (where is_scheduled_timely)
            / nullif(count(is_scheduled_timely), 0),
            1
        ) as pct_scheduled_timely,
        count(*) filter (where has_outcome) as outcomes_recorded,
        round(
            100.0 * count(*) filter (where is_outcome_timely)
            / nullif(count(*) filter (where has_outcome), 0),
            1
        ) as pct_outcomes_timely
    from appointments

),

reconciled as (

    -- appointments held before the first OSOS night loaded are left out
    select
        count(*) as attended_appointments,
        count(*) filter (where match_status = 'missing' and is_entry_window_open)
            as missing_in_entry_window
    from reconciliation
    where not is_before_osos_coverage

),

final as (

    select
        ---------- scheduling and outcome timeliness
        timeliness.first_initials_judged,
        timeliness.pct_scheduled_timely,
        timeliness.outcomes_recorded,
        timeliness.pct_outcomes_timely,

        ---------- reconciliation with OSOS
        reconciled.attended_appointments,
        reconciled.missing_in_entry_window

    from timeliness
    cross join reconciled

)

select * from final
