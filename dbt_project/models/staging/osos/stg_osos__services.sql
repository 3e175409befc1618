with

source as (

    select * from {{ source('osos', 'services') }}

),

final as (

    -- comments (free text typed by staff) is left behind on purpose: it may hold
    -- personal data and no model needs it. Ingest already redacted SSN-shaped numbers
    -- in raw; how many it redacted is kept as a data-quality finding.
    select

        ---------- ids
        {{ clean_string('service_id') }} as service_id,
        {{ clean_string('participant_key') }} as participant_key,
        {{ clean_string('enrollment_id') }} as enrollment_id,
        {{ clean_string('staff_key') }} as staff_key,
        {{ clean_string('office_id') }} as office_id,

        ---------- codes
        {{ clean_string('program_code') }} as program_code,
        {{ clean_string('service_code') }} as service_code,

        ---------- descriptive
        {{ clean_string('service_name') }} as service_name,

        ---------- findings
        comments_ssn_redactions,

        ---------- dates
        {{ parse_date('service_date') }} as service_date,

        ---------- timestamps
        {{ parse_timestamptz('entered_at') }} as entered_at,

        ---------- lineage
        _extract_date as extract_date,
        _source_file as source_file,
        _source_line as source_line,
        _load_id as load_id

    from source

)

select * from final
