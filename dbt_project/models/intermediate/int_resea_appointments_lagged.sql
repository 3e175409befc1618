-- The RESEA timeliness rules, once: the scheduling lag (first payment -> initial
-- appointment) and the outcome-entry lag (appointment -> recording of its outcome), in
-- business days by the office calendar (macro business_days_between).

with

appointments as (

    select * from {{ ref('int_reos_appointments_latest') }}

),

claimants as (

    select * from {{ ref('int_reos_claimants_latest') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days') }}

),

appointments_with_claimants as (

    -- left join: an appointment whose claimant never arrived keeps its row (with a null
    -- selection_date), so the fact table's tests can refuse the night
    select
        appointments.*,
        claimants.osos_participant_key,
        claimants.selection_reason,
        claimants.first_payment_date,
        claimants.selection_date,
        {{ to_office_date('appointments.status_recorded_at') }} as status_recorded_date,
        appointments.appointment_status in (
            {%- for status in var('appointment_outcome_statuses') %}
            '{{ status }}'{{ ',' if not loop.last }}
            {%- endfor %}
        ) as has_outcome,
        appointments.appointment_type = 'INITIAL'
        and row_number() over (
            partition by appointments.claimant_key, appointments.appointment_type
            order by appointments.appointment_date, appointments.scheduled_on, appointments.appointment_id
        ) = 1 as is_first_initial
    from appointments
    left join claimants
        on appointments.claimant_key = claimants.claimant_key

),

appointments_lagged as (

    select
        appointments_with_claimants.*,
        case when appointments_with_claimants.appointment_type = 'INITIAL' then
            {{ business_days_between(
                'calendar_days',
                'appointments_with_claimants.first_payment_date',
                'appointments_with_claimants.appointment_date'
            ) }}
        end as scheduling_lag_business_days,
        case when appointments_with_claimants.has_outcome then
            {{ business_days_between(
                'calendar_days',
                'appointments_with_claimants.appointment_date',
                'appointments_with_claimants.status_recorded_date'
            ) }}
        end as outcome_lag_business_days
    from appointments_with_claimants

),

final as (

    select
        appointment_id,
        claimant_key,
        osos_participant_key,
        office_id,
        status_staff_key,
        appointment_type,
        appointment_status,
        selection_reason,
        selection_date,
        first_payment_date,
        scheduled_on,
        appointment_date,
        status_recorded_at,
        status_recorded_date,
        is_first_initial,
        scheduling_lag_business_days,
        case when is_first_initial then
            scheduling_lag_business_days
            <= {{ var('resea_scheduling_timely_business_days') | int }}
        end as is_scheduled_timely,
        has_outcome,
        outcome_lag_business_days,
        outcome_lag_business_days <= {{ var('timely_business_days') | int }} as is_outcome_timely
    from appointments_lagged

)

select * from final
