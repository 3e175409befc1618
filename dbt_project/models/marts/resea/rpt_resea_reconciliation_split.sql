-- Attended RESEA appointments by how they reconcile with OSOS: the run summary's split.
{{ config(materialized='view') }}

with

reconciliation as (

    select * from {{ ref('fct_resea_osos_reconciliation') }}

),

counted as (

    -- appointments held before the first OSOS night loaded are left out
    select
        match_status,
        count(*) as attended_appointments
    from reconciliation
    where not is_before_osos_coverage
    group by match_status

),

final as (

    select
        ---------- grain
        match_status,
        array_position(['matched', 'matched_late', 'missing'], match_status) as status_order,

        ---------- measures
        attended_appointments,
        100.0 * attended_appointments / sum(attended_appointments) over () as pct_of_attended

    from counted

)

select * from final
