with

appointments as (

    select * from {{ ref('stg_reos__appointments') }}

),

latest_versions as (

    {{ latest_version('appointments', ['appointment_id']) }}

),

final as (

    select
        appointment_id,
        claimant_key,
        office_id,
        status_staff_key,
        appointment_type,
        appointment_status,
        scheduled_on,
        appointment_date,
        status_recorded_at,
        extract_date
    from latest_versions

)

select * from final
