-- RESEA workload counts in the shape of ETA 9128 (line numbers in the column docs):
-- scheduling counts by the quarter an appointment was scheduled in, completions and
-- failures to report by the quarter of the appointment, reschedules by the quarter the
-- reschedule was recorded in.

with

appointments as (

    select * from {{ ref('fct_resea_appointments') }}

),

events as (

    select
        cast(date_trunc('quarter', scheduled_on) as date) as quarter_start_date,
        'scheduled' as event,
        appointment_type,
        is_first_initial
    from appointments

    union all

    select
        cast(date_trunc('quarter', appointment_date) as date),
        case appointment_status
            when 'ATTENDED' then 'completed'
            else 'failed_to_report'
        end,
        appointment_type,
        is_first_initial
    from appointments
    where appointment_status in ('ATTENDED', 'FAILED_TO_REPORT')

    union all

    select
        cast(date_trunc('quarter', status_recorded_date) as date),
        'rescheduled',
        appointment_type,
        is_first_initial
    from appointments
    where appointment_status = 'RESCHEDULED'

),

quarterly as (

    select
        quarter_start_date,
        count(*) filter (where event = 'scheduled' and is_first_initial)
            as claimants_scheduled_first_initial,
        count(*) filter (where event = 'scheduled' and appointment_type = 'INITIAL')
            as initial_scheduled,
        count(*) filter (where event = 'scheduled' and appointment_type = 'SUBSEQUENT')
            as subsequent_scheduled,
        count(*) filter (where event = 'completed' and appointment_type = 'INITIAL')
            as initial_completed,
        count(*) filter (where event = 'completed' and appointment_type = 'SUBSEQUENT')
            as subsequent_completed,
        count(*) filter (where event = 'failed_to_report' and appointment_type = 'INITIAL')
            as initial_failed_to_report,
        count(*) filter (where event = 'failed_to_report' and appointment_type = 'SUBSEQUENT')
            as subsequent_failed_to_report,
        count(*) filter (where event = 'rescheduled') as rescheduled
    from events
    group by quarter_start_date

),

final as (

    select
        ---------- grain
        quarter_start_date,
        year(quarter_start_date) || '-Q' || quarter(quarter_start_date) as report_quarter,

        ---------- line 1
        claimants_scheduled_first_initial,

        ---------- line 2
        initial_scheduled + subsequent_scheduled as reseas_scheduled,
        initial_scheduled,
        subsequent_scheduled,

        ---------- line 3
        initial_completed + subsequent_completed as reseas_completed,
        initial_completed,
        subsequent_completed,

        ---------- line 15
        initial_failed_to_report + subsequent_failed_to_report as failed_to_report,
        initial_failed_to_report,
        subsequent_failed_to_report,

        ---------- line 16
        rescheduled

    from quarterly

)

select * from final
