-- The one place the entry-lag rule lives (NYSDOL TA 17-7): business days d with
-- service_date < d <= entry_date (macro business_days_between, the ordinal join on the
-- calendar's business_day_number). Every mart takes its lag and is_timely from here.

with

services as (

    select * from {{ ref('int_services_latest') }}

),

calendar_days as (

    select * from {{ ref('int_calendar_days') }}

),

services_with_entry_date as (

    select
        *,
        {{ to_office_date('entered_at') }} as entry_date
    from services

),

services_lagged as (

    -- a date outside the calendar leaves the lag null (and fails a test) instead of
    -- silently dropping the service
    select
        services_with_entry_date.*,
        {{ business_days_between(
            'calendar_days',
            'services_with_entry_date.service_date',
            'services_with_entry_date.entry_date'
        ) }} as entry_lag_business_days
    from services_with_entry_date

),

final as (

    select
        service_id,
        participant_key,
        enrollment_id,
        staff_key,
        office_id,
        program_code,
        service_code,
        service_name,
        service_date,
        entered_at,
        entry_date,
        entry_lag_business_days,
        entry_lag_business_days <= {{ var('timely_business_days') | int }} as is_timely,
        extract_date
    from services_lagged

)

select * from final
