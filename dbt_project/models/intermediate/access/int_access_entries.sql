-- Every entry TA 17-7 access rules judge: OSOS services (latest version; a correction
-- keeps the original entry time and user) and REOS status records (every status a user
-- recorded, each once).
with

services as (

    select * from {{ ref('int_services_latest') }}

),

appointments as (

    select * from {{ ref('stg_reos__appointments') }}

),

status_records as (

    select *
    from appointments
    qualify row_number() over (
        partition by appointment_id, appointment_status, status_recorded_at
        order by extract_date desc, source_line desc
    ) = 1

),

final as (

    select
        service_id as entry_id,
        'OSOS' as system,
        'service' as entry_kind,
        staff_key,
        office_id,
        entered_at,
        {{ to_office_date('entered_at') }} as entry_date
    from services

    union all

    select
        appointment_id || '/' || appointment_status as entry_id,
        'REOS' as system,
        'appointment_status' as entry_kind,
        status_staff_key as staff_key,
        office_id,
        status_recorded_at as entered_at,
        {{ to_office_date('status_recorded_at') }} as entry_date
    from status_records

)

select * from final
