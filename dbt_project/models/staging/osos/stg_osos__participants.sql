with

source as (

    select * from {{ source('osos', 'participants') }}

),

final as (

    select

        ---------- ids
        {{ clean_string('participant_key') }} as participant_key,
        {{ clean_string('home_office_id') }} as home_office_id,

        ---------- protected personal data (transformed at ingest)
        has_ssn,
        ssn_key,
        birth_year,
        date_of_birth_key,

        ---------- codes
        {{ clean_string('sex') }} as sex,

        ---------- dates
        {{ parse_date('registration_date') }} as registration_date,

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
