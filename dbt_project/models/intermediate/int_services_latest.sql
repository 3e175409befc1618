with

services as (

    select * from {{ ref('stg_osos__services') }}

),

latest_versions as (

    {{ latest_version('services', ['service_id']) }}

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
        extract_date,
        source_file,
        source_line,
        load_id
    from latest_versions

)

select * from final
