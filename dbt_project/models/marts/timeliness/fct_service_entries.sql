with

services_lagged as (

    select * from {{ ref('int_services_lagged') }}

),

offices as (

    select * from {{ ref('int_offices_current') }}

),

services_with_offices as (

    select
        services_lagged.*,
        offices.office_name,
        offices.lwda_code,
        offices.lwda_name
    from services_lagged
    left join offices
        on services_lagged.office_id = offices.office_id

),

final as (

    select
        ---------- ids
        service_id,
        participant_key,
        enrollment_id,
        staff_key,
        office_id,

        ---------- office and area
        office_name,
        lwda_code,
        lwda_name,

        ---------- service
        program_code as program,
        service_code,
        service_name,

        ---------- dates and timestamps
        service_date,
        cast(date_trunc('month', service_date) as date) as service_month,
        entered_at,
        entry_date,

        ---------- timeliness
        entry_lag_business_days,
        is_timely

    from services_with_offices

)

select * from final
