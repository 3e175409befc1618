with

appointments as (

    select * from {{ ref('fct_resea_appointments') }}

),

monthly as (

    select
        appointment_month,
        lwda_code,
        lwda_name,
        office_id,
        office_name,
        count(*) as appointments_scheduled,
        count(*) filter (where appointment_status = 'ATTENDED') as attended,
        count(*) filter (where appointment_status = 'FAILED_TO_REPORT') as failed_to_report,
        count(*) filter (where appointment_status = 'RESCHEDULED') as rescheduled,
        count(*) filter (where appointment_status = 'EXCUSED') as excused,
        count(*) filter (where appointment_status = 'SCHEDULED') as awaiting_outcome,
        count(is_scheduled_timely) as first_initials_judged,
        count(*) filter (where is_scheduled_timely) as first_initials_timely,
        count(*) filter (where has_outcome) as outcomes_recorded,
        count(*) filter (where is_outcome_timely) as outcomes_recorded_timely
    from appointments
    group by all

),

final as (

    select
        ---------- grain
        appointment_month,
        lwda_code,
        lwda_name,
        office_id,
        office_name,

        ---------- volumes
        appointments_scheduled,
        attended,
        failed_to_report,
        rescheduled,
        excused,
        awaiting_outcome,

        ---------- scheduling timeliness
        first_initials_judged,
        first_initials_timely,
        round(100.0 * first_initials_timely / nullif(first_initials_judged, 0), 1)
            as pct_scheduled_timely,

        ---------- outcome timeliness
        outcomes_recorded,
        outcomes_recorded_timely,
        round(100.0 * outcomes_recorded_timely / nullif(outcomes_recorded, 0), 1)
            as pct_outcomes_timely

    from monthly

)

select * from final
