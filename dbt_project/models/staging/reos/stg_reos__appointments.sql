with

source as (

    select * from {{ source('reos', 'appointments') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('appointment_id') }} as appointment_id,
        {{ clean_string('claimant_key') }} as claimant_key,
        {{ clean_string('office_id') }} as office_id,
        {{ clean_string('status_staff_key') }} as status_staff_key,

        ---------- codes
        {{ clean_string('appointment_type') }} as appointment_type,
        {{ clean_string('status') }} as appointment_status,

        ---------- dates
        {{ parse_date('scheduled_on') }} as scheduled_on,
        {{ parse_date('appointment_date') }} as appointment_date,

        ---------- timestamps
        {{ parse_timestamptz('status_recorded_at') }} as status_recorded_at,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
