with

appointments_lagged as (

    select * from {{ ref('int_resea_appointments_lagged') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),

appointments_with_offices as (

    select
        appointments_lagged.*,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name
    from appointments_lagged
    left join offices
        on appointments_lagged.office_id = offices.office_id

),

final as (

    select
        ---------- ids
        appointment_id,
        claimant_key,
        osos_participant_key,
        status_staff_key,
        office_id,

        ---------- office and area
        office_name,
        lwda_code,
        lwda_name,

        ---------- appointment
        appointment_type,
        appointment_status,
        selection_reason,

        ---------- dates and timestamps
        selection_date,
        first_payment_date,
        scheduled_on,
        appointment_date,
        cast(date_trunc('month', appointment_date) as date) as appointment_month,
        status_recorded_at,
        status_recorded_date,

        ---------- scheduling timeliness
        is_first_initial,
        scheduling_lag_business_days,
        is_scheduled_timely,

        ---------- outcome timeliness
        has_outcome,
        outcome_lag_business_days,
        is_outcome_timely

    from appointments_with_offices

)

select * from final
