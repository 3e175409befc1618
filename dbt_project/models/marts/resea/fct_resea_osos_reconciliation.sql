-- OSOS <-> REOS: was the service delivered at an attended RESEA appointment recorded in
-- OSOS for the same person (crosswalk key), with a RESEA service code, dated the
-- appointment date, and entered within the TA 17-7 window (fct_service_entries.is_timely)?

with

appointments as (

    select * from {{ ref('fct_resea_appointments') }}

),

service_entries as (

    select * from {{ ref('fct_service_entries') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days') }}

),

osos_extracts as (

    select * from {{ ref('stg_osos__services') }}

),

osos_coverage as (

    select
        min(extract_date) as first_extract_date,
        max(extract_date) as as_of_date
    from osos_extracts

),

attended_appointments as (

    select
        appointments.*,
        osos_coverage.first_extract_date,
        osos_coverage.as_of_date
    from appointments
    cross join osos_coverage
    where appointments.appointment_status = 'ATTENDED'

),

resea_services as (

    select *
    from service_entries
    where service_code in (
        {%- for code in var('resea_service_codes') %}
        '{{ code }}'{{ ',' if not loop.last }}
        {%- endfor %}
    )

),

matching_services as (

    -- same person, same day; the earliest-entered match (lowest lag) decides the status
    select
        attended_appointments.appointment_id,
        resea_services.service_id,
        resea_services.service_code,
        resea_services.entry_date,
        resea_services.entry_lag_business_days,
        resea_services.is_timely,
        count(*) over (partition by attended_appointments.appointment_id) as matching_services
    from attended_appointments
    inner join resea_services
        on attended_appointments.osos_participant_key = resea_services.participant_key
        and attended_appointments.appointment_date = resea_services.service_date
    qualify row_number() over (
        partition by attended_appointments.appointment_id
        order by resea_services.entry_lag_business_days, resea_services.service_id
    ) = 1

),

reconciled as (

    select
        attended_appointments.*,
        matching_services.service_id as matched_service_id,
        matching_services.service_code as matched_service_code,
        matching_services.entry_date as matched_entry_date,
        matching_services.entry_lag_business_days,
        coalesce(matching_services.matching_services, 0) as matching_services,
        case
            when matching_services.service_id is null then 'missing'
            when matching_services.is_timely then 'matched'
            else 'matched_late'
        end as match_status,
        {{ business_days_between(
            'calendar_days',
            'attended_appointments.appointment_date',
            'attended_appointments.as_of_date'
        ) }} <= {{ var('timely_business_days') | int }} as is_entry_window_open,
        attended_appointments.appointment_date
        < attended_appointments.first_extract_date as is_before_osos_coverage
    from attended_appointments
    left join matching_services
        on attended_appointments.appointment_id = matching_services.appointment_id

),

final as (

    select
        ---------- ids
        appointment_id,
        claimant_key,
        osos_participant_key,
        office_id,

        ---------- office and area
        office_name,
        lwda_code,
        lwda_name,

        ---------- appointment
        appointment_type,
        appointment_date,
        appointment_month,

        ---------- OSOS match
        match_status,
        matched_service_id,
        matched_service_code,
        matched_entry_date,
        entry_lag_business_days,
        matching_services,
        osos_participant_key is not null as has_crosswalk,
        as_of_date,
        is_entry_window_open,
        is_before_osos_coverage

    from reconciled

)

select * from final
