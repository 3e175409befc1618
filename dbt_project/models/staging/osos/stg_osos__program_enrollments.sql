with

source as (

    select * from {{ source('osos', 'program_enrollments') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('enrollment_id') }} as enrollment_id,
        {{ clean_string('participant_key') }} as participant_key,
        {{ clean_string('office_id') }} as office_id,

        ---------- codes
        {{ clean_string('program_code') }} as program_code,

        ---------- dates
        {{ parse_date('entry_date') }} as entry_date,
        {{ parse_date('exit_date') }} as exit_date,

        ---------- timestamps
        {{ parse_timestamptz('updated_at') }} as updated_at,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
