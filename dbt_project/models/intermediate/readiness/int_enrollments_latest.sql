with

enrollments as (

    select * from {{ ref('stg_osos__program_enrollments') }}

),

latest_versions as (

    {{ latest_version('enrollments', ['enrollment_id']) }}

),

final as (

    select
        enrollment_id,
        participant_key,
        office_id,
        program_code,
        entry_date,
        exit_date,
        extract_date,
        source_file,
        source_line
    from latest_versions

)

select * from final
